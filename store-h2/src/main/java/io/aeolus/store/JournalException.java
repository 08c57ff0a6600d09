package io.aeolus.store;

/**
 * A failure of the journal: an I/O or database error, or a schema the journal cannot read. After a write failure
 * the journal accepts no further writes. The H2 exception, if any, is the cause.
 */
public final class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * A failure with a message.
     *
     * @param message what failed.
     */
    public JournalException(final String message)
    {
        super(message);
    }

    /**
     * A failure with a message and its cause.
     *
     * @param message what failed.
     * @param cause   the underlying exception.
     */
    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
