package io.aeolus.console.browser;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.backend.SystemDestinations;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import jakarta.jms.InvalidSelectorException;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageBrowserViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");

    private final FakeBackend backend = new FakeBackend();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final SimpleBooleanProperty hideSystem = new SimpleBooleanProperty(true);
    private final MessageBrowserViewModel viewModel =
        new MessageBrowserViewModel(backend, new ImmediateTaskRunner(), notifier, BUNDLE, hideSystem);

    @BeforeEach
    void fillQueue()
    {
        for (int i = 0; i < 120; i++)
        {
            final String body = "{\"n\":" + i + "}";
            backend.addMessage("orders", new BrowsedMessage(
                "ID:" + i, 1_000L * i, Map.of("JMSMessageID", "ID:" + i), Map.of("region", i % 2 == 0 ? "eu" : "us"),
                body, body.length()));
        }
        viewModel.queueProperty().set("orders");
        viewModel.pageSizeProperty().set(50);
    }

    @Test
    void shouldPageThroughTheQueue()
    {
        viewModel.browse();
        assertEquals(50, viewModel.messages().size());
        assertTrue(viewModel.hasNextPageProperty().get());

        viewModel.nextPage();
        viewModel.nextPage();

        assertEquals(2, viewModel.pageIndexProperty().get());
        assertEquals(20, viewModel.messages().size());
        assertEquals("ID:100", viewModel.messages().get(0).messageId());
        assertFalse(viewModel.hasNextPageProperty().get());
    }

    @Test
    void shouldGoBackAPage()
    {
        viewModel.browse();
        viewModel.nextPage();

        viewModel.previousPage();

        assertEquals(0, viewModel.pageIndexProperty().get());
        assertEquals("ID:0", viewModel.messages().get(0).messageId());
    }

    @Test
    void shouldPassTheSelectorToTheBackend()
    {
        viewModel.selectorProperty().set("us");

        viewModel.browse();

        assertEquals(50, viewModel.messages().size());
        assertEquals("ID:1", viewModel.messages().get(0).messageId());
    }

    @Test
    void shouldShowTheFirstMessageWithJsonBodyPrettyPrinted()
    {
        viewModel.browse();

        assertEquals("{\n  \"n\": 0\n}", viewModel.viewer().shownText());
        assertEquals(BodyFormat.JSON, viewModel.viewer().formatProperty().get());
        assertEquals("JMSMessageID", viewModel.viewer().headers().get(0).name());
        assertEquals(new Field("region", "eu"), viewModel.viewer().properties().get(0));
    }

    @Test
    void shouldReportAFailedBrowseAsANotification()
    {
        backend.failOn("browse", new InvalidSelectorException("unexpected token 'AND' at 7"));

        viewModel.browse();

        assertEquals("Browse failed: unexpected token 'AND' at 7", viewModel.statusProperty().get());
        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("unexpected token 'AND' at 7", notifier.history().get(0).text());
        assertFalse(viewModel.busyProperty().get());
    }

    @Test
    void shouldOfferQueuesButNotTemporaryOrHiddenSystemOnes()
    {
        final List<DestinationInfo> destinations = List.of(
            new DestinationInfo("orders", DestinationType.QUEUE, 1, 0, 1, 1, 0, false),
            new DestinationInfo("prices", DestinationType.TOPIC, 0, 0, 1, 1, 0, false),
            new DestinationInfo(SystemDestinations.MANAGEMENT_QUEUE, DestinationType.QUEUE, 0, 0, 1, 1, 0, false),
            new DestinationInfo("TQ.3.1", DestinationType.QUEUE, 0, 0, 1, 1, 0, false, true, 0));

        viewModel.onDestinations(destinations);
        assertEquals(List.of("orders"), viewModel.queueNames());

        hideSystem.set(false);
        assertEquals(List.of("orders", SystemDestinations.MANAGEMENT_QUEUE), viewModel.queueNames());
    }
}
