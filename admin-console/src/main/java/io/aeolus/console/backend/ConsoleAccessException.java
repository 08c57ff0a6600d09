package io.aeolus.console.backend;

/**
 * The broker refused the console: the user could not be authenticated, or is authenticated but may not manage
 * the broker. The console shows each differently, so the user knows whether to fix the password or ask for the
 * {@code manage} permission.
 */
public final class ConsoleAccessException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * Why access was refused.
     */
    public enum Reason
    {
        /** Wrong user name or password (the broker does not say which). */
        AUTHENTICATION_FAILED,
        /** Logged in, but without the {@code manage} permission on the management queue or metrics topic. */
        NOT_ALLOWED_TO_MANAGE
    }

    private final Reason reason;
    private final String user;

    /**
     * Creates the exception.
     *
     * @param reason why access was refused.
     * @param user   the user name tried, empty when anonymous.
     * @param detail the broker's own words.
     * @param cause  the underlying exception, may be null.
     */
    public ConsoleAccessException(final Reason reason, final String user, final String detail, final Throwable cause)
    {
        super(detail, cause);
        this.reason = reason;
        this.user = null == user ? "" : user;
    }

    /**
     * Why access was refused.
     *
     * @return the reason.
     */
    public Reason reason()
    {
        return reason;
    }

    /**
     * The user name tried.
     *
     * @return the name, empty when anonymous.
     */
    public String user()
    {
        return user;
    }
}
