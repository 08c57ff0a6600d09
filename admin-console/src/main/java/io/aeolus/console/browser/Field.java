package io.aeolus.console.browser;

/**
 * One header or property of the shown message, as text.
 *
 * @param name  header or property name.
 * @param value its value as text.
 */
public record Field(String name, String value)
{
}
