package io.aeolus.broker.conductor;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aeolus.transport.codecs.AckDecoder;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.AuthResponseDecoder;
import io.aeolus.transport.codecs.ChunkDecoder;
import io.aeolus.transport.codecs.CloseConsumerDecoder;
import io.aeolus.transport.codecs.CloseProducerDecoder;
import io.aeolus.transport.codecs.CloseSessionDecoder;
import io.aeolus.transport.codecs.CommitDecoder;
import io.aeolus.transport.codecs.ConnectDecoder;
import io.aeolus.transport.codecs.ConnectEncoder;
import io.aeolus.transport.codecs.ConsumerCreditDecoder;
import io.aeolus.transport.codecs.CreateConsumerDecoder;
import io.aeolus.transport.codecs.CreateConsumerEncoder;
import io.aeolus.transport.codecs.CreateProducerDecoder;
import io.aeolus.transport.codecs.CreateProducerEncoder;
import io.aeolus.transport.codecs.CreateSessionDecoder;
import io.aeolus.transport.codecs.CreateSessionEncoder;
import io.aeolus.transport.codecs.CreateTemporaryDestinationDecoder;
import io.aeolus.transport.codecs.DeleteTemporaryDestinationDecoder;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.DisconnectDecoder;
import io.aeolus.transport.codecs.HeartbeatDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.PullDecoder;
import io.aeolus.transport.codecs.RecoverDecoder;
import io.aeolus.transport.codecs.RollbackDecoder;
import io.aeolus.transport.codecs.SendDecoder;
import io.aeolus.transport.codecs.SetClientIdDecoder;
import io.aeolus.transport.codecs.UnsubscribeDecoder;
import io.aeolus.transport.TransportConfiguration;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the broker's ingress decoding ({@link BrokerIngressAdapter}) against a live conductor:
 * frames of every template the clients send, with fuzzed block lengths, versions, fields and variable-length data,
 * from a client that has connected, opened a session, a producer and a consumer, and from sources that have not
 * connected at all. Whatever arrives, nothing escapes the adapter or the conductor's next duty cycle: a frame is
 * applied, answered with an error, or rejected (closing that connection), and the broker keeps serving.
 */
class BrokerIngressFuzzTest
{
    private static final int[] CLIENT_TEMPLATES = { 1, 3, 4, 7, 10, 11, 12, 13, 14, 15, 16, 17, 20, 22, 23, 24, 25, 30,
        31, 32, 40, 51 };

    /** Where the broker answers the fuzzed client: one subscription that every reconnection reuses. */
    private static final int REPLY_STREAM_ID = 2999;
    private static final int SETUP_CYCLES = 100;

    private static ConductorHarness harness;
    private static BrokerIngressAdapter adapter;
    private static Subscription replies;
    private static ExclusivePublication source;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[16 * 1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @BeforeAll
    static void startConductor()
    {
        harness = ConductorHarness.singleThreaded();
        adapter = new BrokerIngressAdapter(0, harness.conductor(), harness.conductor().engine());
        replies = harness.aeron().addSubscription("aeron:ipc", REPLY_STREAM_ID);
        // The client's source: an image on the conductor's ingress, so it is a local (IPC) client like any other.
        source = harness.aeron().addExclusivePublication("aeron:ipc?term-length=" + ConductorHarness.TERM_LENGTH,
            TransportConfiguration.INGRESS_STREAM_ID);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!source.isConnected() || null == harness.ingress().imageBySessionId(source.sessionId()))
        {
            harness.doWork();
            assertTrue(System.nanoTime() - deadlineNs < 0, "the fuzzed client's source never reached the broker");
            Thread.onSpinWait();
        }
    }

    @AfterAll
    static void stopConductor()
    {
        harness.close();
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldRejectOrApplyAnyFrameFromAConnectedClient(final FuzzedDataProvider data)
    {
        final ClientConnection client = connectedClient();
        final int length = fuzzedFrame(data, client.connectionId);

        adapter.onFrame(frame, 0, length, client.aeronSessionId);
        harness.doWork();
        replies.poll((buffer, offset, frameLength, header) -> { }, 100);

        assertTrue(harness.conductor().connectionCount() <= 2, "connections pile up");
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldRejectOrAcceptAnyFirstFrame(final FuzzedDataProvider data)
    {
        final int sessionId = data.consumeInt(1, 4);
        final int length = fuzzedFrame(data, data.consumeLong());

        adapter.onFrame(frame, 0, length, sessionId);
        harness.advanceMs(data.consumeInt(0, 60_000));
    }

    private int fuzzedFrame(final FuzzedDataProvider data, final long connectionId)
    {
        final boolean plausible = data.consumeBoolean();
        final int templateId = plausible ? data.pickValue(CLIENT_TEMPLATES) : data.consumeInt(0, 0xFFFF);
        // Mostly the template's own block length: a wrong one only reaches the first check, and costs a reconnect.
        final int blockLength = plausible && data.consumeBoolean() ? blockLength(templateId) : data.consumeInt(0, 128);
        final int version = plausible ? data.consumeInt(0, MessageHeaderEncoder.SCHEMA_VERSION + 1) :
            data.consumeInt(0, 0xFFFF);
        final int schemaId = plausible ? MessageHeaderEncoder.SCHEMA_ID : data.consumeInt(0, 0xFFFF);
        final boolean keepConnectionId = data.consumeBoolean();
        final byte[] body = data.consumeRemainingAsBytes();
        final int bodyLength = Math.min(body.length, frame.capacity() - MessageHeaderEncoder.ENCODED_LENGTH);
        header.wrap(frame, 0).blockLength(blockLength).templateId(templateId).schemaId(schemaId).version(version);
        frame.putBytes(MessageHeaderEncoder.ENCODED_LENGTH, body, 0, bodyLength);
        if (keepConnectionId && templateId != 1 && bodyLength >= Long.BYTES)
        {
            frame.putLong(MessageHeaderEncoder.ENCODED_LENGTH, connectionId);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
    }

    private static int blockLength(final int templateId)
    {
        switch (templateId)
        {
            case 1: return ConnectDecoder.BLOCK_LENGTH;
            case 3: return DisconnectDecoder.BLOCK_LENGTH;
            case 4: return HeartbeatDecoder.BLOCK_LENGTH;
            case 7: return SetClientIdDecoder.BLOCK_LENGTH;
            case 10: return CreateSessionDecoder.BLOCK_LENGTH;
            case 11: return CloseSessionDecoder.BLOCK_LENGTH;
            case 12: return CreateProducerDecoder.BLOCK_LENGTH;
            case 13: return CloseProducerDecoder.BLOCK_LENGTH;
            case 14: return CreateConsumerDecoder.BLOCK_LENGTH;
            case 15: return CloseConsumerDecoder.BLOCK_LENGTH;
            case 16: return ConsumerCreditDecoder.BLOCK_LENGTH;
            case 17: return PullDecoder.BLOCK_LENGTH;
            case 20: return SendDecoder.BLOCK_LENGTH;
            case 22: return AckDecoder.BLOCK_LENGTH;
            case 23: return RecoverDecoder.BLOCK_LENGTH;
            case 24: return CommitDecoder.BLOCK_LENGTH;
            case 25: return RollbackDecoder.BLOCK_LENGTH;
            case 30: return UnsubscribeDecoder.BLOCK_LENGTH;
            case 31: return CreateTemporaryDestinationDecoder.BLOCK_LENGTH;
            case 32: return DeleteTemporaryDestinationDecoder.BLOCK_LENGTH;
            case 40: return ChunkDecoder.BLOCK_LENGTH;
            default: return AuthResponseDecoder.BLOCK_LENGTH;
        }
    }

    /**
     * The fuzzed client: active, with a session 1, producer 1 on queue "q" and consumer 1 on it. Whenever a frame made
     * the broker close it, it connects again from the same Aeron session, its frames handed to the ingress adapter as
     * the conductor's ingress poll would (not offered to a new publication per connection: reconnecting is what the
     * fuzzing spends its time on, and a publication and subscription per reconnection made it slow).
     */
    private ClientConnection connectedClient()
    {
        final ClientConnection current = harness.conductor().connectionBySource(
            BrokerConductor.sourceKey(0, source.sessionId()));
        if (null != current && current.state == ClientConnection.State.ACTIVE)
        {
            return current;
        }
        if (null != current)
        {
            // Refused at connect or closing: let the broker finish with it first.
            harness.settle();
        }
        final ConnectEncoder connect = new ConnectEncoder().wrapAndApplyHeader(frame, 0, header)
            .correlationId(1).protocolVersion(ConnectEncoder.SCHEMA_VERSION).replyStreamId(REPLY_STREAM_ID)
            .heartbeatIntervalMs(1000).livenessTimeoutMs(5000).clientId("").user("")
            .putCredentials(new byte[0], 0, 0).replyChannel("aeron:ipc").clientVersion("fuzz");
        deliverSetupFrame(connect.encodedLength());
        final ClientConnection client = harness.conductor().connectionBySource(
            BrokerConductor.sourceKey(0, source.sessionId()));
        assertTrue(null != client && client.state == ClientConnection.State.ACTIVE, () -> "the fuzzed client's " +
            "Connect was refused: " + (null == client ? "no connection (" + harness.conductor().rejectedFrames() +
            " frames rejected, " + harness.conductor().connectionCount() + " connections)" : client.state + ", " +
            client.handshake));
        final long connectionId = client.connectionId;
        deliverSetupFrame(new CreateSessionEncoder().wrapAndApplyHeader(frame, 0, header).connectionId(connectionId)
            .correlationId(2).sessionId(1).ackMode(AckMode.CLIENT).encodedLength());
        deliverSetupFrame(new CreateProducerEncoder().wrapAndApplyHeader(frame, 0, header).connectionId(connectionId)
            .correlationId(3).sessionId(1).producerId(1).destinationType(DestinationType.QUEUE).destination("q")
            .encodedLength());
        final CreateConsumerEncoder consumer = new CreateConsumerEncoder().wrapAndApplyHeader(frame, 0, header)
            .connectionId(connectionId).correlationId(4).sessionId(1).consumerId(1)
            .destinationType(DestinationType.QUEUE);
        consumer.flags().clear();
        deliverSetupFrame(consumer.prefetch(10).destination("q").selector("").subscriptionName("").encodedLength());
        assertTrue(client.state == ClientConnection.State.ACTIVE, "the fuzzed client's setup was refused");
        return client;
    }

    private void deliverSetupFrame(final int bodyLength)
    {
        adapter.onFrame(frame, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength, source.sessionId());
        for (int i = 0; i < SETUP_CYCLES && harness.doWork() > 0; i++)
        {
            replies.poll((buffer, offset, length, replyHeader) -> { }, 100);
        }
    }
}
