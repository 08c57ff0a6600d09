package io.aeolus.broker.engine;

import io.aeolus.store.JournalCommand;

/**
 * Where the engine writes what must survive a restart. Commands are numbered in the order appended (positions);
 * the implementation makes them durable in that order and reports, later and as an engine input
 * ({@link EngineInputs#onDurable}, {@link EngineInputs#onDurabilityFailed}), the highest durable position. The
 * engine itself keeps who waits for which position. Page reads are answered the same way
 * ({@link EngineInputs#onPage}). Implementations: the H2 journal, memory (nothing kept, every position durable at
 * once), and later a replicated log.
 */
public interface Durability
{
    /**
     * @return true if what is appended outlives the process; false in memory.
     */
    boolean isPersistent();

    /**
     * Appends a command.
     *
     * @param command what to write.
     * @return its position; 0 if it is durable at once (memory).
     */
    long append(JournalCommand command);

    /**
     * Starts collecting commands into one atomic group; groups nest, only the outermost {@link #endGroup()} appends.
     */
    void beginGroup();

    /**
     * Appends the commands collected since {@link #beginGroup()} as one group, written all or nothing.
     *
     * @return the group's position; the last position appended if the group was empty; 0 in memory.
     */
    long endGroup();

    /**
     * Asks for a page of a queue's references, answered by {@link EngineInputs#onPage}.
     *
     * @param queue         the queue's journal name.
     * @param afterSequence the last sequence already held.
     * @param limit         most references.
     */
    void readPage(String queue, long afterSequence, int limit);

    /**
     * Asks for a page of a queue's paged-out references to show, not to take into memory: a management browse, which
     * changes no state. Answered on the engine's thread (the store's completions are drained there). Only a store
     * that pages out messages needs it.
     *
     * @param queue         the queue's journal name.
     * @param afterSequence the last sequence held in memory.
     * @param skip          references after it to pass over.
     * @param limit         most references.
     * @param onPage        given the references, or null and why the store failed.
     */
    default void readBrowsePage(String queue, long afterSequence, long skip, int limit,
        java.util.function.BiConsumer<java.util.List<io.aeolus.store.StoredReference>, String> onPage)
    {
        throw new UnsupportedOperationException("this store cannot read paged-out messages for a browse");
    }

    /**
     * Offers a command nobody waits for and that may be lost (the metrics history), only if it can be taken at once.
     *
     * @param command what to write.
     * @return false if not taken.
     */
    boolean offerIfRoom(JournalCommand command);

    /**
     * @return commands appended and not yet durable.
     */
    long pendingCount();

    /**
     * @return the position of the last command appended.
     */
    long lastAppended();

    /**
     * @return what the journal thread has done, null if there is none.
     */
    io.aeolus.store.JournalStatistics statistics();

    /**
     * A query, like {@link ClientEgress#isWritable}: whether the store takes persistent messages now.
     *
     * @return null if it does, else why not (it failed, or its disk is nearly full); in words for the producer.
     */
    default String refusal()
    {
        return null;
    }

    /**
     * Whether the store takes a persistent message of this length now; a store that watches its disk reserves the
     * room the message will take until it looks again.
     *
     * @param messageLength the message's encoded length in bytes.
     * @return null if it does, else why not; in words for the producer.
     */
    default String refusal(final int messageLength)
    {
        return refusal();
    }
}
