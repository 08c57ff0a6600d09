package io.aeolus.console.notifications;

import java.util.Objects;

/**
 * One notification for the user; immutable.
 *
 * @param level how much it matters.
 * @param title a few words naming the operation, e.g. "Purge failed".
 * @param text  what happened, in words; never a stack trace.
 */
public record Notice(NoticeLevel level, String title, String text)
{
    /**
     * Validates the fields.
     */
    public Notice
    {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }
}
