package io.aeolus.transport;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.transport.codecs.DisconnectEncoder;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A frame that is not what the broker sends, arriving on a client's reply stream (here a second IPC publication on
 * the client's stream, as a forger or a corrupting path would add): the client checks it before decoding it
 * ({@link BrokerFrameValidator}) and fails the connection with {@code MALFORMED_FRAME} instead of reading past the
 * frame's end or throwing inside its receive thread. Lives in the transport's package to pick the reply stream id.
 */
@Timeout(60)
class ForgedBrokerFrameIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldFailTheConnectionOnABrokerFrameWhoseFieldsRunPastItsEnd() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            final CompletableFuture<TransportException> failed = new CompletableFuture<>();
            final ClientEndpointContext ctx = new ClientEndpointContext(EndpointUri.parse(broker.ipcUrl()))
                .listener(new ClientEndpoint.Listener()
                {
                    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final int id)
                    {
                    }

                    public void onFailure(final TransportException cause)
                    {
                        failed.complete(cause);
                    }
                });
            ctx.replyStreamId = 777_001;
            try (ClientEndpoint endpoint = ClientEndpoint.connect(ctx);
                Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName));
                ExclusivePublication forger = aeron.addExclusivePublication("aeron:ipc", ctx.replyStreamId))
            {
                // A Disconnect whose reason claims 1,000 bytes in a frame that has none of them.
                final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
                final DisconnectEncoder disconnect = new DisconnectEncoder()
                    .wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
                    .connectionId(0).correlationId(0).code(ErrorCode.NONE);
                final int reasonAt = MessageHeaderEncoder.ENCODED_LENGTH + DisconnectEncoder.BLOCK_LENGTH;
                frame.putInt(reasonAt, 1_000);
                final int length = reasonAt + Integer.BYTES;
                assertTrue(disconnect.encodedLength() > 0);
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (forger.offer(frame, 0, length) < 0)
                {
                    assertTrue(System.nanoTime() < deadlineNs, "the forged publication never connected");
                    Thread.onSpinWait();
                }

                final TransportException cause = failed.get(10, TimeUnit.SECONDS);

                assertEquals(ErrorCode.MALFORMED_FRAME, cause.code());
                assertTrue(cause.getMessage().contains("runs past the end"), cause.getMessage());
                assertTrue(endpoint.isClosed() || null != endpoint.failure());
            }
        }
    }
}
