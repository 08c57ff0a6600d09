package io.aeolus.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Measures journal write rates with 1 KiB payloads and a sync per batch, for JOURNAL.md. Not a test: run by hand
 * (command in JOURNAL.md), never in the build. Each configuration runs in a fresh directory under
 * {@code java.io.tmpdir}: one second of warm-up, then {@code aeolus.bench.seconds} (default 3) measured; repeated
 * {@code aeolus.bench.runs} times (default 3), printing every run and the median (by rows/s), since the fsync
 * latency of a virtual disk varies from second to second.
 * <ul>
 *   <li>{@code jdbc-varbinary}, {@code jdbc-blob}: the baseline, one row (id, payload) per message in one table,
 *       JDBC batch insert, commit, {@code CHECKPOINT SYNC}.</li>
 *   <li>{@code journal}: {@link H2Journal#write(List)} of StoreMessage + AddReference per message (a message row
 *       and a reference row with its two indexes), SYNC.</li>
 *   <li>{@code journal-steady}: the same plus the acknowledgement of as many older messages (reference and message
 *       deletes): a queue whose consumers keep up but not within the same batch.</li>
 *   <li>{@code mvstore}, {@code mvstore-steady}: the same work on the MVStore API directly (a message map and a
 *       reference map, one {@code commit()} and one {@code sync()} per batch).</li>
 *   <li>{@code jdbc-commit-only}: the baseline without {@code CHECKPOINT SYNC}: what a plain H2 commit costs.</li>
 * </ul>
 */
public final class JournalBenchmark
{
    private static final int PAYLOAD_LENGTH = 1024;
    private static final int ACK_LAG = 5_000;
    private static long totalBatches;
    private static final long WARMUP_NS = 1_000_000_000L;
    private static final byte[] PAYLOAD = new byte[PAYLOAD_LENGTH];

    private JournalBenchmark()
    {
    }

    /**
     * A write workload: one batch of messages per call, then close.
     */
    interface Workload extends AutoCloseable
    {
        void batch(long firstId, int size) throws Exception;
    }

    public static void main(final String[] args) throws Exception
    {
        final double seconds = Double.parseDouble(System.getProperty("aeolus.bench.seconds", "3"));
        final int runs = Integer.getInteger("aeolus.bench.runs", 3);
        final int[] batchSizes = java.util.Arrays.stream(System.getProperty("aeolus.bench.batches", "1,10,100,1000")
            .split(",")).mapToInt(Integer::parseInt).toArray();
        final List<String> kinds = args.length > 0 ? List.of(args) : List.of(
            "jdbc-varbinary", "jdbc-blob", "journal", "journal-steady", "mvstore", "mvstore-steady",
            "jdbc-commit-only");
        System.out.printf("%-18s %6s %12s %12s %14s   %s%n", "workload", "batch", "commits/s", "rows/s",
            "cpu_us_per_row", "(each run: rows/s)");
        for (final String kind : kinds)
        {
            for (final int batchSize : batchSizes)
            {
                final List<double[]> results = new ArrayList<>();
                final StringBuilder each = new StringBuilder();
                for (int i = 0; i < runs; i++)
                {
                    final double[] result = run(kind, batchSize, seconds);
                    results.add(result);
                    each.append(String.format(Locale.ROOT, " %.0f", result[1]));
                }
                results.sort((a, b) -> Double.compare(a[1], b[1]));
                final double[] median = results.get(results.size() / 2);
                final double[] cpu = results.stream().mapToDouble(r -> r[2]).sorted().toArray();
                System.out.printf(Locale.ROOT, "%-18s %6d %12.0f %12.0f %14.1f  %s%n",
                    kind, batchSize, median[0], median[1], cpu[cpu.length / 2], each);
            }
        }
        // Compare with the fsync count of strace -f -c -e trace=fsync,fdatasync,pwrite64.
        System.out.println("batches written, warm-up included: " + totalBatches);
    }

    private static double[] run(final String kind, final int batchSize, final double seconds) throws Exception
    {
        final Path directory = Files.createTempDirectory("aeolus-bench");
        long id = 0;
        long commits = 0;
        final long elapsedNs;
        final long cpuNs;
        try (Workload workload = open(kind, directory))
        {
            final long warmupEndNs = System.nanoTime() + WARMUP_NS;
            while (System.nanoTime() - warmupEndNs < 0)
            {
                workload.batch(id, batchSize);
                id += batchSize;
                totalBatches++;
            }
            // CPU of the writing thread (the journal thread's share of the work): robust to a host whose disk and
            // cores are shared, where rows/s mostly measures the others.
            final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            final long startCpuNs = threads.getCurrentThreadCpuTime();
            final long startNs = System.nanoTime();
            final long endNs = startNs + (long)(seconds * 1e9);
            final long startId = id;
            while (System.nanoTime() - endNs < 0)
            {
                workload.batch(id, batchSize);
                id += batchSize;
                commits++;
                totalBatches++;
            }
            elapsedNs = System.nanoTime() - startNs;
            cpuNs = threads.getCurrentThreadCpuTime() - startCpuNs;
            id -= startId;
        }
        deleteRecursively(directory);
        return new double[] {commits * 1e9 / elapsedNs, id * 1e9 / elapsedNs, cpuNs / 1e3 / Math.max(id, 1)};
    }

    private static Workload open(final String kind, final Path directory) throws Exception
    {
        switch (kind)
        {
            case "jdbc-varbinary":
                return jdbc(directory, "VARBINARY(1000000000)", true);
            case "jdbc-blob":
                return jdbc(directory, "BLOB", true);
            case "jdbc-commit-only":
                return jdbc(directory, "VARBINARY(1000000000)", false);
            case "journal":
                return journal(directory, false);
            case "journal-steady":
                return journal(directory, true);
            case "mvstore":
                return mvStore(directory, false);
            case "mvstore-steady":
                return mvStore(directory, true);
            case "h2-txmap":
                return txMaps(directory, false);
            case "h2-txmap-steady":
                return txMaps(directory, true);
            default:
                throw new IllegalArgumentException("unknown workload: " + kind);
        }
    }

    private static Workload jdbc(final Path directory, final String payloadType, final boolean isSync)
        throws Exception
    {
        final Connection connection = DriverManager.getConnection("jdbc:h2:file:" + directory + "/bench", "sa", "");
        final Statement statement = connection.createStatement();
        statement.execute("CREATE TABLE messages (id BIGINT PRIMARY KEY, payload " + payloadType + ")");
        connection.setAutoCommit(false);
        final PreparedStatement insert = connection.prepareStatement("INSERT INTO messages VALUES (?, ?)");
        return new Workload()
        {
            public void batch(final long firstId, final int size) throws Exception
            {
                for (int i = 0; i < size; i++)
                {
                    insert.setLong(1, firstId + i);
                    insert.setBytes(2, PAYLOAD);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
                if (isSync)
                {
                    statement.execute("CHECKPOINT SYNC");
                }
            }

            public void close() throws Exception
            {
                connection.close();
            }
        };
    }

    private static Workload journal(final Path directory, final boolean isSteady)
    {
        final H2Journal journal = H2Journal.open(new H2Journal.Context().dataDirectory(directory));
        final List<JournalCommand> commands = new ArrayList<>();
        return new Workload()
        {
            public void batch(final long firstId, final int size)
            {
                commands.clear();
                for (int i = 0; i < size; i++)
                {
                    final long id = firstId + i;
                    commands.add(new JournalCommand.StoreMessage(id, 4, 0, 0, PAYLOAD));
                    commands.add(new JournalCommand.AddReference("queue", id, id));
                    if (isSteady && id >= ACK_LAG)
                    {
                        commands.add(new JournalCommand.RemoveReference("queue", id - ACK_LAG));
                    }
                }
                journal.write(commands);
            }

            public void close()
            {
                journal.close();
            }
        };
    }

    private static Workload mvStore(final Path directory, final boolean isSteady)
    {
        final MVStore store = new MVStore.Builder().fileName(directory.resolve("bench.mv.db").toString())
            .autoCommitDisabled().open();
        final MVMap<Long, byte[]> messages = store.openMap("messages");
        final MVMap<Long, long[]> references = store.openMap("references");
        return new Workload()
        {
            public void batch(final long firstId, final int size)
            {
                for (int i = 0; i < size; i++)
                {
                    final long id = firstId + i;
                    messages.put(id, PAYLOAD);
                    references.put(id, new long[] {id, 0});
                    if (isSteady && id >= ACK_LAG)
                    {
                        references.remove(id - ACK_LAG);
                        messages.remove(id - ACK_LAG);
                    }
                }
                store.commit();
                store.sync();
            }

            public void close()
            {
                store.close();
            }
        };
    }

    private static Workload txMaps(final Path directory, final boolean isSteady) throws Exception
    {
        final Connection connection = DriverManager.getConnection("jdbc:h2:file:" + directory + "/bench", "sa", "");
        final Statement statement = connection.createStatement();
        connection.setAutoCommit(false);
        final org.h2.engine.SessionLocal session =
            (org.h2.engine.SessionLocal)connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession();
        return new Workload()
        {
            public void batch(final long firstId, final int size) throws Exception
            {
                final org.h2.mvstore.tx.Transaction tx = session.getTransaction();
                final org.h2.mvstore.tx.TransactionMap<Long, byte[]> messages = tx.openMap("m",
                    org.h2.mvstore.type.LongDataType.INSTANCE, org.h2.mvstore.type.ByteArrayDataType.INSTANCE);
                final org.h2.mvstore.tx.TransactionMap<Long, byte[]> references = tx.openMap("r",
                    org.h2.mvstore.type.LongDataType.INSTANCE, org.h2.mvstore.type.ByteArrayDataType.INSTANCE);
                final org.h2.mvstore.tx.TransactionMap<Long, Long> index = tx.openMap("i",
                    org.h2.mvstore.type.LongDataType.INSTANCE, org.h2.mvstore.type.LongDataType.INSTANCE);
                for (int i = 0; i < size; i++)
                {
                    final long id = firstId + i;
                    messages.put(id, PAYLOAD);
                    references.put(id, new byte[12]);
                    index.put(id, id);
                    if (isSteady && id >= ACK_LAG)
                    {
                        final Long seq = index.remove(id - ACK_LAG);
                        references.remove(seq);
                        messages.remove(id - ACK_LAG);
                    }
                }
                connection.commit();
                statement.execute("CHECKPOINT SYNC");
            }

            public void close() throws Exception
            {
                connection.close();
            }
        };
    }

    private static void deleteRecursively(final Path directory) throws Exception
    {
        try (var paths = Files.walk(directory))
        {
            final List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (final Path path : all)
            {
                Files.delete(path);
            }
        }
    }
}
