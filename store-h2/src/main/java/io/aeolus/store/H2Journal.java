package io.aeolus.store;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.agrona.ErrorHandler;

/**
 * The broker's journal in H2: destinations, persistent messages, their references per queue and durable
 * subscription with delivery counts, durable subscription definitions, and the broker's metrics history (1-minute
 * points, not durability-critical: {@link #writeHistory(JournalCommand.RecordHistory)}). Messages are opaque byte
 * arrays.
 * <p>
 * Writes come in batches ({@link #write(List)}): every command of a batch is applied in one transaction, committed
 * once and, with {@link Durability#SYNC}, forced to disk once ({@code CHECKPOINT SYNC}; a plain H2 commit does not
 * even write the file, see JOURNAL.md). Reads serve recovery and paging. In an embedded database, messages and
 * references live in MVStore maps of the same file, in the same transaction ({@link MessageMaps}); through a server
 * URL, in SQL tables.
 * <p>
 * Not thread-safe: one thread uses it, the journal thread ({@link JournalAgent}) once the broker runs. The broker
 * may read for recovery before it starts that thread. After a failed write the journal refuses further writes.
 */
public final class H2Journal implements AutoCloseable
{
    /**
     * How long H2 keeps a file chunk that no longer holds live data before reusing its space, in SYNC mode. H2's
     * default (45 s) assumes nothing forces the file to disk; in SYNC mode every batch is forced, so one second covers
     * hundreds of forced writes under load, and the file holds about a second of traffic instead of 45 (JOURNAL.md).
     */
    static final int SYNC_RETENTION_MS = 1000;
    /**
     * The same in ASYNC mode: H2's default, since only the operating system's write-back puts the file on disk.
     */
    static final int ASYNC_RETENTION_MS = 45_000;

    private final Context context;
    private final Connection connection;
    private final java.sql.PreparedStatement checkpointSync;
    private final QueueRegistry queues;
    private final BatchWriter batchWriter;
    private final JournalReader reader;
    private final HistoryWriter historyWriter;
    private final MessageMaps maps;
    private boolean isClosed;
    private JournalException failure;

    private H2Journal(final Context context, final Connection connection) throws SQLException
    {
        this.context = context;
        this.connection = connection;
        try (Statement statement = connection.createStatement())
        {
            // Persistent in the database, so set on every open: the mode may have changed since the last one.
            // Before auto-commit goes off, so that the SET does not keep the system table locked.
            statement.execute("SET RETENTION_TIME " +
                (Durability.SYNC == context.durability() ? SYNC_RETENTION_MS : ASYNC_RETENTION_MS));
        }
        FileHousekeeping.configure(connection, context.durability());
        connection.setAutoCommit(false);
        JournalSchema.createOrValidate(connection);
        // Prepared once: a plain Statement parsed "CHECKPOINT SYNC" again on every batch (JFR, JOURNAL.md).
        checkpointSync = connection.prepareStatement("CHECKPOINT SYNC");
        maps = MessageStoreMigration.openMaps(connection);
        queues = new QueueRegistry(connection);
        batchWriter = new BatchWriter(connection, queues,
            Math.max(selectLastMessageId(connection), null == maps ? -1 : maps.readLastMessageId()), maps);
        reader = new JournalReader(connection, queues, maps);
        historyWriter = new HistoryWriter(connection);
        if (Durability.SYNC == context.durability())
        {
            // Fails here, not on the first batch, if the user may not force the store to disk.
            checkpointSync.execute();
        }
    }

    /**
     * Opens the journal, creating the database and its schema if they do not exist. Concludes the context.
     *
     * @param context the options; concluded here, so not shared with another journal.
     * @return the open journal.
     * @throws IllegalArgumentException naming the option if an option is invalid.
     * @throws JournalException         if the database cannot be opened (for example, in use by another process)
     *                                  or was written by a newer version.
     */
    public static H2Journal open(final Context context)
    {
        context.conclude();
        Connection connection = null;
        try
        {
            if (null != context.dataDirectory())
            {
                Files.createDirectories(context.dataDirectory());
            }
            final Properties properties = new Properties();
            properties.setProperty("user", context.user());
            properties.setProperty("password", context.password());
            connection = new org.h2.Driver().connect(context.connectionUrl(), properties);
            return new H2Journal(context, connection);
        }
        catch (final Exception ex)
        {
            closeQuietly(connection, ex);
            if (ex instanceof JournalException)
            {
                throw (JournalException)ex;
            }
            throw new JournalException("cannot open journal " + context.connectionUrl(), ex);
        }
    }

    Connection connection()
    {
        return connection;
    }

    /**
     * The concluded options this journal was opened with.
     *
     * @return the context.
     */
    public Context context()
    {
        return context;
    }

    /**
     * Applies a batch of write commands in one transaction, commits it and, with {@link Durability#SYNC}, forces
     * it to disk. When this returns, every command of the batch is complete. Journal thread only.
     * <p>
     * Within the batch, commands are folded into their net effect: a message stored and fully acknowledged in the
     * same batch is never written.
     *
     * @param commands the batch, in order; empty does nothing. May contain {@link JournalCommand.Group}s, not reads.
     * @throws IllegalStateException    if the journal is closed or failed before.
     * @throws IllegalArgumentException if a command is a read or a {@link JournalCommand.RecordHistory}, or
     *                                  inconsistent within the batch (a message stored twice, a reference added
     *                                  twice); the batch is rolled back and the journal failed, since the broker's
     *                                  view no longer matches the journal.
     * @throws JournalException         if the database fails; the batch is rolled back and the journal failed.
     */
    public void write(final List<? extends JournalCommand> commands)
    {
        requireWritable();
        if (commands.isEmpty())
        {
            return;
        }
        try
        {
            for (int i = 0, size = commands.size(); i < size; i++)
            {
                batchWriter.apply(commands.get(i));
            }
            batchWriter.flush();
            connection.commit();
            if (Durability.SYNC == context.durability())
            {
                checkpointSync.execute();
            }
        }
        catch (final SQLException | RuntimeException ex)
        {
            final JournalException journalException = ex instanceof JournalException ?
                (JournalException)ex : new JournalException("journal write failed: " + ex.getMessage(), ex);
            fail(journalException);
            if (ex instanceof IllegalArgumentException)
            {
                throw (IllegalArgumentException)ex;
            }
            throw journalException;
        }
    }

    /**
     * Writes points of the metrics history, and deletes those older than the command says, in a transaction of its
     * own, committed without a forced write (the next batch's sync, or H2's background writer within half a second,
     * puts it on disk). Journal thread only, between batches.
     * <p>
     * History is not durability-critical: a failure rolls back this write alone and does not fail the journal. If
     * the database itself is broken, the next {@link #write(List)} fails and fails the journal.
     *
     * @param record the points and the pruning time.
     * @return the points deleted by the pruning.
     * @throws IllegalStateException if the journal is closed or failed.
     * @throws JournalException      if the write fails; nothing of it is kept, and the journal stays usable.
     */
    public int writeHistory(final JournalCommand.RecordHistory record)
    {
        requireWritable();
        try
        {
            final int pruned = historyWriter.write(Objects.requireNonNull(record, "record"));
            connection.commit();
            return pruned;
        }
        catch (final SQLException | RuntimeException ex)
        {
            historyWriter.clear();
            try
            {
                connection.rollback();
            }
            catch (final SQLException rollbackEx)
            {
                ex.addSuppressed(rollbackEx);
            }
            throw new JournalException("metrics history write failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Hands every point of the metrics history from a time on to a handler, in time order (and by series within a
     * time), without building a list: a day of 1-minute points for a thousand destinations is 1.4 million rows.
     * For recovery, before the journal thread starts. Allocates what H2 allocates per row.
     *
     * @param sinceMs the earliest time wanted, epoch milliseconds.
     * @param handler called once per point on this thread.
     * @return the points handed over.
     * @throws JournalException if the database fails.
     */
    public long readHistory(final long sinceMs, final HistoryHandler handler)
    {
        requireOpen();
        return reader.readHistory(sinceMs, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Every point of the metrics history from a time on, in time order (and by series within a time). Allocates a
     * list of them: for a large history, use {@link #readHistory(long, HistoryHandler)}.
     *
     * @param sinceMs the earliest time wanted, epoch milliseconds.
     * @return the points.
     * @throws JournalException if the database fails.
     */
    public List<HistoryPoint> readHistory(final long sinceMs)
    {
        final ArrayList<HistoryPoint> points = new ArrayList<>();
        readHistory(sinceMs,
            (series, timeMs, depth, inRate, outRate) -> points.add(
                new HistoryPoint(series, timeMs, depth, inRate, outRate)));
        return points;
    }

    /**
     * Whether a write failed; then the journal refuses writes, and {@link #failure()} says why.
     *
     * @return true after a failed write.
     */
    public boolean isFailed()
    {
        return null != failure;
    }

    /**
     * Why the journal failed.
     *
     * @return the failure, or null if the journal has not failed.
     */
    public JournalException failure()
    {
        return failure;
    }

    /**
     * Messages stored and fully acknowledged within one batch, so never written, since this journal was opened.
     * Journal thread only.
     *
     * @return the count.
     */
    public long messagesElided()
    {
        return batchWriter.messagesElided();
    }

    /**
     * Messages put into the MVStore maps since open; -1 if messages live in SQL tables (a server URL). For tests.
     */
    long messagesWritten()
    {
        return null == maps ? -1 : maps.messagesWritten();
    }

    /**
     * Messages the journal holds, from the MVStore maps; -1 if they live in SQL tables. For tests, between batches.
     */
    long messageCount()
    {
        return null == maps ? -1 : maps.messageCount();
    }

    /**
     * A message's reference count, -1 if not held; -2 if messages live in SQL tables. For tests, between batches.
     */
    int referenceCountOf(final long messageId)
    {
        return null == maps ? -2 : maps.referenceCountOf(messageId);
    }

    /**
     * Whether messages and references live in MVStore maps (an embedded database) rather than SQL tables.
     *
     * @return true for maps.
     */
    public boolean isMessagesInMaps()
    {
        return null != maps;
    }

    /**
     * Every journaled destination, ordered by name then type. Allocates.
     *
     * @return the destinations.
     * @throws JournalException if the database fails.
     */
    public List<Destination> readDestinations()
    {
        requireOpen();
        return reader.readDestinations();
    }

    /**
     * @return the size of the database file in bytes, -1 if the journal is not a file in a data directory (a server
     * URL) or the size cannot be read.
     */
    public long fileBytes()
    {
        if (null == context.dataDirectory())
        {
            return -1;
        }
        try
        {
            return Files.size(context.dataDirectory().resolve("aeolus.mv.db"));
        }
        catch (final java.io.IOException ex)
        {
            return -1;
        }
    }

    /**
     * The queues an administrator paused, by name. Allocates.
     *
     * @return their names.
     * @throws JournalException if the database fails.
     */
    public List<String> readPausedQueues()
    {
        requireOpen();
        return reader.readPausedQueues();
    }

    /**
     * Every XA branch prepared or completed heuristically and not yet forgotten, ordered by Xid. Allocates.
     *
     * @return the branches.
     * @throws JournalException if the database fails.
     */
    public List<XaBranchRecord> readXaBranches()
    {
        requireOpen();
        try
        {
            return batchWriter.xaBranches().read();
        }
        catch (final java.sql.SQLException ex)
        {
            throw new JournalException("reading the XA branches failed", ex);
        }
    }

    /**
     * Every durable subscription, ordered by queue name. Allocates.
     *
     * @return the subscriptions.
     * @throws JournalException if the database fails.
     */
    public List<DurableSubscription> readDurableSubscriptions()
    {
        requireOpen();
        return reader.readDurableSubscriptions();
    }

    /**
     * The settings administrators gave destinations at run time, by destination name and type, each in the order
     * given. Allocates.
     *
     * @return the destinations with settings.
     * @throws JournalException if the database fails.
     */
    public List<StoredSettings> readSettings()
    {
        requireOpen();
        return reader.readSettings();
    }

    /**
     * The routing rules made at run time, in name order. Allocates.
     *
     * @return the rules.
     * @throws JournalException if the database fails.
     */
    public List<StoredRoute> readRoutes()
    {
        requireOpen();
        return reader.readRoutes();
    }

    /**
     * The replays of retained topics into queues, with their progress, in id order. Allocates.
     *
     * @return the replays.
     * @throws JournalException if the database fails.
     */
    public List<StoredReplay> readReplays()
    {
        requireOpen();
        return reader.readReplays();
    }

    /**
     * Every reference of a queue, in sequence order, with delivery counts and payloads. Allocates all of them:
     * for a large queue, page with {@link #readReferences(String, long, int)} instead.
     *
     * @param queue the reference queue.
     * @return the references, empty for an unknown queue.
     * @throws JournalException if the database fails.
     */
    public List<StoredReference> readReferences(final String queue)
    {
        return readReferences(queue, -1, Integer.MAX_VALUE);
    }

    /**
     * A page of a queue's references: the first {@code limit} with a sequence greater than {@code afterSequence},
     * in sequence order, with delivery counts and payloads. Read the next page after the last sequence returned.
     * Allocates the page.
     *
     * @param queue         the reference queue.
     * @param afterSequence exclusive lower bound; -1 for the start of the queue.
     * @param limit         the largest number of references to return, at least 1.
     * @return the page, shorter than {@code limit} (possibly empty) at the end of the queue.
     * @throws JournalException if the database fails.
     */
    public List<StoredReference> readReferences(final String queue, final long afterSequence, final int limit)
    {
        requireOpen();
        if (limit < 1)
        {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return reader.readReferences(Objects.requireNonNull(queue, "queue"), afterSequence, 0, limit);
    }

    /**
     * A page of a queue's references in sequence order with the length and expiration of each message, reading no
     * message body (from the journal's MVStore maps; a server-mode journal reads the page with its payloads): what
     * recovery needs of messages it holds by reference. Read the next page after the last sequence returned.
     *
     * @param queue         the reference queue.
     * @param afterSequence exclusive lower bound; -1 for the start of the queue.
     * @param limit         the largest number of references to return, at least 1.
     * @return the page, shorter than {@code limit} (possibly empty) at the end of the queue.
     * @throws JournalException if the database fails.
     */
    public List<ReferenceLength> readReferenceLengths(final String queue, final long afterSequence, final int limit)
    {
        requireOpen();
        if (limit < 1)
        {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return reader.readReferenceLengths(Objects.requireNonNull(queue, "queue"), afterSequence, limit);
    }

    /**
     * A page of a queue's references further on: as {@link #readReferences(String, long, int)}, after passing over
     * the first {@code skip} references after {@code afterSequence} (without reading their messages). Allocates the
     * page.
     *
     * @param queue         the reference queue.
     * @param afterSequence exclusive lower bound; -1 for the start of the queue.
     * @param skip          references to pass over, at least 0.
     * @param limit         the largest number of references to return, at least 1.
     * @return the page, shorter than {@code limit} (possibly empty) at the end of the queue.
     * @throws JournalException if the database fails.
     */
    public List<StoredReference> readReferences(
        final String queue, final long afterSequence, final long skip, final int limit)
    {
        requireOpen();
        if (limit < 1 || skip < 0)
        {
            throw new IllegalArgumentException("limit must be at least 1 and skip at least 0: " + limit + ", " + skip);
        }
        return reader.readReferences(Objects.requireNonNull(queue, "queue"), afterSequence, skip, limit);
    }

    /**
     * How many references a queue holds, so the broker can decide whether to page it. Counts the index: linear in
     * the queue's size.
     *
     * @param queue the reference queue.
     * @return the count, 0 for an unknown queue.
     * @throws JournalException if the database fails.
     */
    public long readReferenceCount(final String queue)
    {
        requireOpen();
        return reader.readReferenceCount(Objects.requireNonNull(queue, "queue"));
    }

    /**
     * The highest sequence in a queue, so the broker continues after it.
     *
     * @param queue the reference queue.
     * @return the sequence, or -1 for an empty or unknown queue.
     * @throws JournalException if the database fails.
     */
    public long readLastSequence(final String queue)
    {
        requireOpen();
        return reader.readLastSequence(Objects.requireNonNull(queue, "queue"));
    }

    /**
     * The highest message id ever stored (kept even after the message is deleted, and including messages never
     * written because they were acknowledged in the batch that stored them), so the broker never reuses an id.
     *
     * @return the id, or -1 if no message was ever stored.
     */
    public long readLastMessageId()
    {
        requireOpen();
        return batchWriter.lastMessageId();
    }

    /**
     * Closes the database connection; an embedded database is closed and its file compacted briefly. Journal
     * thread only. Idempotent. Does not throw for a journal that had failed.
     *
     * @throws JournalException if closing a healthy journal fails.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            try
            {
                connection.close();
            }
            catch (final SQLException ex)
            {
                if (null == failure)
                {
                    throw new JournalException("cannot close journal", ex);
                }
            }
        }
    }

    private void fail(final JournalException ex)
    {
        failure = ex;
        batchWriter.clear();
        try
        {
            connection.rollback();
        }
        catch (final SQLException rollbackEx)
        {
            ex.addSuppressed(rollbackEx);
        }
    }

    private void requireOpen()
    {
        if (isClosed)
        {
            throw new IllegalStateException("journal closed");
        }
    }

    private void requireWritable()
    {
        requireOpen();
        if (null != failure)
        {
            throw new IllegalStateException("journal failed, refusing writes: " + failure.getMessage(), failure);
        }
    }

    private static long selectLastMessageId(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery("SELECT last_message_id FROM journal_state WHERE id = 1"))
        {
            return resultSet.next() ? resultSet.getLong(1) : -1;
        }
    }

    private static void closeQuietly(final Connection connection, final Exception cause)
    {
        if (null != connection)
        {
            try
            {
                connection.close();
            }
            catch (final SQLException ex)
            {
                cause.addSuppressed(ex);
            }
        }
    }

    /**
     * Receives the points of the metrics history read by {@link #readHistory(long, HistoryHandler)}.
     */
    @FunctionalInterface
    public interface HistoryHandler
    {
        /**
         * One point.
         *
         * @param series  what it measures, as the broker named it.
         * @param timeMs  when, epoch milliseconds.
         * @param depth   messages waiting then.
         * @param inRate  messages enqueued per second over the point's interval.
         * @param outRate messages dequeued per second over the point's interval.
         */
        void onPoint(String series, long timeMs, long depth, double inRate, double outRate);
    }

    /**
     * Options of one journal, with defaults from system properties ({@link H2JournalConfiguration}). Setters
     * return this; {@link #conclude()} validates them once, naming a bad option, and freezes the context. One
     * context per journal.
     */
    public static final class Context
    {
        /** Appended to an embedded database's URL: the journal, not H2's shutdown hook, closes it. */
        public static final String CLOSE_ON_EXIT_OFF = ";DB_CLOSE_ON_EXIT=FALSE";

        private static final int MAX_BATCH_SIZE_LIMIT = 1_000_000;
        private static final int MAX_QUEUE_CAPACITY = 1 << 30;

        private Path dataDirectory = toPath(H2JournalConfiguration.dataDirectory());
        private String jdbcUrl = H2JournalConfiguration.jdbcUrl();
        private String user = H2JournalConfiguration.user();
        private String password = H2JournalConfiguration.password();
        private Durability durability = H2JournalConfiguration.durability();
        private int maxBatchSize = H2JournalConfiguration.maxBatchSize();
        private int commandQueueCapacity = H2JournalConfiguration.commandQueueCapacity();
        private int completionQueueCapacity = H2JournalConfiguration.completionQueueCapacity();
        private ErrorHandler errorHandler = Throwable::printStackTrace;
        private String connectionUrl;
        private boolean isConcluded;

        /**
         * The directory of the embedded database file ({@code <dir>/aeolus.mv.db}), created on open. Exclusive
         * with {@link #jdbcUrl(String)}.
         *
         * @param dataDirectory the directory, or null to unset.
         * @return this.
         */
        public Context dataDirectory(final Path dataDirectory)
        {
            requireNotConcluded();
            this.dataDirectory = dataDirectory;
            return this;
        }

        /**
         * The directory of the embedded database file, as a {@link File}.
         *
         * @param dataDirectory the directory, or null to unset.
         * @return this.
         */
        public Context dataDirectory(final File dataDirectory)
        {
            return dataDirectory(null == dataDirectory ? null : dataDirectory.toPath());
        }

        /**
         * The directory of the embedded database file.
         *
         * @return the directory, or null if a JDBC URL is used instead.
         */
        public Path dataDirectory()
        {
            return dataDirectory;
        }

        /**
         * An H2 JDBC URL to use instead of the embedded database in a data directory: a server
         * ({@code jdbc:h2:tcp://host/path}) or any other H2 URL. Exclusive with {@link #dataDirectory(Path)}.
         *
         * @param jdbcUrl a {@code jdbc:h2:} URL, or null to unset.
         * @return this.
         */
        public Context jdbcUrl(final String jdbcUrl)
        {
            requireNotConcluded();
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /**
         * The explicit JDBC URL.
         *
         * @return the URL, or null if the data directory is used.
         */
        public String jdbcUrl()
        {
            return jdbcUrl;
        }

        /**
         * The URL the journal connects to: the explicit JDBC URL, or {@code jdbc:h2:file:<dataDirectory>/aeolus}; an
         * embedded database's URL gets {@value #CLOSE_ON_EXIT_OFF} unless it sets {@code DB_CLOSE_ON_EXIT} itself.
         *
         * @return the URL, or null before {@link #conclude()}.
         */
        public String connectionUrl()
        {
            return connectionUrl;
        }

        /**
         * The database user. It must be an H2 administrator: the journal sets how long H2 retains unused file space
         * ({@code SET RETENTION_TIME}) and, with {@link Durability#SYNC}, forces the store to disk
         * ({@code CHECKPOINT SYNC}); both need administrator rights.
         *
         * @param user the user.
         * @return this.
         */
        public Context user(final String user)
        {
            requireNotConcluded();
            this.user = user;
            return this;
        }

        /**
         * The database user.
         *
         * @return the user.
         */
        public String user()
        {
            return user;
        }

        /**
         * The database password.
         *
         * @param password the password.
         * @return this.
         */
        public Context password(final String password)
        {
            requireNotConcluded();
            this.password = password;
            return this;
        }

        String password()
        {
            return password;
        }

        /**
         * When a batch counts as complete: on disk ({@link Durability#SYNC}, the default) or committed in H2.
         *
         * @param durability the durability.
         * @return this.
         */
        public Context durability(final Durability durability)
        {
            requireNotConcluded();
            this.durability = durability;
            return this;
        }

        /**
         * When a batch counts as complete.
         *
         * @return the durability.
         */
        public Durability durability()
        {
            return durability;
        }

        /**
         * The largest number of queued commands the journal thread takes into one batch (a group counts as one).
         *
         * @param maxBatchSize 1 to 1,000,000.
         * @return this.
         */
        public Context maxBatchSize(final int maxBatchSize)
        {
            requireNotConcluded();
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /**
         * The largest number of queued commands in one batch.
         *
         * @return the number.
         */
        public int maxBatchSize()
        {
            return maxBatchSize;
        }

        /**
         * Capacity of the queue of commands waiting for the journal thread, rounded up to a power of two. When it
         * is full, {@link JournalProxy} refuses commands (back-pressure).
         *
         * @param commandQueueCapacity 2 to 2^30.
         * @return this.
         */
        public Context commandQueueCapacity(final int commandQueueCapacity)
        {
            requireNotConcluded();
            this.commandQueueCapacity = commandQueueCapacity;
            return this;
        }

        /**
         * Capacity of the command queue.
         *
         * @return the capacity.
         */
        public int commandQueueCapacity()
        {
            return commandQueueCapacity;
        }

        /**
         * Capacity of the queue of completions waiting for the broker, rounded up to a power of two. When it is
         * full, the journal thread stops taking commands until the broker drains it.
         *
         * @param completionQueueCapacity 2 to 2^30.
         * @return this.
         */
        public Context completionQueueCapacity(final int completionQueueCapacity)
        {
            requireNotConcluded();
            this.completionQueueCapacity = completionQueueCapacity;
            return this;
        }

        /**
         * Capacity of the completion queue.
         *
         * @return the capacity.
         */
        public int completionQueueCapacity()
        {
            return completionQueueCapacity;
        }

        /**
         * Where the journal thread reports its fatal failure, besides the completion queue. Default: standard error.
         *
         * @param errorHandler the handler.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            requireNotConcluded();
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * Where the journal thread reports its fatal failure.
         *
         * @return the handler.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * Whether {@link #conclude()} ran.
         *
         * @return true once concluded.
         */
        public boolean isConcluded()
        {
            return isConcluded;
        }

        /**
         * Validates the options, derives the connection URL and freezes the context. Called once, by
         * {@link H2Journal#open(Context)}, or earlier by a caller that wants the validation alone.
         *
         * @return this.
         * @throws IllegalStateException    if already concluded.
         * @throws IllegalArgumentException naming the first invalid option.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("H2Journal.Context already concluded: one context per journal");
            }
            validateLocation();
            require(null != user, "user must be set");
            require(null != password, "password must be set (empty for none)");
            require(null != durability, "durability must be SYNC or ASYNC");
            require(null != errorHandler, "errorHandler must be set");
            requireRange(maxBatchSize, 1, MAX_BATCH_SIZE_LIMIT, "maxBatchSize");
            requireRange(commandQueueCapacity, 2, MAX_QUEUE_CAPACITY, "commandQueueCapacity");
            requireRange(completionQueueCapacity, 2, MAX_QUEUE_CAPACITY, "completionQueueCapacity");
            connectionUrl = withoutCloseOnExit(null != jdbcUrl ? jdbcUrl :
                "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("aeolus"));
            isConcluded = true;
            return this;
        }

        /**
         * H2 closes an embedded database from its own JVM shutdown hook, which runs at the same time as the broker's:
         * a SIGTERM would close the database in the middle of the drain, failing sends whose batch H2 then wrote on
         * close. With the setting off, the journal closes the database itself, last. A server URL is left as it is
         * (the server's process owns its databases), and so is a URL that chose {@code DB_CLOSE_ON_EXIT} itself.
         */
        static String withoutCloseOnExit(final String url)
        {
            final String lower = url.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("jdbc:h2:tcp:") || lower.startsWith("jdbc:h2:ssl:") ||
                lower.contains(";db_close_on_exit="))
            {
                return url;
            }
            return url + CLOSE_ON_EXIT_OFF;
        }

        private void validateLocation()
        {
            require(null == dataDirectory || null == jdbcUrl,
                "dataDirectory and jdbcUrl are exclusive: set one of them");
            require(null != dataDirectory || null != jdbcUrl, "dataDirectory or jdbcUrl must be set");
            if (null != jdbcUrl)
            {
                require(jdbcUrl.startsWith("jdbc:h2:"), "jdbcUrl must be an H2 URL (jdbc:h2:...): " + jdbcUrl);
            }
            else
            {
                require(!Files.exists(dataDirectory) || Files.isDirectory(dataDirectory),
                    "dataDirectory is not a directory: " + dataDirectory);
                require(dataDirectory.toString().indexOf(';') < 0,
                    "dataDirectory must not contain ';' (it becomes part of a JDBC URL): " + dataDirectory);
            }
        }

        private void requireNotConcluded()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("H2Journal.Context already concluded");
            }
        }

        private static void requireRange(final int value, final int min, final int max, final String name)
        {
            require(value >= min && value <= max, name + " must be in [" + min + ", " + max + "]: " + value);
        }

        private static void require(final boolean condition, final String message)
        {
            if (!condition)
            {
                throw new IllegalArgumentException(message);
            }
        }

        private static Path toPath(final String directory)
        {
            return null == directory ? null : Path.of(directory);
        }
    }
}
