package io.aeolus.console.browser;

/**
 * How the viewer shows a message body; the user switches between them.
 */
public enum BodyFormat
{
    /** Pretty-printed JSON, when the body is valid JSON. */
    JSON,
    /** Pretty-printed XML, when the body is well-formed XML without a DTD. */
    XML,
    /** The text as it is. */
    TEXT,
    /** A hex dump: offset | hex | ASCII. */
    HEX
}
