package io.aeolus.broker.security;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The append-only audit log: one line per login (success or failure) and per denied operation, with the time,
 * user, source, operation and destination. The conductor only offers an event to a bounded Agrona queue; the
 * {@link #writer()} agent, on the security thread, formats and appends it, so the conductor never waits on a
 * disk. If the queue is full the event is counted as dropped and the next written line says how many were.
 * <pre>
 * 2025-01-31T10:15:30.120Z event=AUTH_FAILURE user="alice" source="127.0.0.1:40122" operation=connect
 *     mechanism=SCRAM-SHA-256 reason="wrong password"          (one line in the file)
 * 2025-01-31T10:15:31.005Z event=DENIED user="bob" source="aeron:ipc" operation=send destination="orders.eu"
 * </pre>
 */
public final class AuditLog implements AutoCloseable
{
    /** Events the queue holds before new ones are dropped. */
    public static final int QUEUE_CAPACITY = 8192;

    private static final int DRAIN_LIMIT = 256;

    private final Path file;
    private final EpochClock clock;
    private final ErrorHandler errorHandler;
    private final ManyToOneConcurrentArrayQueue<Event> queue = new ManyToOneConcurrentArrayQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final WriterAgent writer = new WriterAgent();
    private final boolean enabled;
    private volatile Runnable waker = () -> { };

    /**
     * @param file         the log file, created (owner-only where the file system allows) if absent, then appended.
     * @param clock        the time stamped on each event.
     * @param errorHandler told when the file cannot be written.
     */
    public AuditLog(final Path file, final EpochClock clock, final ErrorHandler errorHandler)
    {
        this.file = file;
        this.clock = clock;
        this.errorHandler = errorHandler;
        this.enabled = null != file;
    }

    /**
     * @param clock the time stamped on each event.
     * @return a log that records nothing: for a conductor built without a broker (tests).
     */
    public static AuditLog discarding(final EpochClock clock)
    {
        return new AuditLog(null, clock, Throwable::printStackTrace);
    }

    /**
     * @return the agent that writes the log; run it on a thread other than the conductor's.
     */
    public Agent writer()
    {
        return writer;
    }

    /**
     * @return the log file, or null if the log records nothing.
     */
    public Path file()
    {
        return file;
    }

    /**
     * A login succeeded. Any thread; does not block.
     *
     * @param user      who logged in.
     * @param source    from where.
     * @param mechanism how.
     */
    public void authenticationSucceeded(final String user, final String source, final String mechanism)
    {
        offer(new Event(clock.time(), "AUTH_SUCCESS", user, source, "connect", null, mechanism, null));
    }

    /**
     * A login failed. Any thread; does not block.
     *
     * @param user      the user name given.
     * @param source    from where.
     * @param mechanism how it was tried.
     * @param reason    what was wrong: kept in the log for the operator, never told to the client.
     */
    public void authenticationFailed(final String user, final String source, final String mechanism,
        final String reason)
    {
        offer(new Event(clock.time(), "AUTH_FAILURE", user, source, "connect", null, mechanism, reason));
    }

    /**
     * An operation was denied. Any thread; does not block.
     *
     * @param user        who asked.
     * @param source      from where.
     * @param operation   the permission that was missing.
     * @param destination on what.
     */
    public void denied(final String user, final String source, final String operation, final String destination)
    {
        offer(new Event(clock.time(), "DENIED", user, source, operation, destination, null, null));
    }

    /**
     * An administrative change to the users (by the {@code user} command or at first start). Any thread.
     *
     * @param user      whose account changed.
     * @param operation what changed, e.g. {@code user.add}.
     * @param detail    more, e.g. the roles.
     */
    public void userChanged(final String user, final String operation, final String detail)
    {
        offer(new Event(clock.time(), "USER_CHANGE", user, "local", operation, null, null, detail));
    }

    /**
     * Records a management operation that changes something, whether it succeeded or not. Any thread; does not block
     * (an event that finds the queue full is counted as dropped).
     *
     * @param user      who asked: the connection's user, or the JMX principal.
     * @param source    where from: the connection's address, or {@code jmx}.
     * @param operation the operation's wire name.
     * @param arguments its arguments as {@code name=value} text.
     * @param outcome   {@code OK}, or the error code and message.
     * @param count     how many messages it affected, -1 where that does not apply.
     */
    public void adminAction(final String user, final String source, final String operation, final String arguments,
        final String outcome, final long count)
    {
        offer(new Event(clock.time(), "ADMIN", user, source, operation, null, null, null, arguments, outcome, count));
    }

    /**
     * @return events dropped because the queue was full.
     */
    public long droppedEvents()
    {
        return dropped.get();
    }

    /**
     * @return lines written so far.
     */
    public long writtenEvents()
    {
        return written.get();
    }

    /**
     * Writes what is queued and closes the file. Call after the writer's thread has stopped.
     */
    public void close()
    {
        writer.onClose();
    }

    /**
     * Sets what wakes the writer's thread when an event is queued (it parks long while there is nothing to write).
     *
     * @param waker wakes the writer's thread; run on the thread that logs the event.
     */
    void waker(final Runnable waker)
    {
        this.waker = waker;
    }

    private void offer(final Event event)
    {
        if (!enabled)
        {
            return;
        }
        if (queue.offer(event))
        {
            waker.run();
        }
        else
        {
            dropped.incrementAndGet();
        }
    }

    static String format(final Event event)
    {
        final StringBuilder line = new StringBuilder(160);
        line.append(Instant.ofEpochMilli(event.timeMs)).append(" event=").append(event.type);
        appendQuoted(line.append(" user="), event.user);
        appendQuoted(line.append(" source="), event.source);
        line.append(" operation=").append(event.operation);
        if (null != event.destination)
        {
            appendQuoted(line.append(" destination="), event.destination);
        }
        if (null != event.mechanism)
        {
            appendQuoted(line.append(" mechanism="), event.mechanism);
        }
        if (null != event.arguments)
        {
            appendQuoted(line.append(" arguments="), event.arguments);
        }
        if (null != event.outcome)
        {
            appendQuoted(line.append(" outcome="), event.outcome);
            if (event.count >= 0)
            {
                line.append(" count=").append(event.count);
            }
        }
        if (null != event.reason)
        {
            appendQuoted(line.append("USER_CHANGE".equals(event.type) ? " detail=" : " reason="), event.reason);
        }
        return line.append('\n').toString();
    }

    private static void appendQuoted(final StringBuilder line, final String value)
    {
        // Client-supplied text (user names, destinations) is escaped so it can never forge a line or a field.
        line.append('"');
        final String text = null == value ? "" : value;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                line.append('\\').append(c);
            }
            else if (c < 0x20 || c == 0x7F || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)
            {
                line.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                line.append(c);
            }
        }
        line.append('"');
    }

    record Event(long timeMs, String type, String user, String source, String operation, String destination,
        String mechanism, String reason, String arguments, String outcome, long count)
    {
        Event(final long timeMs, final String type, final String user, final String source, final String operation,
            final String destination, final String mechanism, final String reason)
        {
            this(timeMs, type, user, source, operation, destination, mechanism, reason, null, null, -1);
        }
    }

    private final class WriterAgent implements Agent
    {
        private Writer out;
        private boolean failed;
        private long droppedReported;

        public int doWork()
        {
            Event event = queue.poll();
            if (null == event)
            {
                return 0;
            }
            int count = 0;
            try
            {
                final Writer writer = open();
                reportDrops(writer, event.timeMs);
                while (null != event)
                {
                    writer.write(format(event));
                    count++;
                    written.incrementAndGet();
                    event = count < DRAIN_LIMIT ? queue.poll() : null;
                }
                writer.flush();
            }
            catch (final IOException ex)
            {
                if (!failed)
                {
                    failed = true;
                    errorHandler.onError(new IOException("cannot write audit log " + file + ": " + ex.getMessage(),
                        ex));
                }
                queue.drain(ignore -> dropped.incrementAndGet());
            }
            return count;
        }

        public void onClose()
        {
            while (doWork() > 0)
            {
                // Drain whatever was queued before the close.
            }
            if (null != out)
            {
                try
                {
                    out.close();
                }
                catch (final IOException ignore)
                {
                    // Nothing more can be done at shutdown.
                }
                out = null;
            }
        }

        public String roleName()
        {
            return "aeolus-audit-writer";
        }

        private void reportDrops(final Writer writer, final long timeMs) throws IOException
        {
            final long lost = dropped.get();
            if (lost != droppedReported)
            {
                writer.write(Instant.ofEpochMilli(timeMs) + " event=DROPPED count=" + (lost - droppedReported) +
                    " reason=\"audit queue full\"\n");
                droppedReported = lost;
            }
        }

        private Writer open() throws IOException
        {
            if (null == out)
            {
                if (null != file.getParent())
                {
                    Files.createDirectories(file.getParent());
                }
                createOwnerOnly(file);
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
            return out;
        }
    }

    static void createOwnerOnly(final Path file) throws IOException
    {
        if (Files.exists(file))
        {
            return;
        }
        try
        {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (final UnsupportedOperationException ex)
        {
            Files.createFile(file);
        }
        catch (final FileAlreadyExistsException ignore)
        {
            // Created meanwhile: fine, it is appended to.
        }
    }
}
