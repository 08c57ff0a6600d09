package io.aeolus.console.subscriptions;

import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import jakarta.jms.JMSException;

import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubscriptionsViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");
    private static final SubscriptionInfo AUDIT =
        new SubscriptionInfo("prices", "audit", "auditor", true, false, "venue = 'X'", 120, 3, 1);
    private static final SubscriptionInfo UI = new SubscriptionInfo("alerts", "ui", "", false, true, "", 5, 0, 4);
    private static final SubscriptionInfo BOTH = new SubscriptionInfo("alerts", "pager", "", true, true, "", 0, 0, 2);

    private final FakeBackend backend = new FakeBackend();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final SubscriptionsViewModel viewModel =
        new SubscriptionsViewModel(backend, new ImmediateTaskRunner(), notifier, BUNDLE);

    @Test
    void shouldListSubscriptionsByTopicAndNameWithTheirBacklog()
    {
        backend.addSubscription(AUDIT).addSubscription(UI).addSubscription(BOTH);

        viewModel.reload();

        assertEquals(List.of(BOTH, UI, AUDIT), viewModel.subscriptions());
        assertEquals(125, viewModel.totalBacklogProperty().get());
        assertEquals("3 subscription(s), 125 message(s) waiting", viewModel.statusProperty().get());
    }

    @Test
    void shouldNameTheKindOfEachSubscription()
    {
        assertEquals("durable", viewModel.kind(AUDIT));
        assertEquals("non-durable, shared", viewModel.kind(UI));
        assertEquals("durable, shared", viewModel.kind(BOTH));
    }

    @Test
    void shouldTellWhenLoadingFails()
    {
        backend.failOn("subscriptions", new JMSException("not connected to a broker", "NOT_CONNECTED"));

        viewModel.reload();

        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("not connected to a broker", notifier.history().get(0).text());
        assertEquals("Failed: not connected to a broker", viewModel.statusProperty().get());
    }
}
