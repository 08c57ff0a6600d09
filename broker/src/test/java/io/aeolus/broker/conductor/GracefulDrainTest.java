package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.journal.BrokerJournal;
import io.aeolus.store.H2Journal;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drain on shutdown (SIGTERM): the conductor stops reading, waits until every send it accepted is durable and
 * confirmed, and meanwhile closes no connection for silence (it is the one not reading the client's heartbeats).
 */
@Timeout(60)
class GracefulDrainTest
{
    private static final long SESSION = 1;
    private static final long PRODUCER = 7;
    private static final long LIVENESS_TIMEOUT_MS = 3_000;

    @TempDir
    Path dataDir;

    private ConductorHarness harness;
    private BrokerJournal journal;

    @AfterEach
    void tearDown()
    {
        if (null != harness)
        {
            harness.close();
        }
        if (null != journal)
        {
            journal.close();
        }
    }

    @Test
    void shouldKeepTheConnectionAndConfirmEverySendAcceptedBeforeTheDrain()
    {
        harness = new ConductorHarness(EngineSettings.defaults(), ConductorHarness.START_EPOCH_MS,
            TimeUnit.MILLISECONDS.toNanos(LIVENESS_TIMEOUT_MS));
        journal = BrokerJournal.openH2(new H2Journal.Context().dataDirectory(dataDir), Throwable::printStackTrace);
        harness.conductor().recover(journal, 1000, false);
        final TestClientPeer client = harness.connect();
        client.createSession(SESSION, AckMode.AUTO);
        client.createProducer(SESSION, PRODUCER, DestinationType.QUEUE, "orders");
        // The journal thread is not started yet: the persistent sends wait for it, as under load at a SIGTERM.
        final long[] sends = new long[5];
        for (int i = 0; i < sends.length; i++)
        {
            sends[i] = client.send(SESSION, PRODUCER, toQueue("orders", "m" + i));
        }
        harness.settle();
        assertFalse(client.hasReply(sends[0]), "confirmed before it was durable");

        harness.conductor().drain();
        harness.advanceMs(2 * LIVENESS_TIMEOUT_MS);

        assertEquals(1, harness.conductor().connectionCount(), "a connection was closed for silence while draining");
        assertFalse(harness.conductor().isDrained(), "drained with sends still waiting for the journal");
        assertFalse(client.hasReply(sends[sends.length - 1]));

        journal.start();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!harness.conductor().isDrained())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "not drained once the journal ran");
            harness.settle();
        }

        for (final long send : sends)
        {
            client.expectOk(send);
        }
        assertEquals(1, harness.conductor().connectionCount());
    }
}
