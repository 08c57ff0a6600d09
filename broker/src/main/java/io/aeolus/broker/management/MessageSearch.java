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
 * and {@code search}. Like browse they see the messages waiting (available or scheduled), in memory or paged out
 * to the journal, not those in flight to a consumer. Both need {@code browse} on the queue. Conductor thread
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
 * one huge body cannot stall the conductor. A search is a {@link ScanTask}: run in slices, through the journal in
 * batches, within {@code timeLimitMs} (default {@value #DEFAULT_SCAN_TIME_LIMIT_MS} ms); its {@code total} counts
 * every match.
 */
final class MessageSearch
{
    static final int DEFAULT_BODY_LENGTH = 64 * 1024;
    static final int MAX_BODY_LENGTH = 4 * 1024 * 1024;
    static final int MAX_SEARCHED_BODY_BYTES = 1024 * 1024;
    static final int MAX_SEARCH_TEXT_LENGTH = 1000;
    /** How long a scan (a search, a browse with a selector) may take unless the request says otherwise. */
    static final long DEFAULT_SCAN_TIME_LIMIT_MS = 30_000;
    /** The longest time limit a request may give a scan. */
    static final long MAX_SCAN_TIME_LIMIT_MS = 600_000;
    private static final Set<String> GET_ARGUMENTS = Set.of(Argument.NAME, Argument.MESSAGE_ID, Argument.OFFSET,
        Argument.LENGTH);
    private static final Set<String> SEARCH_ARGUMENTS = Set.of(Argument.NAME, Argument.TEXT, Argument.SELECTOR,
        Argument.OFFSET, Argument.LIMIT, Argument.TIME_LIMIT_MS);

    private final ManagedBroker broker;
    private final MessageView view = new MessageView();

    MessageSearch(final ManagedBroker broker)
    {
        this.broker = broker;
    }

    Map<String, Object> getMessage(final Map<String, Object> arguments, final Requester requester)
    {
        return getMessage(arguments, requester, Map.of());
    }

    /**
     * As {@link #getMessage(Map, Requester)}, also finding the message among those a lookup found paged out to the
     * journal.
     *
     * @param pagedOut messages found paged out, by JMSMessageID.
     */
    Map<String, Object> getMessage(final Map<String, Object> arguments, final Requester requester,
        final Map<String, ScanTask.Located> pagedOut)
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
                requireWithinBody(offset);
                final Map<String, Object> reply = new LinkedHashMap<>();
                view.writeDetail(offset, length, reply);
                return reply;
            }
        }
        final ScanTask.Located located = pagedOut.get(messageId);
        if (null != located && located.isPagedOut(queue))
        {
            view.read(located.message(), located.deliveryCount());
            requireWithinBody(offset);
            final Map<String, Object> reply = new LinkedHashMap<>();
            view.writeDetail(offset, length, located.message().deliveryTimeMs() - broker.nowMs() > 0, reply);
            return reply;
        }
        throw new ManagementException(ManagementException.UNKNOWN_MESSAGE,
            "no message '" + messageId + "' waits in queue '" + queue.name() + "'");
    }

    private void requireWithinBody(final long offset)
    {
        if (offset > view.bodyLength())
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument 'offset' (" +
                offset + ") is past the end of the body (" + view.bodyLength() + " bytes)");
        }
    }

    /**
     * Checks a search's arguments and permission and starts it, to be run in slices over the messages in memory and
     * those paged out to the journal.
     *
     * @param onReply receives the reply once every message was looked at, or why there is none.
     * @return the search.
     * @throws ManagementException if the request cannot be honoured.
     */
    ScanTask startSearch(final Map<String, Object> arguments, final Requester requester,
        final MessageOperations.PendingReply onReply)
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
        final long timeLimitMs = timeLimitMs(arguments);
        requester.require(Permission.BROWSE, queue.name());
        return new ScanTask(broker, queue, text, selector, offset, limit, timeLimitMs, onReply);
    }

    /**
     * @return the {@code timeLimitMs} argument of a scan: {@value #DEFAULT_SCAN_TIME_LIMIT_MS} if absent.
     * @throws ManagementException if it is out of range.
     */
    static long timeLimitMs(final Map<String, Object> arguments)
    {
        return Arguments.longValue(arguments, Argument.TIME_LIMIT_MS, DEFAULT_SCAN_TIME_LIMIT_MS, 1,
            MAX_SCAN_TIME_LIMIT_MS);
    }

    /**
     * A search answered at once: only when it needs nothing from the journal (JMX and tests go through the sliced
     * form).
     */
    Map<String, Object> search(final Map<String, Object> arguments, final Requester requester)
    {
        final Map<String, Object> reply = new LinkedHashMap<>();
        final ManagementException[] failure = new ManagementException[1];
        final ScanTask task = startSearch(arguments, requester, new MessageOperations.PendingReply()
        {
            public void done(final Map<String, Object> result)
            {
                reply.putAll(result);
            }

            public void failed(final ManagementException ex)
            {
                failure[0] = ex;
            }
        });
        task.step(Integer.MAX_VALUE);
        if (null != failure[0])
        {
            throw failure[0];
        }
        if (!task.isDone())
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE,
                "this search reads messages paged out to the journal: it can only be answered in slices");
        }
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
