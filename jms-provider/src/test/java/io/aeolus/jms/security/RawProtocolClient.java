package io.aeolus.jms.security;

import io.aeolus.transport.TransportConfiguration;
import io.aeolus.transport.codecs.AuthChallengeDecoder;
import io.aeolus.transport.codecs.AuthResponseEncoder;
import io.aeolus.transport.codecs.AuthSuccessDecoder;
import io.aeolus.transport.codecs.ConnectEncoder;
import io.aeolus.transport.codecs.ConnectResponseDecoder;
import io.aeolus.transport.codecs.DisconnectDecoder;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.codecs.ErrorDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * A client speaking the wire protocol by hand over a raw IPC publication to the broker's ingress, as an attacker
 * would: it sends exactly the frames a test builds (a captured handshake replayed, over-long or malformed
 * credentials) and collects what the broker answers on its own reply stream.
 */
final class RawProtocolClient implements AutoCloseable
{
    private final Aeron aeron;
    private final ExclusivePublication publication;
    private final Subscription replies;
    private final int replyStreamId = ThreadLocalRandom.current().nextInt(1 << 20, Integer.MAX_VALUE);
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final List<Frame> received = new ArrayList<>();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);

    RawProtocolClient(final String aeronDirectoryName)
    {
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectoryName));
        replies = aeron.addSubscription("aeron:ipc", replyStreamId);
        publication = aeron.addExclusivePublication("aeron:ipc?term-length=1m",
            TransportConfiguration.INGRESS_STREAM_ID);
        awaitTrue(publication::isConnected, "ingress publication never connected");
    }

    void connect(final long correlationId, final String user, final byte[] credentials)
    {
        final ConnectEncoder connect = new ConnectEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .correlationId(correlationId)
            .protocolVersion(ConnectEncoder.SCHEMA_VERSION)
            .replyStreamId(replyStreamId)
            .heartbeatIntervalMs(1000)
            .livenessTimeoutMs(5000)
            .clientId("")
            .user(user);
        connect.putCredentials(credentials, 0, credentials.length).replyChannel("aeron:ipc").clientVersion("raw");
        offer(buffer, MessageHeaderEncoder.ENCODED_LENGTH + connect.encodedLength());
    }

    void authResponse(final long connectionId, final long correlationId, final byte[] data)
    {
        final AuthResponseEncoder response = new AuthResponseEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .connectionId(connectionId)
            .correlationId(correlationId)
            .putData(data, 0, data.length);
        offer(buffer, MessageHeaderEncoder.ENCODED_LENGTH + response.encodedLength());
    }

    void offer(final DirectBuffer frame, final int length)
    {
        final long deadlineNs = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (publication.offer(frame, 0, length) < 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("the broker did not take the frame");
            }
            Thread.yield();
        }
    }

    /**
     * Polls the reply stream until a frame of the template arrives, and returns it.
     */
    Frame await(final int templateId)
    {
        final Frame[] found = new Frame[1];
        awaitTrue(() ->
        {
            replies.poll(assembler, 16);
            for (final Frame frame : received)
            {
                if (frame.templateId() == templateId)
                {
                    found[0] = frame;
                    received.remove(frame);
                    return true;
                }
            }
            return false;
        }, "no frame of template " + templateId + " from the broker; got " + received);
        return found[0];
    }

    public void close()
    {
        CloseHelper.quietCloseAll(publication, replies, aeron);
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header fragment)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId)
        {
            case AuthChallengeDecoder.TEMPLATE_ID:
                final AuthChallengeDecoder challenge = new AuthChallengeDecoder().wrap(buffer, body, blockLength,
                    version);
                final byte[] challengeData = new byte[challenge.dataLength()];
                challenge.getData(challengeData, 0, challengeData.length);
                received.add(new Frame(templateId, challenge.connectionId(), null, challengeData));
                break;
            case AuthSuccessDecoder.TEMPLATE_ID:
                final AuthSuccessDecoder success = new AuthSuccessDecoder().wrap(buffer, body, blockLength, version);
                final byte[] successData = new byte[success.dataLength()];
                success.getData(successData, 0, successData.length);
                received.add(new Frame(templateId, success.connectionId(), null, successData));
                break;
            case ConnectResponseDecoder.TEMPLATE_ID:
                final ConnectResponseDecoder response = new ConnectResponseDecoder().wrap(buffer, body, blockLength,
                    version);
                received.add(new Frame(templateId, response.connectionId(), null, new byte[0]));
                break;
            case ErrorDecoder.TEMPLATE_ID:
                final ErrorDecoder error = new ErrorDecoder().wrap(buffer, body, blockLength, version);
                final long errorConnectionId = error.connectionId();
                final ErrorCode code = error.code();
                received.add(new Frame(templateId, errorConnectionId, code, utf8(error.message())));
                break;
            case DisconnectDecoder.TEMPLATE_ID:
                final DisconnectDecoder disconnect = new DisconnectDecoder().wrap(buffer, body, blockLength, version);
                final long disconnectConnectionId = disconnect.connectionId();
                final ErrorCode reasonCode = disconnect.code();
                received.add(new Frame(templateId, disconnectConnectionId, reasonCode, utf8(disconnect.reason())));
                break;
            default:
                // Heartbeats and anything else are of no interest here.
        }
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void awaitTrue(final BooleanSupplier condition, final String failure)
    {
        final long deadlineNs = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError(failure);
            }
            Thread.yield();
        }
    }

    /**
     * A frame from the broker; {@code data} is the auth data, or the error message or disconnect reason as UTF-8.
     */
    record Frame(int templateId, long connectionId, ErrorCode code, byte[] data)
    {
        String text()
        {
            return new String(data, StandardCharsets.UTF_8);
        }

        public String toString()
        {
            return "Frame{template=" + templateId + ", code=" + code + ", " + text() + "}";
        }
    }
}
