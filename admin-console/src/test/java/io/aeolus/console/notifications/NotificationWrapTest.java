package io.aeolus.console.notifications;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notification's text broken into lines that fit its window (issue #20, defect 3), a destination's long name too.
 */
@Timeout(10)
class NotificationWrapTest
{
    @Test
    void shouldBreakTextIntoLinesAtSpaces()
    {
        assertEquals("the broker\nrefused it", NotificationPresenter.wrap("the broker refused it", 12));
        assertEquals("short", NotificationPresenter.wrap("short", 12));
    }

    @Test
    void shouldBreakANameLongerThanALineAfterASeparatorAndKeepEveryCharacter()
    {
        final String name = "payments.inbound.europe-west-1.settlements.retries";
        final String text = "queue '" + name + "' has consumers; close them first";

        final String wrapped = NotificationPresenter.wrap(text, 20);

        assertTrue(Arrays.stream(wrapped.split("\n")).allMatch((line) -> line.length() <= 20), wrapped);
        assertEquals("queue\n'payments.inbound.\neurope-west-1.\nsettlements.retries'\nhas consumers; close\n" +
            "them first", wrapped);
    }

    @Test
    void shouldCutAWordWithoutSeparatorsAtTheLinesLength()
    {
        assertEquals("abcdefghij\nklmnopqrst\nuv", NotificationPresenter.wrap("abcdefghijklmnopqrstuv", 10));
    }
}
