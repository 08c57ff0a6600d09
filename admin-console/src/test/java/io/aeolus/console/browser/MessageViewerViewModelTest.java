package io.aeolus.console.browser;

import io.aeolus.console.backend.BodyType;
import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageViewerViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");
    private static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

    @TempDir
    Path dir;

    private final Notifier notifier = new Notifier(BUNDLE);
    private final MessageViewerViewModel viewer =
        new MessageViewerViewModel(new ImmediateTaskRunner(), notifier, BUNDLE);

    @Test
    void shouldPrettyPrintAJsonBodyByDefault()
    {
        viewer.show(text("{\"a\":[1,2]}"));

        assertEquals(BodyFormat.JSON, viewer.formatProperty().get());
        assertEquals("{\n  \"a\": [\n    1,\n    2\n  ]\n}", viewer.shownText());
        assertEquals("JSON, pretty-printed", viewer.noteProperty().get());
    }

    @Test
    void shouldPrettyPrintAnXmlBodyByDefault()
    {
        viewer.show(text("<a><b>1</b></a>"));

        assertEquals(BodyFormat.XML, viewer.formatProperty().get());
        assertEquals("<a>\n  <b>1</b>\n</a>", viewer.shownText());
    }

    @Test
    void shouldShowOtherTextAsIs()
    {
        viewer.show(text("{not json"));

        assertEquals(BodyFormat.TEXT, viewer.formatProperty().get());
        assertEquals("{not json", viewer.shownText());
        assertEquals("", viewer.noteProperty().get());
    }

    @Test
    void shouldSwitchATextBodyToAHexDumpOfItsUtf8Bytes()
    {
        viewer.show(text("h\u00e9"));

        viewer.formatProperty().set(BodyFormat.HEX);

        assertEquals(HexDump.dump("h\u00e9".getBytes(StandardCharsets.UTF_8)), viewer.shownText());
        assertTrue(viewer.noteProperty().get().startsWith("Hex dump of 3 bytes"), viewer.noteProperty().get());
    }

    @Test
    void shouldSayWhenTheChosenFormatDoesNotFitAndShowText()
    {
        viewer.show(text("plain words"));

        viewer.formatProperty().set(BodyFormat.JSON);
        assertEquals("plain words", viewer.shownText());
        assertEquals("Not valid JSON: shown as text", viewer.noteProperty().get());

        viewer.formatProperty().set(BodyFormat.XML);
        assertEquals("plain words", viewer.shownText());
        assertTrue(viewer.noteProperty().get().startsWith("Not well-formed XML"), viewer.noteProperty().get());
    }

    @Test
    void shouldShowABytesBodyAsHexByDefaultAndAsUtf8TextOnRequest()
    {
        final byte[] bytes = "{\"k\":1}".getBytes(StandardCharsets.UTF_8);
        viewer.show(bytes(bytes, bytes.length));

        assertEquals(BodyFormat.HEX, viewer.formatProperty().get());
        assertEquals(HexDump.dump(bytes), viewer.shownText());

        viewer.formatProperty().set(BodyFormat.JSON);
        assertEquals("{\n  \"k\": 1\n}", viewer.shownText());
    }

    @Test
    void shouldHandALargeBodyToTheViewInChunksAndLoadMoreOnRequest()
    {
        final String big = "line of a large body\n".repeat(40_000); // 840,000 characters
        viewer.show(text(big));

        assertEquals(1, viewer.chunks().size());
        assertTrue(viewer.chunks().get(0).length() <= MessageViewerViewModel.DISPLAY_CHUNK_CHARS);
        assertTrue(viewer.chunks().get(0).endsWith("\n"), "cut at a line end");
        assertTrue(viewer.canLoadMoreProperty().get());
        assertTrue(viewer.noteProperty().get().contains("Load more"), viewer.noteProperty().get());

        while (viewer.canLoadMoreProperty().get())
        {
            viewer.loadMore();
        }

        assertEquals(big, viewer.shownText());
        for (final String chunk : viewer.chunks())
        {
            assertTrue(chunk.length() <= MessageViewerViewModel.DISPLAY_CHUNK_CHARS);
        }
        assertEquals("", viewer.noteProperty().get());
    }

    @Test
    void shouldNeverShowMoreThanTheLimitAndPointToSaving()
    {
        final String huge = "x".repeat(MessageViewerViewModel.MAX_SHOWN_CHARS + 5_000);
        viewer.show(text(huge));

        for (int i = 0; i < 10; i++)
        {
            viewer.loadMore();
        }

        assertEquals(MessageViewerViewModel.MAX_SHOWN_CHARS, viewer.shownText().length());
        assertFalse(viewer.canLoadMoreProperty().get());
        assertTrue(viewer.noteProperty().get().contains("save to a file"), viewer.noteProperty().get());
    }

    @Test
    void shouldHandAHexDumpOutInWholeLines()
    {
        final byte[] bytes = new byte[64 * 1024];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(i * 7);
        }
        viewer.show(bytes(bytes, bytes.length));

        final String first = viewer.chunks().get(0);
        assertTrue(first.length() <= MessageViewerViewModel.DISPLAY_CHUNK_CHARS);
        assertEquals(0, first.length() % HexDump.LINE_CHARS);
        viewer.loadMore();

        assertEquals(HexDump.dump(bytes), viewer.shownText());
        assertFalse(viewer.canLoadMoreProperty().get());
    }

    @Test
    void shouldSayWhenTheBrokerSentOnlyTheStartOfTheBody()
    {
        viewer.show(new BrowsedMessage("ID:1", 0, Map.of(), Map.of(), BodyType.TEXT, "abc", null, 100_000, true));

        assertTrue(viewer.noteProperty().get().contains("The broker sent only the first 3 of 100,000") ||
            viewer.noteProperty().get().contains("The broker sent only the first 3 of 100000"),
            viewer.noteProperty().get());
    }

    @Test
    void shouldShowAnObjectMessageAsItsClassNameWhenTheBrokerSendsNoBytes()
    {
        viewer.show(new BrowsedMessage(
            "ID:o", 0, Map.of(), Map.of(), BodyType.OBJECT, "com.acme.Order", null, 412, false));

        assertEquals(BodyFormat.TEXT, viewer.formatProperty().get());
        assertEquals("com.acme.Order", viewer.shownText());
        assertTrue(viewer.noteProperty().get().contains("never deserialized"), viewer.noteProperty().get());

        viewer.formatProperty().set(BodyFormat.HEX);
        assertEquals("", viewer.shownText());
        assertTrue(viewer.noteProperty().get().contains("only the class name"), viewer.noteProperty().get());
    }

    @Test
    void shouldShowAnObjectMessageAsClassNameAndHexWithoutDeserializingIt() throws IOException
    {
        final byte[] serialized = serialize(new Tripwire());
        DESERIALIZED.set(false);

        viewer.show(new BrowsedMessage("ID:o", 0, Map.of(), Map.of(), BodyType.OBJECT, Tripwire.class.getName(),
            serialized, serialized.length, false));
        for (final BodyFormat format : BodyFormat.values())
        {
            viewer.formatProperty().set(format);
        }
        viewer.formatProperty().set(BodyFormat.HEX);

        assertEquals(HexDump.dump(serialized), viewer.shownText());
        assertTrue(viewer.noteProperty().get().contains(Tripwire.class.getName()), viewer.noteProperty().get());
        assertFalse(DESERIALIZED.get(), "the viewer deserialized the object");
    }

    @Test
    void shouldSaveTheBodyTheBackendHoldsAndTellOfIt() throws IOException
    {
        final byte[] bytes = {1, 2, 3, (byte)0xFF};
        viewer.show(bytes(bytes, bytes.length));
        final Path file = dir.resolve("body.bin");

        viewer.save(file);

        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertEquals(NoticeLevel.INFO, notifier.history().get(0).level());
        assertEquals("Wrote 4 bytes to " + file, notifier.history().get(0).text());
    }

    @Test
    void shouldSayWhenSavingFails()
    {
        viewer.show(text("abc"));

        viewer.save(dir.resolve("missing-dir").resolve("body.txt"));

        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("Saving the body failed", notifier.history().get(0).title());
        assertTrue(notifier.history().get(0).text().contains("body.txt"), notifier.history().get(0).text());
    }

    @Test
    void shouldCutVeryLongHeaderAndPropertyValuesInTheTables()
    {
        final String long1 = "v".repeat(MessageViewerViewModel.FIELD_VALUE_LIMIT + 10);

        viewer.show(new BrowsedMessage("ID:p", 0, Map.of(), Map.of("blob", long1), "x", 1));

        assertEquals("v".repeat(MessageViewerViewModel.FIELD_VALUE_LIMIT) + "\u2026 (" + long1.length() + ")",
            viewer.properties().get(0).value());
    }

    @Test
    void shouldSuggestAFileNameFittingTheBody()
    {
        viewer.show(new BrowsedMessage("ID:aeolus-1-7", 0, Map.of(), Map.of(), "{\"a\":1}", 7));
        assertEquals("ID_aeolus-1-7.json", viewer.suggestedFileName());

        viewer.show(bytes(new byte[]{1}, 1));
        assertEquals("ID_b.bin", viewer.suggestedFileName());
    }

    private static BrowsedMessage text(final String body)
    {
        return new BrowsedMessage("ID:t", 0, Map.of("JMSMessageID", "ID:t"), Map.of(), body, body.length());
    }

    private static BrowsedMessage bytes(final byte[] bytes, final long size)
    {
        return new BrowsedMessage("ID:b", 0, Map.of(), Map.of(), BodyType.BYTES, "", bytes, size, false);
    }

    private static byte[] serialize(final Serializable object) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream stream = new ObjectOutputStream(out))
        {
            stream.writeObject(object);
        }
        return out.toByteArray();
    }

    /**
     * Records being deserialized.
     */
    static final class Tripwire implements Serializable
    {
        private static final long serialVersionUID = 1L;

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            DESERIALIZED.set(true);
        }
    }
}
