package io.aeolus.console.browser;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.backend.SystemDestinations;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import jakarta.jms.InvalidSelectorException;
import javafx.beans.property.SimpleBooleanProperty;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void shouldJumpToTheLastPageAndToATypedPageOfTheWholeQueue()
    {
        viewModel.onDestinations(List.of(new DestinationInfo("orders", DestinationType.QUEUE, 120, 0, 0, 0, 0,
            false)));
        assertEquals(-1, viewModel.pageCountProperty().get(), "not known before a browse");
        viewModel.browse();
        assertEquals(3, viewModel.pageCountProperty().get(), "120 waiting in all, 50 a page");
        assertEquals("Page 1 of 3: 50 message(s)", viewModel.statusProperty().get());

        viewModel.lastPage();
        assertEquals(2, viewModel.pageIndexProperty().get());
        assertEquals("ID:100", viewModel.messages().get(0).messageId());
        assertEquals(20, viewModel.messages().size());

        assertTrue(viewModel.goToPage(" 2 "));
        assertEquals("ID:50", viewModel.messages().get(0).messageId());
        viewModel.firstPage();
        assertEquals("ID:0", viewModel.messages().get(0).messageId());

        assertFalse(viewModel.goToPage("4"));
        assertEquals("No such page: '4'", viewModel.statusProperty().get());
        assertFalse(viewModel.goToPage("two"));
        assertEquals("No such page: 'two'", viewModel.statusProperty().get());
        assertEquals(0, viewModel.pageIndexProperty().get(), "a bad page number loads nothing");
    }

    @Test
    void shouldNotKnowTheNumberOfPagesWithASelector()
    {
        viewModel.onDestinations(List.of(new DestinationInfo("orders", DestinationType.QUEUE, 120, 0, 0, 0, 0,
            false)));
        viewModel.selectorProperty().set("us");
        viewModel.browse();
        assertEquals(-1, viewModel.pageCountProperty().get(), "the total counts every message, not the matches");
        viewModel.lastPage();
        assertEquals(0, viewModel.pageIndexProperty().get());
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
        assertEquals(List.of(SystemDestinations.MANAGEMENT_QUEUE, "orders"), viewModel.queueNames(), "in name order");
    }

    @Test
    void shouldFetchMoreOfACutBodyWhenSelectedAndSaveTheWholeBodyThroughTheBackend(@TempDir final Path dir)
        throws Exception
    {
        final byte[] whole = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        final List<String> calls = new ArrayList<>();
        final InvocationHandler handler = (proxy, method, args) ->
        {
            switch (method.getName())
            {
                case "withBody":
                    calls.add("withBody " + args[0]);
                    final BrowsedMessage cut = (BrowsedMessage)args[1];
                    return new BrowsedMessage(cut.messageId(), cut.timestampMs(), cut.headers(), cut.properties(),
                        cut.bodyType(), cut.bodyText(), whole, whole.length, false);
                case "saveBody":
                    calls.add("saveBody " + args[0]);
                    Files.write((Path)args[2], whole);
                    return (long)whole.length;
                default:
                    return method.invoke(backend, args);
            }
        };
        final ConsoleBackend fetching = (ConsoleBackend)Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[]{ConsoleBackend.class}, handler);
        final MessageBrowserViewModel fetchingModel =
            new MessageBrowserViewModel(fetching, new ImmediateTaskRunner(), notifier, BUNDLE, hideSystem);
        backend.addMessage("big", new BrowsedMessage("ID:big", 1L, Map.of(), Map.of(), "x".repeat(1000), 100_000));
        fetchingModel.queueProperty().set("big");
        fetchingModel.browse();

        assertEquals(List.of("withBody big"), calls, "a cut body is fetched when the message is selected");
        assertFalse(fetchingModel.viewer().messageProperty().get().truncated());
        assertEquals(100_000, fetchingModel.viewer().messageProperty().get().contentBytes().length);

        final Path file = dir.resolve("body.txt");
        fetchingModel.viewer().show(new BrowsedMessage("ID:cut", 1L, Map.of(), Map.of(), "x", 100_000));
        fetchingModel.viewer().save(file);
        assertEquals("saveBody big", calls.get(1), "the whole body comes from the backend");
        assertEquals(100_000, Files.size(file));
    }
}
