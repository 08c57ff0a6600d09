package io.aeolus.console.destinations;

import io.aeolus.console.backend.ActionsOnlyBackend;
import io.aeolus.console.backend.BrokerActions;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.notifications.Notice;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import io.aeolus.console.trash.TrashViewModel;
import io.aeolus.management.SettingInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A destination's own settings in the console's lifecycle logic, over a scripted broker: typed settings checked
 * before the broker is asked, a create carrying them, the edit dialog's text, and a save that takes back what was
 * removed and sets only what changed; the broker's refusal shown with its reason.
 */
@Timeout(10)
class DestinationSettingsLifecycleTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");
    private static final List<SettingInfo> BEFORE = List.of(new SettingInfo("max.delivery.attempts", "3", true),
        new SettingInfo("memory.limit", "1048576", true), new SettingInfo("expiry.queue", "", false));

    private final List<String> calls = new ArrayList<>();
    private final AtomicReference<Exception> refusal = new AtomicReference<>();
    private final AtomicInteger changes = new AtomicInteger();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final BrokerActions actions = new BrokerActions()
    {
        public boolean createDestination(final String name, final boolean topic, final Map<String, String> settings)
            throws Exception
        {
            calls.add("create " + name + " " + topic + " " + settings);
            return true;
        }

        public List<SettingInfo> changeDestinationSettings(final String name, final boolean topic,
            final Map<String, String> set, final List<String> reset) throws Exception
        {
            if (null != refusal.get())
            {
                throw refusal.get();
            }
            calls.add("change " + name + " " + topic + " set " + set + " reset " + reset);
            return BEFORE;
        }
    };
    private final TrashViewModel trash = new TrashViewModel(ActionsOnlyBackend.of(actions), new ImmediateTaskRunner(),
        notifier, BUNDLE, () -> { });
    private final DestinationLifecycle lifecycle = new DestinationLifecycle(ActionsOnlyBackend.of(actions),
        new ImmediateTaskRunner(), notifier, BUNDLE, trash, changes::incrementAndGet);

    private static DestinationRow row(final String name, final DestinationType type)
    {
        return new DestinationRow(new DestinationInfo(name, type, 0, 0, 0, 0, 0, false));
    }

    @Test
    void typedSettingsAreCheckedLineByLineBeforeTheBrokerIsAsked()
    {
        assertEquals("", lifecycle.validateSettings("max.delivery.attempts=3\n\n memory.limit = 16m \n"));
        assertEquals("", lifecycle.validateSettings(""));
        assertEquals("Line 2: expected name=value, not 'memory.limit'.",
            lifecycle.validateSettings("max.delivery.attempts=3\nmemory.limit"));
        assertEquals("Line 1: expected name=value, not '=5'.", lifecycle.validateSettings("=5"));

        lifecycle.create("orders", false, "oops");

        assertEquals(List.of(), calls);
    }

    @Test
    void aNewDestinationCarriesItsSettings()
    {
        lifecycle.create("prices", true, "memory.limit = 16m\nretention.time=1h\n");

        assertEquals(List.of("create prices true {memory.limit=16m, retention.time=1h}"), calls);
        assertEquals(1, changes.get());
    }

    @Test
    void theEditStartsFromTheDestinationsOwnSettings()
    {
        assertEquals("max.delivery.attempts=3\nmemory.limit=1048576\n", DestinationLifecycle.ownSettingsText(BEFORE));
        assertTrue(lifecycle.canEditSettings(row("orders", DestinationType.QUEUE)));
        assertFalse(lifecycle.canEditSettings(row("aeolus.management", DestinationType.QUEUE)), "built-in");
        assertFalse(lifecycle.canEditSettings(null));
    }

    @Test
    void saveTakesBackWhatWasRemovedAndSetsOnlyWhatChanged()
    {
        lifecycle.saveSettings(row("orders", DestinationType.QUEUE), BEFORE,
            "memory.limit=1048576\nexpiry.queue=expired\n");

        assertEquals(List.of("change orders false set {expiry.queue=expired} reset [max.delivery.attempts]"), calls);
        assertEquals("2 setting(s) changed.", last().text());
        assertEquals(1, changes.get());
    }

    @Test
    void theBrokersRefusalIsShownWithItsReason()
    {
        refusal.set(new IllegalStateException("settings 'retention.time' and 'retention.size' cannot change on " +
            "the existing topic 'events'"));

        lifecycle.saveSettings(row("events", DestinationType.TOPIC), List.of(), "retention.time=2h");

        assertEquals("Changing the settings of events failed", last().title());
        assertTrue(last().text().contains("cannot change on the existing topic 'events'"), last().text());
        assertEquals(0, changes.get());
    }

    private Notice last()
    {
        return notifier.history().get(notifier.history().size() - 1);
    }
}
