package io.aeolus.transport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aeolus.transport.codecs.AuthChallengeDecoder;
import io.aeolus.transport.codecs.AuthSuccessDecoder;
import io.aeolus.transport.codecs.ConnectResponseDecoder;
import io.aeolus.transport.codecs.ConsumerClosedDecoder;
import io.aeolus.transport.codecs.DeliverDecoder;
import io.aeolus.transport.codecs.DisconnectDecoder;
import io.aeolus.transport.codecs.ErrorDecoder;
import io.aeolus.transport.codecs.HeartbeatDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.NoMessageDecoder;
import io.aeolus.transport.codecs.OkDecoder;
import io.aeolus.transport.codecs.ProducerCreditDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Coverage-guided fuzzing of the client's decoding of broker frames: a frame that {@link BrokerFrameValidator} passes
 * must decode completely (every field, every variable-length field, as the generated decoders' text form reads them)
 * from a buffer that ends where the frame ends, so nothing is read past it; a frame it refuses gets a reason. The
 * client's receive thread fails the connection on a refused frame rather than decoding it.
 */
class ClientFrameFuzzTest
{
    private static final int[] TEMPLATES = {
        OkDecoder.TEMPLATE_ID, ErrorDecoder.TEMPLATE_ID, ConnectResponseDecoder.TEMPLATE_ID,
        DisconnectDecoder.TEMPLATE_ID, HeartbeatDecoder.TEMPLATE_ID, AuthChallengeDecoder.TEMPLATE_ID,
        AuthSuccessDecoder.TEMPLATE_ID, DeliverDecoder.TEMPLATE_ID, NoMessageDecoder.TEMPLATE_ID,
        ConsumerClosedDecoder.TEMPLATE_ID, ProducerCreditDecoder.TEMPLATE_ID };

    private final BrokerFrameValidator validator = new BrokerFrameValidator();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldFailOrIgnoreAnyBrokerFrame(final FuzzedDataProvider data)
    {
        final boolean plausibleHeader = data.consumeBoolean();
        final int templateId = data.pickValue(TEMPLATES);
        final int blockLength = data.consumeInt(0, 64);
        final int version = data.consumeInt(0, MessageHeaderDecoder.SCHEMA_VERSION + 1);
        final byte[] rest = data.consumeRemainingAsBytes();
        final byte[] frame;
        if (plausibleHeader)
        {
            frame = new byte[MessageHeaderEncoder.ENCODED_LENGTH + rest.length];
            headerEncoder.wrap(new UnsafeBuffer(frame), 0).blockLength(blockLength).templateId(templateId)
                .schemaId(MessageHeaderEncoder.SCHEMA_ID).version(version);
            System.arraycopy(rest, 0, frame, MessageHeaderEncoder.ENCODED_LENGTH, rest.length);
        }
        else
        {
            frame = rest;
        }
        // A larger buffer around the frame: the validator must look only inside [offset, offset + length).
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[frame.length + 64]);
        buffer.putBytes(16, frame);

        final String problem = validator.problem(buffer, 16, frame.length);

        if (null == problem)
        {
            decodeEverything(new UnsafeBuffer(frame));
        }
    }

    private static void decodeEverything(final UnsafeBuffer frame)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(frame, 0);
        final int offset = MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final String text;
        switch (header.templateId())
        {
            case OkDecoder.TEMPLATE_ID:
                text = new OkDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            case ErrorDecoder.TEMPLATE_ID:
                text = new ErrorDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            case ConnectResponseDecoder.TEMPLATE_ID:
                text = new ConnectResponseDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            case DisconnectDecoder.TEMPLATE_ID:
                text = new DisconnectDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            case HeartbeatDecoder.TEMPLATE_ID:
                text = new HeartbeatDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            case AuthChallengeDecoder.TEMPLATE_ID:
                text = new AuthChallengeDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            case AuthSuccessDecoder.TEMPLATE_ID:
                text = new AuthSuccessDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            case DeliverDecoder.TEMPLATE_ID:
                text = new DeliverDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            case NoMessageDecoder.TEMPLATE_ID:
                text = new NoMessageDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            case ConsumerClosedDecoder.TEMPLATE_ID:
                text = new ConsumerClosedDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            case ProducerCreditDecoder.TEMPLATE_ID:
                text = new ProducerCreditDecoder().wrap(frame, offset, blockLength, version).toString();
                break;
            default:
                fail("the validator passed template " + header.templateId());
                return;
        }
        assertNotNull(text);
    }
}
