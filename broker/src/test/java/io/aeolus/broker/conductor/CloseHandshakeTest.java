package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.OkDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's side of the close handshake: a client's Disconnect with a correlation id is answered by Ok once
 * every frame the connection sent before it is applied, and only then is the connection's egress closed.
 */
@Timeout(60)
class CloseHandshakeTest
{
    private static final long SESSION = 1;

    @Test
    void shouldAnswerTheDisconnectAfterApplyingTheAcknowledgementBeforeIt()
    {
        try (ConductorHarness harness = new ConductorHarness())
        {
            final TestClientPeer closing = harness.connect();
            closing.createSession(SESSION, AckMode.AUTO);
            closing.createConsumer(SESSION, 1, "orders", "", 10);
            closing.sendConfirmed(SESSION, toQueue("orders", "m0"));
            final TestClientPeer.Frame delivery = closing.awaitDelivery(1);

            closing.ackWithoutAnswer(SESSION, 1, delivery.deliveryId);
            final long closeId = closing.disconnect(true);
            closing.expectOk(closeId);
            assertEquals(0, harness.conductor().connectionCount(), "closed once answered");

            final TestClientPeer next = harness.connect();
            next.createSession(SESSION, AckMode.AUTO);
            next.createConsumer(SESSION, 2, "orders", "", 10);
            assertTrue(next.deliveries(2).isEmpty(), "the acknowledged message came back");
        }
    }

    @Test
    void shouldNotAnswerADisconnectWithoutACorrelationId()
    {
        try (ConductorHarness harness = new ConductorHarness())
        {
            final TestClientPeer closing = harness.connect();
            closing.createSession(SESSION, AckMode.AUTO);
            closing.disconnect(false);
            harness.settle();

            assertEquals(0, harness.conductor().connectionCount());
            assertTrue(closing.frames(OkDecoder.TEMPLATE_ID).isEmpty(), "an answer nobody asked for");
        }
    }

    @Test
    void shouldWakeTheDriverForTheAnswerToAUdpClient() throws Exception
    {
        try (ConductorHarness harness = new ConductorHarness(EngineSettings.defaults(),
            ConductorHarness.START_EPOCH_MS, TimeUnit.SECONDS.toNanos(3)))
        {
            final TestClientPeer udp = harness.connectOn("aeron:udp?endpoint=127.0.0.1:" + freeUdpPort());
            harness.settle();
            final int before = harness.driverWakeUps();

            final long closeId = udp.disconnect(true);
            // Over UDP the answer takes the driver's time, not a number of duty cycles.
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!udp.hasReply(closeId))
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "no answer to the close within 10 s");
            }
            udp.expectOk(closeId);

            assertTrue(harness.driverWakeUps() > before,
                "the answer to a closing UDP client goes out through the driver, which must be woken for it");
        }
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1")))
        {
            return socket.getLocalPort();
        }
    }
}
