package io.aeolus.console.notifications;

import io.aeolus.console.backend.ConsoleAccessException;

import java.lang.reflect.InvocationTargetException;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Describes a failure in words for the user: the message of the exception that says what went wrong, past
 * wrappers that only carry a cause; the class name only when there is no message; a refused login or a missing
 * {@code manage} permission in the console's own words. Never a stack trace. Stateless; any thread.
 */
public final class Failures
{
    private static final int MAX_CAUSES = 16;

    private Failures()
    {
    }

    /**
     * Describes a failure.
     *
     * @param failure the failure, may be null.
     * @param bundle  UI text for the console's own messages.
     * @return one or two sentences.
     */
    public static String describe(final Throwable failure, final ResourceBundle bundle)
    {
        final Throwable cause = unwrap(failure);
        if (null == cause)
        {
            return bundle.getString("failure.unknown");
        }
        if (cause instanceof ConsoleAccessException)
        {
            final ConsoleAccessException access = (ConsoleAccessException)cause;
            final String user = access.user().isEmpty() ? bundle.getString("failure.anonymous") : access.user();
            final String key = access.reason() == ConsoleAccessException.Reason.AUTHENTICATION_FAILED ?
                "failure.authentication" : "failure.notAllowedToManage";
            return MessageFormat.format(bundle.getString(key), user, String.valueOf(access.getMessage()));
        }
        final String message = cause.getMessage();
        if (null == message || message.isBlank())
        {
            return cause.getClass().getSimpleName();
        }
        return message.strip();
    }

    /**
     * Whether a failure is the broker refusing the console (wrong credentials or no {@code manage} permission).
     *
     * @param failure the failure, may be null.
     * @return true for a {@link ConsoleAccessException}, however wrapped.
     */
    public static boolean isAccessDenied(final Throwable failure)
    {
        return unwrap(failure) instanceof ConsoleAccessException;
    }

    private static Throwable unwrap(final Throwable failure)
    {
        Throwable current = failure;
        for (int i = 0; i < MAX_CAUSES && null != current && null != current.getCause() && isWrapper(current); i++)
        {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isWrapper(final Throwable failure)
    {
        if (failure instanceof ExecutionException || failure instanceof CompletionException ||
            failure instanceof InvocationTargetException)
        {
            return true;
        }
        // A wrapper made with new RuntimeException(cause) repeats the cause's toString() as its message.
        final String message = failure.getMessage();
        return null == message || message.isBlank() || message.equals(failure.getCause().toString());
    }
}
