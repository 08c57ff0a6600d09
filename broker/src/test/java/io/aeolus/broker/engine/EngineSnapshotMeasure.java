package io.aeolus.broker.engine;

import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How large a snapshot is and how long writing and restoring it take, for an engine holding many messages: printed,
 * never asserted. Run on demand only:
 * {@code mvn -pl broker -am test -Dtest=EngineSnapshotMeasure -Dsurefire.failIfNoSpecifiedTests=false
 * -Daeolus.engine.snapshot.measure=true}.
 */
@Timeout(600)
@EnabledIfSystemProperty(named = "aeolus.engine.snapshot.measure", matches = "true")
class EngineSnapshotMeasure
{
    private static final int MESSAGES = 100_000;
    private static final int IN_FLIGHT = 1_000;
    private static final int ROUNDS = 5;

    @Test
    void measureSnapshotOfALargeQueue()
    {
        final EngineRig rig = new EngineRig(null);
        final EngineInputs in = rig.inputs();
        in.onConnected(1, "", rig.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        in.onCreateSession(1, 1, 1, AckMode.CLIENT);
        in.onCreateProducer(1, 2, 1, 1, DestinationType.QUEUE, "bulk");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        for (int i = 0; i < MESSAGES; i++)
        {
            final int length = new ReplayWorkload.Message("bulk", "message body " + i + " ".repeat(64))
                .nonPersistent().priority(i % 10).encode(buffer, 1, EngineRig.START_MS);
            in.onSend(1, 0, 1, 1, buffer, 0, length);
        }
        in.onCreateConsumer(1, new ConsumerRequest(3, 1, 1, DestinationType.QUEUE, "bulk", "", "", IN_FLIGHT, false,
            false, false, false));
        rig.settle();

        long bestWriteNs = Long.MAX_VALUE;
        long bestRestoreNs = Long.MAX_VALUE;
        byte[] snapshot = null;
        for (int round = 0; round < ROUNDS; round++)
        {
            final long startNs = System.nanoTime();
            snapshot = rig.snapshot();
            final long writtenNs = System.nanoTime();
            EngineRig.restored(rig, EngineSnapshot.source(snapshot));
            final long restoredNs = System.nanoTime();
            bestWriteNs = Math.min(bestWriteNs, writtenNs - startNs);
            bestRestoreNs = Math.min(bestRestoreNs, restoredNs - writtenNs);
        }
        System.out.printf("engine snapshot: %,d messages (%,d in flight): %,d bytes, write %.1f ms, restore %.1f ms " +
            "(best of %d)%n", MESSAGES, IN_FLIGHT, snapshot.length, bestWriteNs / 1e6, bestRestoreNs / 1e6, ROUNDS);
    }
}
