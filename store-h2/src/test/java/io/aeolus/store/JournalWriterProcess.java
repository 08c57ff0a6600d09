package io.aeolus.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * The child JVM of {@link JournalKillRecoveryIT}: plays the broker conductor, writing one group per batch number
 * through a running {@link JournalAgent} as fast as the journal takes them, and printing {@code completed N} each
 * time batch N (and every one before it) is confirmed. It never stops by itself: the test kills it.
 * <p>
 * Batch N stores messages {@code N * 10 + i} (i in 0..9) on queue {@value #QUEUE} at sequence = message id, and
 * acknowledges the messages of batch {@code N - ACK_DISTANCE}. So after recovery, the journal holds exactly the
 * messages of the last {@code ACK_DISTANCE} batches it completed.
 */
public final class JournalWriterProcess
{
    static final String QUEUE = "q";
    static final int MESSAGES_PER_BATCH = 10;
    static final int ACK_DISTANCE = 5;

    private JournalWriterProcess()
    {
    }

    public static void main(final String[] args)
    {
        final H2Journal journal = H2Journal.open(new H2Journal.Context()
            .dataDirectory(Path.of(args[0]))
            .maxBatchSize(16)
            .errorHandler(Throwable::printStackTrace));
        final long firstBatch = lastBatch(journal.readLastMessageId()) + 1;
        final JournalAgent agent = new JournalAgent(journal);
        final JournalProxy proxy = agent.proxy();
        final AgentRunner runner = new AgentRunner(
            new BackoffIdleStrategy(), Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(runner);

        final IdleStrategy idle = new BackoffIdleStrategy();
        final long[] printed = {firstBatch - 1};
        long nextBatch = firstBatch;
        while (true)
        {
            int work = 0;
            if (nextBatch - printed[0] < 1000 && proxy.offerGroup(batch(nextBatch)))
            {
                nextBatch++;
                work++;
            }
            work += proxy.drainCompletions(
                (completion) ->
                {
                    if (JournalCompletion.Type.FAILED == completion.type())
                    {
                        completion.failure().printStackTrace();
                        System.exit(2);
                    }
                    // One group per sequence number, numbered from firstBatch.
                    final long batch = firstBatch + completion.sequence() - 1;
                    if (batch > printed[0])
                    {
                        printed[0] = batch;
                        System.out.println("completed " + batch);
                        System.out.flush();
                    }
                },
                16);
            idle.idle(work);
        }
    }

    static long lastBatch(final long lastMessageId)
    {
        return lastMessageId < 0 ? 0 : lastMessageId / MESSAGES_PER_BATCH;
    }

    static byte[] payload(final long messageId)
    {
        final byte[] payload = new byte[256];
        final byte[] id = Long.toString(messageId).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, payload, 0, id.length);
        return payload;
    }

    static List<JournalCommand> batch(final long batch)
    {
        final List<JournalCommand> commands = new ArrayList<>();
        for (int i = 0; i < MESSAGES_PER_BATCH; i++)
        {
            final long messageId = batch * MESSAGES_PER_BATCH + i;
            commands.add(new JournalCommand.StoreMessage(messageId, 4, 0, 0, payload(messageId)));
            commands.add(new JournalCommand.AddReference(QUEUE, messageId, messageId));
        }
        if (batch > ACK_DISTANCE)
        {
            for (int i = 0; i < MESSAGES_PER_BATCH; i++)
            {
                final long ackedId = (batch - ACK_DISTANCE) * MESSAGES_PER_BATCH + i;
                commands.add(new JournalCommand.RemoveReference(QUEUE, ackedId));
            }
        }
        return commands;
    }
}
