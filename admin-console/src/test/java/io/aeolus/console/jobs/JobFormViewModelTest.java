package io.aeolus.console.jobs;

import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.backend.DryRunResult;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.JobKind;
import io.aeolus.console.backend.JobRequest;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import jakarta.jms.InvalidSelectorException;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobFormViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");

    private final FakeBackend backend = new FakeBackend().clock(() -> 1_000_000L).pagedOut("DLQ.orders", 40);
    private final Notifier notifier = new Notifier(BUNDLE);
    private final List<Long> started = new ArrayList<>();

    @BeforeEach
    void fillDeadLetterQueue()
    {
        for (int i = 0; i < 6; i++)
        {
            backend.addDeadLetter("DLQ.orders", new DeadLetter("ID:" + i, i == 5 ? "" : "orders",
                i % 2 == 0 ? "expired" : "max delivery attempts (5) exceeded", 1_000L * i, 5));
        }
    }

    @Test
    void shouldStartOnlyAfterADryRunOfTheFormAsItIs()
    {
        final JobFormViewModel form = form(List.of());
        form.rateProperty().set("20");
        assertFalse(form.canStartBinding().get());

        form.dryRun();

        assertEquals(new DryRunResult(46, 1, 40), form.dryRunProperty().get(), "by selector, paged out included");
        assertEquals("46 message(s) match, 1 of them would be skipped. 40 of them are paged out to the journal; "
            + "the job reads them from there.", form.dryRunTextProperty().get());
        assertTrue(form.canStartBinding().get());

        form.selectorProperty().set("AEOLUS_DLQ_REASON = 'expired'");

        assertNull(form.dryRunProperty().get(), "a change asks for a new count");
        assertFalse(form.canStartBinding().get());
    }

    @Test
    void shouldStartARateLimitedRetryBySelectorAndTellOfIt()
    {
        final JobFormViewModel form = form(List.of());
        form.selectorProperty().set("AEOLUS_DLQ_REASON = 'expired'");
        form.rateProperty().set("20");
        form.dryRun();
        assertEquals(3, form.dryRunProperty().get().matched());

        form.start();

        assertTrue(form.startedProperty().get());
        assertEquals(List.of(1L), started);
        assertEquals(new JobRequest(JobKind.RETRY, "DLQ.orders", "", "AEOLUS_DLQ_REASON = 'expired'", null, 20),
            form.request());
        assertEquals("Job 1 started", notifier.history().get(0).title());
        assertEquals("Retry of the messages matching AEOLUS_DLQ_REASON = 'expired' in DLQ.orders, at most 20 per "
            + "second", notifier.history().get(0).text());
    }

    @Test
    void shouldActOnTheSelectedMessagesWhenThereAreSome()
    {
        final JobFormViewModel form = form(List.of("ID:1", "ID:3"));

        assertTrue(form.useSelectedProperty().get());
        form.dryRun();

        assertEquals(2, form.dryRunProperty().get().matched());
        assertEquals(List.of("ID:1", "ID:3"), form.request().messageIds());
    }

    @Test
    void shouldRefuseAMoveWithoutATargetAndABadRate()
    {
        final JobFormViewModel form = form(List.of());
        form.kindProperty().set(JobKind.MOVE);

        assertEquals("Target queue: enter the queue to move the messages to", form.problemProperty().get());
        assertFalse(form.canDryRunBinding().get());

        form.targetProperty().set("orders.parked");
        form.rateProperty().set("fast");

        assertEquals("Rate: 'fast' is not a whole number of messages per second from 1 to 1,000,000 (empty for no "
            + "limit)", form.problemProperty().get());

        form.rateProperty().set("");

        assertEquals("", form.problemProperty().get());
        assertTrue(form.canDryRunBinding().get());
    }

    @Test
    void shouldRefuseToChooseSelectedMessagesWhenNoneAre()
    {
        final JobFormViewModel form = form(List.of());

        form.useSelectedProperty().set(true);

        assertEquals("No messages are selected: choose By selector", form.problemProperty().get());
    }

    @Test
    void shouldShowTheBrokersWordsWhenTheDryRunFails()
    {
        backend.failOn("dryRun", new InvalidSelectorException("unexpected end of selector after 'reason ='"));
        final JobFormViewModel form = form(List.of());
        form.selectorProperty().set("reason =");

        form.dryRun();

        assertEquals("Dry run failed: unexpected end of selector after 'reason ='", form.dryRunTextProperty().get());
        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertFalse(form.canStartBinding().get());
    }

    private JobFormViewModel form(final List<String> ids)
    {
        return new JobFormViewModel(backend, new ImmediateTaskRunner(), notifier, BUNDLE, started::add,
            "DLQ.orders", true, ids);
    }
}
