package io.aeolus.console.notifications;

import io.aeolus.console.backend.ConsoleAccessException;
import jakarta.jms.JMSSecurityException;

import java.util.ResourceBundle;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");

    @Test
    void shouldUseTheMessageOfTheExceptionThatSaysWhatWentWrong()
    {
        final Exception wrapped = new ExecutionException(new RuntimeException(
            new JMSSecurityException("user 'bob' is not allowed to manage 'payroll' (needs permission manage)")));

        assertEquals("user 'bob' is not allowed to manage 'payroll' (needs permission manage)",
            Failures.describe(wrapped, BUNDLE));
    }

    @Test
    void shouldNameTheExceptionWhenItHasNoMessage()
    {
        assertEquals("NullPointerException", Failures.describe(new NullPointerException(), BUNDLE));
        assertEquals("Unknown failure", Failures.describe(null, BUNDLE));
    }

    @Test
    void shouldTellAWrongPasswordFromAMissingManagePermission()
    {
        final String login = Failures.describe(new ConsoleAccessException(
            ConsoleAccessException.Reason.AUTHENTICATION_FAILED, "carol", "authentication failed", null), BUNDLE);
        final String manage = Failures.describe(new ConsoleAccessException(
            ConsoleAccessException.Reason.NOT_ALLOWED_TO_MANAGE, "carol", "user 'carol' is not allowed to manage " +
            "'aeolus.metrics' (needs permission manage)", null), BUNDLE);

        assertTrue(login.startsWith("Authentication failed for user 'carol': wrong user name or password"), login);
        assertTrue(manage.startsWith("User 'carol' is not allowed to manage this broker"), manage);
        assertTrue(manage.contains("manage permission"), manage);
    }

    @Test
    void shouldSpotAccessDenialsHoweverWrapped()
    {
        assertTrue(Failures.isAccessDenied(new ExecutionException(new ConsoleAccessException(
            ConsoleAccessException.Reason.AUTHENTICATION_FAILED, "", "authentication failed", null))));
        assertFalse(Failures.isAccessDenied(new IllegalStateException("x")));
    }

    @Test
    void shouldKeepAtMostTheLastHundredNotices()
    {
        final Notifier notifier = new Notifier(BUNDLE);
        for (int i = 0; i < Notifier.HISTORY_SIZE + 5; i++)
        {
            notifier.info("t", Integer.toString(i));
        }

        assertEquals(Notifier.HISTORY_SIZE, notifier.history().size());
        assertEquals("5", notifier.history().get(0).text());
    }
}
