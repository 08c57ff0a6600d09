package io.aeolus.broker.management;

import io.aeolus.management.Argument;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.security.Permission;
import io.aeolus.broker.selector.Selector;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.message.PropertiesCodec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The management operations that read messages of a queue without changing it, besides browse: {@code getMessage}
 * and {@code search}. Like browse they see the messages waiting in memory (available or scheduled), not those in
 * flight to a consumer nor those paged out to the journal. Both need {@code browse} on the queue. Conductor thread
 * only; allocates.
 * <p>
 * {@code getMessage} ({@code name}, {@code messageId}, optional {@code offset} and {@code length}) answers one
 * message: the headers and properties of a browse row, {@code destination}, {@code replyToType},
 * {@code deliveryMode}, {@code scheduled}, {@code correlationIdBytes} (raw bytes, only when the correlation id was
 * set as bytes), {@code bodySize} (the whole body, in bytes), {@code bodyOffset}, and {@code body}: at most
 * {@code length} raw bytes of the body from byte {@code offset} (default {@value #DEFAULT_BODY_LENGTH}, at most
 * {@value #MAX_BODY_LENGTH}), so that a client reads a large body in pieces. The raw bytes are UTF-8 for a text
 * body (one byte {@code 0xFF} for a null text), the bytes themselves for a bytes body, the broker's map or stream
 * encoding ({@link PropertiesCodec}) for a map or stream body, and the Java serialization stream for an object body,
 * which also gets {@code className}, read from the stream's head: nothing is ever deserialized.
 * <p>
 * {@code search} ({@code name}, {@code text}, optional {@code selector}, {@code offset}, {@code limit}) answers, in
 * browse's form and paging, the messages whose JMSMessageID, JMSCorrelationID or JMSType, or whose text (a text
 * body; the values of a map body, each as text), contains {@code text}, ignoring case. Only the first
 * {@value #MAX_SEARCHED_BODY_BYTES} bytes of a text body, and map bodies of at most that size, are searched, so that
 * one huge body cannot stall the conductor.
 */
final class MessageSearch
{
    static final int DEFAULT_BODY_LENGTH = 64 * 1024;
    static final int MAX_BODY_LENGTH = 4 * 1024 * 1024;
    static final int MAX_SEARCHED_BODY_BYTES = 1024 * 1024;
    static final int MAX_SEARCH_TEXT_LENGTH = 1000;
    private static final Set<String> GET_ARGUMENTS = Set.of(Argument.NAME, Argument.MESSAGE_ID, Argument.OFFSET,
        Argument.LENGTH);
    private static final Set<String> SEARCH_ARGUMENTS = Set.of(Argument.NAME, Argument.TEXT, Argument.SELECTOR,
        Argument.OFFSET, Argument.LIMIT);

    private final ManagedBroker broker;
    private final MessageView view = new MessageView();

    MessageSearch(final ManagedBroker broker)
    {
        this.broker = broker;
    }

    Map<String, Object> getMessage(final Map<String, Object> arguments, final Requester requester)
    {
        Arguments.requireKnown(arguments, GET_ARGUMENTS);
        final MessageQueue queue = MessageOperations.queue(broker, arguments, Argument.NAME);
        final String messageId = Arguments.string(arguments, Argument.MESSAGE_ID);
        final long offset = Arguments.longValue(arguments, Argument.OFFSET, 0, 0, Integer.MAX_VALUE);
        final int length = Arguments.intValue(arguments, Argument.LENGTH, DEFAULT_BODY_LENGTH, MAX_BODY_LENGTH);
        requester.require(Permission.BROWSE, queue.name());
        for (final QueueEntry entry : queue.waitingEntries())
        {
            if (messageId.equals(view.messageId(entry)))
            {
                view.read(entry);
                if (offset > view.bodyLength())
                {
                    throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument 'offset' (" +
                        offset + ") is past the end of the body (" + view.bodyLength() + " bytes)");
                }
                final Map<String, Object> reply = new LinkedHashMap<>();
                view.writeDetail(offset, length, reply);
                return reply;
            }
        }
        throw new ManagementException(ManagementException.UNKNOWN_MESSAGE,
            "no message '" + messageId + "' waits in queue '" + queue.name() + "'");
    }

    /**
     * Checks a search's arguments and permission and starts it, to be run in slices.
     *
     * @param onDone receives the reply once every message was looked at.
     * @return the search.
     * @throws ManagementException if the request cannot be honoured.
     */
    SearchTask startSearch(final Map<String, Object> arguments, final Requester requester,
        final java.util.function.Consumer<Map<String, Object>> onDone)
    {
        Arguments.requireKnown(arguments, SEARCH_ARGUMENTS);
        final MessageQueue queue = MessageOperations.queue(broker, arguments, Argument.NAME);
        final String text = Arguments.string(arguments, Argument.TEXT);
        if (text.length() > MAX_SEARCH_TEXT_LENGTH)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "argument 'text' is longer than " + MAX_SEARCH_TEXT_LENGTH + " characters");
        }
        final Selector selector = Arguments.selector(arguments);
        final int offset = Arguments.intValue(arguments, Argument.OFFSET, 0, Integer.MAX_VALUE);
        final int limit = Arguments.intValue(arguments, Argument.LIMIT, 100, MessageOperations.MAX_BROWSE_LIMIT);
        requester.require(Permission.BROWSE, queue.name());
        return new SearchTask(queue, text, selector, offset, limit, onDone);
    }

    Map<String, Object> search(final Map<String, Object> arguments, final Requester requester)
    {
        final Map<String, Object> reply = new LinkedHashMap<>();
        startSearch(arguments, requester, reply::putAll).step(Integer.MAX_VALUE);
        return reply;
    }

    static boolean contains(final MessageView message, final String text)
    {
        if (containsIgnoreCase(message.messageId(), text) || containsIgnoreCase(message.correlationId(), text) ||
            containsIgnoreCase(message.jmsType(), text))
        {
            return true;
        }
        final int length = Math.min(message.bodyLength(), MAX_SEARCHED_BODY_BYTES);
        if (0 == length)
        {
            return false;
        }
        try
        {
            if (message.bodyType() == BodyType.TEXT)
            {
                return containsIgnoreCase(message.buffer().getStringWithoutLengthUtf8(message.bodyOffset(), length),
                    text);
            }
            if (message.bodyType() == BodyType.MAP && message.bodyLength() <= MAX_SEARCHED_BODY_BYTES)
            {
                for (final Object value :
                    PropertiesCodec.decode(message.buffer(), message.bodyOffset(), length).values())
                {
                    if (null != value && !(value instanceof byte[]) && containsIgnoreCase(value.toString(), text))
                    {
                        return true;
                    }
                }
            }
        }
        catch (final IllegalArgumentException ex)
        {
            // An undecodable map body has no text to find.
            return false;
        }
        return false;
    }

    /**
     * Substring search ignoring case, without copying either string.
     */
    static boolean containsIgnoreCase(final String haystack, final String needle)
    {
        if (null == haystack)
        {
            return false;
        }
        for (int i = 0, last = haystack.length() - needle.length(); i <= last; i++)
        {
            if (haystack.regionMatches(true, i, needle, 0, needle.length()))
            {
                return true;
            }
        }
        return false;
    }
}
