package io.aeolus.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.MVStore;

/**
 * Who stores and compacts the journal's H2 file. In SYNC mode with an embedded database, H2's background writer is
 * off ({@code WRITE_DELAY 0}): with it on, every chunk the journal thread stored went through two helper threads
 * ({@code H2-serialization}, then {@code H2-save}) and back, four thread wake-ups on the path of every synchronous
 * send; with it off, the journal thread serialises and writes the batch's chunk itself, then forces it (JOURNAL.md,
 * "One thread per forced batch"). The background writer also compacted the file; this class does that instead, on
 * the journal thread between batches: at most every {@link #INTERVAL_NS}, if less than {@link #TARGET_FILL_RATE}
 * percent of the chunks' space is live, it rewrites up to {@link #WRITE_LIMIT_BYTES} of live pages out of the
 * emptiest chunks and forces the file, so that the chunks they leave can be reused once retained long enough.
 * <p>
 * In ASYNC mode, and through a server URL, H2's background writer stays on (H2's default delay): there it is what
 * writes committed batches to the file, and it compacts as before.
 * <p>
 * Journal thread only.
 */
final class FileHousekeeping
{
    /** H2's {@code WRITE_DELAY} where its background writer stays on: H2's default. */
    static final int BACKGROUND_WRITE_DELAY_MS = 500;
    /** How often, at most, the live share of the chunks is checked. */
    static final long INTERVAL_NS = 100_000_000L;
    /** Below this share of live data in the chunks (percent), live pages are moved out of the emptiest chunks. */
    static final int TARGET_FILL_RATE = 80;
    /** The most live data rewritten per run, so that a run delays the next batch by little. */
    static final int WRITE_LIMIT_BYTES = 1024 * 1024;

    private final Database database;
    private final MVStore store;
    private long nextRunNs;
    private long compactions;

    private FileHousekeeping(final Database database, final long nowNs)
    {
        this.database = database;
        this.store = null == database ? null : database.getStore().getMvStore();
        this.nextRunNs = nowNs;
    }

    /**
     * Sets H2's write delay for the mode and the kind of database: 0 (the journal thread stores and compacts) for
     * an embedded database in SYNC mode, else H2's default. Persistent in the database, so set on every open.
     *
     * @param connection the journal's connection, before auto-commit goes off.
     * @param durability the journal's mode.
     * @throws SQLException if H2 refuses (the user must be an administrator).
     */
    static void configure(final Connection connection, final Durability durability) throws SQLException
    {
        final boolean journalWrites = isJournalWriting(connection, durability);
        try (Statement statement = connection.createStatement())
        {
            statement.execute("SET WRITE_DELAY " + (journalWrites ? 0 : BACKGROUND_WRITE_DELAY_MS));
        }
    }

    /**
     * @param journal an open journal; its housekeeping runs on the thread that writes to it.
     * @param nowNs   the time now.
     * @return the journal's housekeeping; one that does nothing if H2's background writer does it.
     * @throws SQLException if the connection fails.
     */
    static FileHousekeeping of(final H2Journal journal, final long nowNs) throws SQLException
    {
        final Connection connection = journal.connection();
        final SessionLocal session = isJournalWriting(connection, journal.context().durability()) ?
            MessageMaps.embeddedSession(connection) : null;
        return new FileHousekeeping(null == session ? null : session.getDatabase(), nowNs);
    }

    private static boolean isJournalWriting(final Connection connection, final Durability durability)
        throws SQLException
    {
        return Durability.SYNC == durability && null != MessageMaps.embeddedSession(connection);
    }

    /**
     * Compacts if it is time to look and the chunks are emptier than the target. Journal thread, between batches.
     *
     * @param nowNs the time now.
     * @return 1 if live pages were rewritten (and the file forced), else 0.
     */
    int run(final long nowNs)
    {
        if (null == store || nowNs - nextRunNs < 0)
        {
            return 0;
        }
        nextRunNs = nowNs + INTERVAL_NS;
        if (store.isClosed() || store.getFileStore().getChunksFillRate() >= TARGET_FILL_RATE)
        {
            return 0;
        }
        if (!store.compact(TARGET_FILL_RATE, WRITE_LIMIT_BYTES))
        {
            return 0;
        }
        // Store the rewritten pages and force them before the chunks they leave can be reused: H2 reuses a chunk's
        // space once it is unused for RETENTION_TIME, and nothing else may force the file in that time.
        database.sync();
        compactions++;
        return 1;
    }

    /**
     * @return true if this journal's thread stores and compacts the file (embedded, SYNC).
     */
    boolean isActive()
    {
        return null != store;
    }

    /**
     * @return runs that rewrote live pages (for tests).
     */
    long compactions()
    {
        return compactions;
    }
}
