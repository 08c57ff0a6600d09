package io.aeolus.console.notifications;

import java.util.Objects;

/**
 * One notification for the user; immutable.
 *
 * @param level  how much it matters.
 * @param title  a few words naming the operation, e.g. "Purge failed".
 * @param text   what happened, in words; never a stack trace.
 * @param action what the user can do about it from the notification (e.g. undo), or null.
 */
public record Notice(NoticeLevel level, String title, String text, NoticeAction action)
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

    /**
     * A notice without an action.
     *
     * @param level how much it matters.
     * @param title a few words naming the operation.
     * @param text  what happened, in words.
     */
    public Notice(final NoticeLevel level, final String title, final String text)
    {
        this(level, title, text, null);
    }
}
