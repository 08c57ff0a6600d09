package io.aeolus.benchmarks.perf.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.nio.charset.StandardCharsets;

import java.util.UUID;

/**
 * The messages the workloads send: a {@link BytesMessage} of the asked size whose first 16 bytes may carry a
 * sequence number and an intended send time ({@link System#nanoTime()}), and destination names that no other run
 * shares.
 */
final class Messages
{
    private Messages()
    {
    }

    /**
     * @param prefix what the destination is for, e.g. {@code ping}.
     * @return {@code perf.<prefix>.<8 random hex digits>}.
     */
    static String uniqueName(final String prefix)
    {
        return "perf." + prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * @param session the session.
     * @param size    body length, bytes.
     * @return a message whose body is {@code size} bytes: a small XML document padded to that size (zero bytes
     *         below {@value #XML_MIN_SIZE} bytes), so that a transformer on the path (--aeolus-transform) has XML to
     *         read; the broker reads no body otherwise.
     * @throws JMSException if the provider fails.
     */
    static final int XML_MIN_SIZE = 58;

    static BytesMessage bytes(final Session session, final int size) throws JMSException
    {
        final BytesMessage message = session.createBytesMessage();
        message.writeBytes(xml(size));
        return message;
    }

    static byte[] xml(final int size)
    {
        final String head = "<order><id>42</id><region>EU</region><note>";
        final String tail = "</note></order>";
        if (size < XML_MIN_SIZE)
        {
            return new byte[size];
        }
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Rewrites a message's body as {@code sequence}, {@code stampNs}, then padding up to {@code size} bytes. The
     * message must not be in flight (JMS lets a synchronous sender reuse it after send returns).
     *
     * @param message  the message.
     * @param padding  {@code size - 16} zero bytes, allocated once by the caller.
     * @param sequence the message's number.
     * @param stampNs  its intended send time.
     * @throws JMSException if the provider fails.
     */
    static void stamp(final BytesMessage message, final byte[] padding, final long sequence, final long stampNs)
        throws JMSException
    {
        message.clearBody();
        message.writeLong(sequence);
        message.writeLong(stampNs);
        message.writeBytes(padding);
    }

    /**
     * Closes a connection, reporting rather than throwing a failure (the run's result is already known).
     *
     * @param connection may be null.
     */
    static void closeQuietly(final Connection connection)
    {
        if (null == connection)
        {
            return;
        }
        try
        {
            connection.close();
        }
        catch (final JMSException | RuntimeException ex)
        {
            System.err.println("aeolus-perf: closing a connection failed: " + ex);
        }
    }
}
