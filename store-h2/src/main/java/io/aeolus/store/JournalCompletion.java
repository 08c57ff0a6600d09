package io.aeolus.store;

import java.util.List;

/**
 * What the journal thread tells the broker, through the completion queue drained with
 * {@link JournalProxy#drainCompletions(java.util.function.Consumer, int)}. Commands are numbered 1, 2, 3... in the
 * order {@link JournalProxy} accepted them (a group counts as one); completions refer to those numbers.
 * <ul>
 *   <li>{@link Type#COMMITTED}: every command up to and including {@link #sequence()} is complete (on disk with
 *       {@link Durability#SYNC}). Cumulative: one per batch.</li>
 *   <li>{@link Type#REFERENCES}: the answer to the {@link JournalCommand.ReadReferences} numbered
 *       {@link #sequence()}, after the {@code COMMITTED} that covers it.</li>
 *   <li>{@link Type#FAILED}: the journal failed and accepts nothing more. Commands up to {@link #sequence()} are
 *       complete; every later one, accepted or not, is not, and an unanswered read will not be answered. The broker
 *       refuses persistent sends from now on. Sent once, last.</li>
 * </ul>
 * Immutable; allocated by the journal thread once per batch and once per page read.
 */
public final class JournalCompletion
{
    /**
     * The kind of completion.
     */
    public enum Type
    {
        /**
         * Commands up to the sequence are complete.
         */
        COMMITTED,

        /**
         * A page of references answering a read.
         */
        REFERENCES,

        /**
         * The journal failed; commands after the sequence are lost.
         */
        FAILED
    }

    private final Type type;
    private final long sequence;
    private final JournalCommand.ReadReferences read;
    private final List<StoredReference> references;
    private final Throwable failure;

    private JournalCompletion(
        final Type type,
        final long sequence,
        final JournalCommand.ReadReferences read,
        final List<StoredReference> references,
        final Throwable failure)
    {
        this.type = type;
        this.sequence = sequence;
        this.read = read;
        this.references = references;
        this.failure = failure;
    }

    static JournalCompletion committed(final long sequence)
    {
        return new JournalCompletion(Type.COMMITTED, sequence, null, List.of(), null);
    }

    static JournalCompletion references(
        final long sequence, final JournalCommand.ReadReferences read, final List<StoredReference> references)
    {
        return new JournalCompletion(Type.REFERENCES, sequence, read, references, null);
    }

    static JournalCompletion failed(final long sequence, final Throwable failure)
    {
        return new JournalCompletion(Type.FAILED, sequence, null, List.of(), failure);
    }

    /**
     * The kind of completion.
     *
     * @return the type.
     */
    public Type type()
    {
        return type;
    }

    /**
     * For {@code COMMITTED} and {@code FAILED}, the last complete command; for {@code REFERENCES}, the read.
     *
     * @return the command number.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * The read this page answers.
     *
     * @return the read, or null unless {@code REFERENCES}.
     */
    public JournalCommand.ReadReferences read()
    {
        return read;
    }

    /**
     * The page of references, in sequence order.
     *
     * @return the references, empty unless {@code REFERENCES}.
     */
    public List<StoredReference> references()
    {
        return references;
    }

    /**
     * Why the journal failed.
     *
     * @return the failure, or null unless {@code FAILED}.
     */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "JournalCompletion{" + type + ", sequence=" + sequence +
            (null == read ? "" : ", read=" + read + ", references=" + references.size()) +
            (null == failure ? "" : ", failure=" + failure) + "}";
    }
}
