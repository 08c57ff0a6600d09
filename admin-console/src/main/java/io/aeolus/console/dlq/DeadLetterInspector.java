package io.aeolus.console.dlq;

import io.aeolus.console.backend.BodyType;
import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.browser.MessageViewerViewModel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.management.DeadLetterProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The viewer of the selected dead letter in the Dead letters tab: shows at once what the list knows of it (its id,
 * the broker's dead-letter properties and the message's own), then reads the whole message from the dead-letter
 * queue (headers, properties and body, up to {@link #WHOLE_BODY_BYTES}) and shows that, if it is still the selected
 * one. A backend that cannot read one message (the demo) leaves the first view and says so. FX thread only.
 */
public final class DeadLetterInspector
{
    /** The most body bytes fetched for the viewer; "Save to file" writes the whole body whatever its size. */
    public static final int WHOLE_BODY_BYTES = 4 * 1024 * 1024;

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final ResourceBundle bundle;
    private final Notifier notifier;
    private final MessageViewerViewModel viewer;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private String queue = "";
    private DeadLetter shown;
    private long generation;

    /**
     * Creates the inspector.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier tells of saved bodies and failures.
     * @param bundle   UI text.
     */
    public DeadLetterInspector(
        final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier, final ResourceBundle bundle)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        viewer = new MessageViewerViewModel(runner, notifier, bundle);
        viewer.bodySaver((message, file) -> backend.saveBody(queue, message, file));
    }

    /**
     * Shows a dead letter, or clears the viewer.
     *
     * @param deadLetterQueue the queue that holds it.
     * @param deadLetter      the dead letter, or null for none.
     */
    public void show(final String deadLetterQueue, final DeadLetter deadLetter)
    {
        final long showing = ++generation;
        shown = deadLetter;
        queue = null == deadLetterQueue ? "" : deadLetterQueue;
        if (null == deadLetter || queue.isEmpty())
        {
            viewer.show(null);
            status.set("");
            return;
        }
        viewer.show(summary(deadLetter));
        status.set(bundle.getString("dlq.viewer.loading"));
        final String dlq = queue;
        runner.run((sink) -> read(dlq, deadLetter.messageId()), (message) ->
        {
            if (showing == generation)
            {
                viewer.show(message);
                status.set("");
            }
        }, (failure) ->
        {
            if (showing != generation)
            {
                return;
            }
            status.set(MessageFormat.format(bundle.getString("dlq.viewer.failed"), notifier.describe(failure)));
            if (!(failure instanceof UnsupportedOperationException))
            {
                notifier.error(MessageFormat.format(bundle.getString("dlq.viewer.failedTitle"),
                    deadLetter.messageId()), failure);
            }
        });
    }

    /**
     * The dead letter shown, null for none.
     *
     * @return the dead letter.
     */
    public DeadLetter shown()
    {
        return shown;
    }

    /**
     * The viewer's state, for the view to bind.
     *
     * @return the viewer.
     */
    public MessageViewerViewModel viewer()
    {
        return viewer;
    }

    /**
     * Empty, or what keeps the whole message from being shown (still loading, gone from the queue, refused).
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    private BrowsedMessage read(final String dlq, final String messageId) throws Exception
    {
        final BrowsedMessage message = backend.actions().message(dlq, messageId);
        return message.truncated() || message.bodyType() == BodyType.MAP ||
            (message.bodyType() == BodyType.OBJECT && !message.hasBodyBytes()) ?
            backend.withBody(dlq, message, WHOLE_BODY_BYTES) : message;
    }

    /**
     * What the list knows of a dead letter, as a message without a body.
     */
    static BrowsedMessage summary(final DeadLetter deadLetter)
    {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("JMSMessageID", deadLetter.messageId());
        headers.put("JMSXDeliveryCount", Integer.toString(deadLetter.deliveryCount()));
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put(DeadLetterProperty.ORIGINAL_DESTINATION, deadLetter.originalDestination());
        properties.put(DeadLetterProperty.REASON, deadLetter.reason());
        properties.put(DeadLetterProperty.TIME, Long.toString(deadLetter.deadLetteredAtMs()));
        if (!deadLetter.lastConsumer().isEmpty())
        {
            properties.put(DeadLetterProperty.LAST_CONSUMER, deadLetter.lastConsumer());
        }
        properties.putAll(deadLetter.properties());
        return new BrowsedMessage(deadLetter.messageId(), deadLetter.deadLetteredAtMs(), headers, properties,
            BodyType.MESSAGE, "", null, 0, false);
    }
}
