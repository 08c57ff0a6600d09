package io.aeolus.console.browser;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.tasks.ImmediateTaskRunner;

import java.util.Map;
import java.util.ResourceBundle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageBrowserViewModelTest
{
    private final FakeBackend backend = new FakeBackend();
    private final MessageBrowserViewModel viewModel = new MessageBrowserViewModel(
        backend, new ImmediateTaskRunner(), ResourceBundle.getBundle("io.aeolus.console.messages"));

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

        assertEquals("{\n  \"n\": 0\n}", viewModel.bodyTextProperty().get());
        assertEquals("JMSMessageID", viewModel.headers().get(0).name());
        assertEquals(new Field("region", "eu"), viewModel.properties().get(0));
    }

    @Test
    void shouldShowTextThatIsNotJsonAsIs()
    {
        viewModel.selectedMessageProperty().set(
            new BrowsedMessage("ID:x", 0, Map.of(), Map.of(), "{not json", 9));

        assertEquals("{not json", viewModel.bodyTextProperty().get());
        assertEquals("", viewModel.bodyNoteProperty().get());
    }

    @Test
    void shouldTruncateVeryLargeBodies()
    {
        final String huge = "x".repeat(MessageBrowserViewModel.BODY_DISPLAY_LIMIT * 4);

        viewModel.selectedMessageProperty().set(
            new BrowsedMessage("ID:big", 0, Map.of(), Map.of(), huge, 100_000_000L));

        assertEquals(MessageBrowserViewModel.BODY_DISPLAY_LIMIT, viewModel.bodyTextProperty().get().length());
        assertTrue(viewModel.bodyNoteProperty().get().contains("100,000,000") ||
            viewModel.bodyNoteProperty().get().contains("100000000"), viewModel.bodyNoteProperty().get());
    }
}
