package io.aeolus.console.browser;

import io.aeolus.console.backend.BodyType;
import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * State of the message viewer: the shown message's headers and properties, and its body as pretty-printed JSON
 * or XML, as text, or as a hex dump, chosen by {@link #formatProperty()} (set to the likeliest format when a
 * message is shown). The body reaches the view in chunks of at most {@link #DISPLAY_CHUNK_CHARS} characters:
 * the first when a message or format is shown, the next on {@link #loadMore()}, up to {@link #MAX_SHOWN_CHARS}
 * in all; {@link #save(Path)} writes the whole body the backend holds. An ObjectMessage is never deserialized:
 * it shows as its class name and, when the backend has its bytes, a hex dump. FX thread only.
 */
public final class MessageViewerViewModel
{
    /** Most characters handed to the text control at once. */
    public static final int DISPLAY_CHUNK_CHARS = 256 * 1024;
    /** Most characters shown in all; beyond this, "Save to file" is the way to see the body. */
    public static final int MAX_SHOWN_CHARS = 4 * DISPLAY_CHUNK_CHARS;
    /** Bodies longer than this are not pretty-printed (it would hold the FX thread too long). */
    public static final int PRETTY_PRINT_LIMIT = 1024 * 1024;
    /** Header and property values longer than this are cut in the tables (a table cell is no place for them). */
    public static final int FIELD_VALUE_LIMIT = 2048;

    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private BodySaver bodySaver;
    private final ReadOnlyObjectWrapper<BrowsedMessage> message = new ReadOnlyObjectWrapper<>(this, "message");
    private final ObjectProperty<BodyFormat> format = new SimpleObjectProperty<>(this, "format", BodyFormat.TEXT);
    private final ObservableList<Field> headers = FXCollections.observableArrayList();
    private final ObservableList<Field> properties = FXCollections.observableArrayList();
    private final ObservableList<String> chunks = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyChunks = FXCollections.unmodifiableObservableList(chunks);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyBooleanWrapper canLoadMore = new ReadOnlyBooleanWrapper(this, "canLoadMore");
    private final Map<BodyFormat, Optional<String>> prettyPrinted = new EnumMap<>(BodyFormat.class);
    private String formatNote = "";
    private BodyPages pages = BodyPages.ofText("");
    private boolean showing;

    /**
     * Writes a message's whole body to a file, from wherever the whole of it is (the broker, in slices).
     */
    @FunctionalInterface
    public interface BodySaver
    {
        /**
         * @param message the message shown.
         * @param file    where to write.
         * @return bytes written.
         * @throws Exception when fetching or writing fails.
         */
        long save(BrowsedMessage message, Path file) throws Exception;
    }

    /**
     * Sets what {@link #save(Path)} uses for a body the viewer holds only part of.
     *
     * @param bodySaver the saver, or null to save only what is held.
     */
    public void bodySaver(final BodySaver bodySaver)
    {
        this.bodySaver = bodySaver;
    }

    /**
     * Creates the view model.
     *
     * @param runner   runs file writes off the FX thread.
     * @param notifier tells of saved files and failures.
     * @param bundle   UI text.
     */
    public MessageViewerViewModel(final TaskRunner runner, final Notifier notifier, final ResourceBundle bundle)
    {
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        format.addListener((observable, oldValue, newValue) ->
        {
            if (!showing)
            {
                render();
            }
        });
    }

    /**
     * Shows a message in the likeliest format for its body, or clears the viewer.
     *
     * @param shown the message, or null.
     */
    public void show(final BrowsedMessage shown)
    {
        message.set(shown);
        prettyPrinted.clear();
        headers.setAll(fields(null == shown ? Map.of() : shown.headers()));
        properties.setAll(fields(null == shown ? Map.of() : shown.properties()));
        showing = true;
        try
        {
            format.set(null == shown ? BodyFormat.TEXT : likeliestFormat(shown));
        }
        finally
        {
            showing = false;
        }
        render();
    }

    /**
     * Hands the next chunk of the body to the view, when there is one and the shown text is under
     * {@link #MAX_SHOWN_CHARS}.
     */
    public void loadMore()
    {
        final long room = MAX_SHOWN_CHARS - pages.shownChars();
        if (pages.hasMore() && room > 0)
        {
            chunks.add(pages.next((int)Math.min(DISPLAY_CHUNK_CHARS, room)));
        }
        canLoadMore.set(pages.hasMore() && pages.shownChars() < MAX_SHOWN_CHARS);
        updateNote();
    }

    /**
     * Writes the body as the backend holds it (raw bytes, or text in UTF-8) to a file, in the background, and
     * tells of the outcome as a notification.
     *
     * @param file where to write; replaced if it exists.
     */
    public void save(final Path file)
    {
        final BrowsedMessage shown = message.get();
        if (null == shown)
        {
            return;
        }
        final byte[] content = shown.contentBytes();
        final BodySaver saver = shown.truncated() ? bodySaver : null;
        runner.run((sink) ->
        {
            if (null != saver)
            {
                return saver.save(shown, file);
            }
            Files.write(file, content);
            return (long)content.length;
        }, (written) -> notifier.info(bundle.getString("viewer.saved.title"), MessageFormat.format(
            bundle.getString(shown.truncated() && null == saver ? "viewer.saved.partial" : "viewer.saved"),
            written, file.toString(), shown.bodySize())),
            (failure) -> notifier.error(bundle.getString("viewer.saveFailed"), failure));
    }

    /**
     * The likeliest format for a body: a hex dump for bytes (and for an ObjectMessage whose bytes are held), JSON
     * or XML when the text parses as such, else text. Keeps what it pretty-printed for showing it.
     *
     * @param shown the message.
     * @return the format.
     */
    public BodyFormat likeliestFormat(final BrowsedMessage shown)
    {
        if (shown.bodyType() == BodyType.BYTES || shown.bodyType() == BodyType.OBJECT)
        {
            return shown.hasBodyBytes() ? BodyFormat.HEX : BodyFormat.TEXT;
        }
        final String text = shown.bodyText();
        if (JsonPrettyPrinter.looksLikeJson(text) && prettyPrinted(BodyFormat.JSON, text).isPresent())
        {
            return BodyFormat.JSON;
        }
        if (XmlPrettyPrinter.looksLikeXml(text) && prettyPrinted(BodyFormat.XML, text).isPresent())
        {
            return BodyFormat.XML;
        }
        return BodyFormat.TEXT;
    }

    /**
     * A file name to offer when saving the shown body: the message id made safe, with an extension for the body.
     *
     * @return e.g. {@code ID_aeolus-1-7.json}; {@code body.txt} when no message is shown.
     */
    public String suggestedFileName()
    {
        final BrowsedMessage shown = message.get();
        if (null == shown)
        {
            return "body.txt";
        }
        final String extension = shown.hasBodyBytes() ? "bin" : switch (likeliestFormat(shown))
        {
            case JSON -> "json";
            case XML -> "xml";
            default -> "txt";
        };
        return shown.messageId().replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension;
    }

    /**
     * The text handed to the view so far, joined; allocates (for tests and copying).
     *
     * @return the shown text.
     */
    public String shownText()
    {
        return String.join("", chunks);
    }

    private void render()
    {
        final BrowsedMessage shown = message.get();
        chunks.clear();
        if (null == shown)
        {
            pages = BodyPages.ofText("");
            formatNote = "";
        }
        else if (format.get() == BodyFormat.HEX)
        {
            renderHex(shown);
        }
        else
        {
            renderText(shown, format.get());
        }
        loadMore();
    }

    private void renderHex(final BrowsedMessage shown)
    {
        if (shown.bodyType() == BodyType.OBJECT && !shown.hasBodyBytes())
        {
            pages = BodyPages.ofText("");
            formatNote = MessageFormat.format(bundle.getString("viewer.objectNoBytes"), shown.bodyText(),
                shown.bodySize());
            return;
        }
        final byte[] bytes = shown.contentBytes();
        pages = BodyPages.ofHex(bytes);
        formatNote = MessageFormat.format(bundle.getString("viewer.hex"), bytes.length);
        if (shown.bodyType() == BodyType.OBJECT)
        {
            formatNote = MessageFormat.format(bundle.getString("viewer.object"), shown.bodyText()) + " " + formatNote;
        }
    }

    private void renderText(final BrowsedMessage shown, final BodyFormat chosen)
    {
        final String text = shown.hasBodyBytes() && shown.bodyType() != BodyType.OBJECT ?
            new String(shown.contentBytes(), StandardCharsets.UTF_8) : shown.bodyText();
        formatNote = shown.bodyType() == BodyType.OBJECT ?
            MessageFormat.format(bundle.getString("viewer.object"), shown.bodyText()) : "";
        if (chosen == BodyFormat.TEXT)
        {
            pages = BodyPages.ofText(text);
            return;
        }
        final boolean json = chosen == BodyFormat.JSON;
        if (text.length() > PRETTY_PRINT_LIMIT)
        {
            pages = BodyPages.ofText(text);
            formatNote = bundle.getString("viewer.tooLargeToFormat");
            return;
        }
        final String pretty = prettyPrinted(chosen, text).orElse(null);
        pages = BodyPages.ofText(null == pretty ? text : pretty);
        formatNote = bundle.getString(null != pretty ? (json ? "viewer.json" : "viewer.xml") :
            (json ? "viewer.notJson" : "viewer.notXml"));
    }

    private Optional<String> prettyPrinted(final BodyFormat chosen, final String text)
    {
        if (text.length() > PRETTY_PRINT_LIMIT)
        {
            return Optional.empty();
        }
        return prettyPrinted.computeIfAbsent(chosen, (key) -> key == BodyFormat.JSON ?
            JsonPrettyPrinter.prettyPrint(text) : XmlPrettyPrinter.prettyPrint(text));
    }

    private void updateNote()
    {
        final List<String> parts = new ArrayList<>(3);
        final BrowsedMessage shown = message.get();
        if (!formatNote.isEmpty())
        {
            parts.add(formatNote);
        }
        if (null != shown && shown.truncated())
        {
            parts.add(MessageFormat.format(bundle.getString("viewer.truncatedByBroker"),
                shown.hasBodyBytes() ? shown.contentBytes().length : shown.bodyText().length(), shown.bodySize()));
        }
        if (pages.hasMore())
        {
            parts.add(MessageFormat.format(bundle.getString(canLoadMore.get() ? "viewer.partShown" : "viewer.limit"),
                pages.shownChars(), pages.totalChars()));
        }
        note.set(String.join(" \u00B7 ", parts));
    }

    private static List<Field> fields(final Map<String, String> values)
    {
        final List<Field> fields = new ArrayList<>(values.size());
        for (final Map.Entry<String, String> entry : new TreeMap<>(values).entrySet())
        {
            final String value = null == entry.getValue() ? "" : entry.getValue();
            fields.add(new Field(entry.getKey(), value.length() <= FIELD_VALUE_LIMIT ? value :
                value.substring(0, FIELD_VALUE_LIMIT) + "\u2026 (" + value.length() + ")"));
        }
        return fields;
    }

    /**
     * The shown message.
     *
     * @return the property; null when none.
     */
    public ReadOnlyObjectProperty<BrowsedMessage> messageProperty()
    {
        return message.getReadOnlyProperty();
    }

    /**
     * How the body is shown; the view's format selector binds to it.
     *
     * @return the property.
     */
    public ObjectProperty<BodyFormat> formatProperty()
    {
        return format;
    }

    /**
     * Headers of the shown message, sorted by name.
     *
     * @return the live list.
     */
    public ObservableList<Field> headers()
    {
        return headers;
    }

    /**
     * Properties of the shown message, sorted by name.
     *
     * @return the live list.
     */
    public ObservableList<Field> properties()
    {
        return properties;
    }

    /**
     * The body text handed to the view, chunk by chunk: cleared when the message or format changes, one chunk
     * added per {@link #loadMore()}. The view appends each added chunk to its text control.
     *
     * @return an unmodifiable live list.
     */
    public ObservableList<String> chunks()
    {
        return readOnlyChunks;
    }

    /**
     * How the body is shown (format, cut by the broker, part shown), or empty.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty noteProperty()
    {
        return note.getReadOnlyProperty();
    }

    /**
     * Whether "Load more" has more to show.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty canLoadMoreProperty()
    {
        return canLoadMore.getReadOnlyProperty();
    }
}
