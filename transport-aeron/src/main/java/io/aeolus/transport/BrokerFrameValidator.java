package io.aeolus.transport;

import io.aeolus.transport.codecs.XaRecoveredDecoder;
import io.aeolus.transport.codecs.AuthChallengeDecoder;
import io.aeolus.transport.codecs.AuthSuccessDecoder;
import io.aeolus.transport.codecs.ConnectResponseDecoder;
import io.aeolus.transport.codecs.ConsumerClosedDecoder;
import io.aeolus.transport.codecs.DeliverDecoder;
import io.aeolus.transport.codecs.DisconnectDecoder;
import io.aeolus.transport.codecs.ErrorDecoder;
import io.aeolus.transport.codecs.HeartbeatDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.NoMessageDecoder;
import io.aeolus.transport.codecs.OkDecoder;
import io.aeolus.transport.codecs.ProducerCreditDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Checks a frame from the broker before the client believes it: the schema id, a template the broker sends, a
 * version the client knows, a block no shorter than the template's and within the frame, and every variable-length
 * field (a uint32 length, then the bytes) within the frame. A frame that passes can be decoded without reading past
 * its end. It reads only the header and the length fields and allocates nothing. Stateless apart from one header
 * flyweight: one instance per receiving thread.
 */
public final class BrokerFrameValidator
{
    private static final int VAR_LENGTH_HEADER = 4;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ErrorDecoder error = new ErrorDecoder();
    private final DisconnectDecoder disconnect = new DisconnectDecoder();
    private final ConsumerClosedDecoder consumerClosed = new ConsumerClosedDecoder();
    private final ProducerCreditDecoder producerCredit = new ProducerCreditDecoder();
    private final DeliverDecoder deliver = new DeliverDecoder();

    /**
     * @param buffer holds the frame.
     * @param offset of the frame's message header.
     * @param length of the frame.
     * @return null if the frame is well formed, else what is wrong with it.
     */
    public String problem(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return "frame shorter than its header (" + length + " bytes)";
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return "unknown schema id " + header.schemaId();
        }
        final int templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int expectedBlockLength = blockLength(templateId);
        if (expectedBlockLength < 0)
        {
            return "unknown template id " + templateId;
        }
        if (version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return "protocol version " + version + " not supported";
        }
        final long end = (long)offset + length;
        long position = (long)offset + MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
        if (blockLength < expectedBlockLength || position > end)
        {
            return "template " + templateId + ": block length " + blockLength + " invalid (need " +
                expectedBlockLength + ", frame has " + (length - MessageHeaderDecoder.ENCODED_LENGTH) + ")";
        }
        for (int i = 0, fields = varFields(templateId); i < fields; i++)
        {
            if (position + VAR_LENGTH_HEADER > end)
            {
                return "template " + templateId + ": variable-length field " + (i + 1) + " missing";
            }
            final long fieldLength = buffer.getInt((int)position, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
            position += VAR_LENGTH_HEADER + fieldLength;
            if (position > end)
            {
                return "template " + templateId + ": variable-length field " + (i + 1) + " of " + fieldLength +
                    " bytes runs past the end of the frame";
            }
        }
        return enumProblem(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, templateId, blockLength, version);
    }

    /**
     * Both ends speak the same schema version (the broker refuses any other at connect), so a code or flag the
     * client does not know is a corrupt or forged frame, and its decoder would throw when it is read.
     */
    private String enumProblem(
        final DirectBuffer buffer, final int offset, final int templateId, final int blockLength, final int version)
    {
        try
        {
            switch (templateId)
            {
                case ErrorDecoder.TEMPLATE_ID:
                    error.wrap(buffer, offset, blockLength, version).code();
                    break;
                case DisconnectDecoder.TEMPLATE_ID:
                    disconnect.wrap(buffer, offset, blockLength, version).code();
                    break;
                case ConsumerClosedDecoder.TEMPLATE_ID:
                    consumerClosed.wrap(buffer, offset, blockLength, version).code();
                    break;
                case ProducerCreditDecoder.TEMPLATE_ID:
                    producerCredit.wrap(buffer, offset, blockLength, version).blocked();
                    break;
                case DeliverDecoder.TEMPLATE_ID:
                    deliver.wrap(buffer, offset, blockLength, version).redelivered();
                    break;
                default:
                    break;
            }
            return null;
        }
        catch (final IllegalArgumentException ex)
        {
            return "template " + templateId + ": " + ex.getMessage();
        }
    }

    private static int blockLength(final int templateId)
    {
        switch (templateId)
        {
            case OkDecoder.TEMPLATE_ID: return OkDecoder.BLOCK_LENGTH;
            case ErrorDecoder.TEMPLATE_ID: return ErrorDecoder.BLOCK_LENGTH;
            case ConnectResponseDecoder.TEMPLATE_ID: return ConnectResponseDecoder.BLOCK_LENGTH;
            case DisconnectDecoder.TEMPLATE_ID: return DisconnectDecoder.BLOCK_LENGTH;
            case HeartbeatDecoder.TEMPLATE_ID: return HeartbeatDecoder.BLOCK_LENGTH;
            case AuthChallengeDecoder.TEMPLATE_ID: return AuthChallengeDecoder.BLOCK_LENGTH;
            case AuthSuccessDecoder.TEMPLATE_ID: return AuthSuccessDecoder.BLOCK_LENGTH;
            case DeliverDecoder.TEMPLATE_ID: return DeliverDecoder.BLOCK_LENGTH;
            case NoMessageDecoder.TEMPLATE_ID: return NoMessageDecoder.BLOCK_LENGTH;
            case ConsumerClosedDecoder.TEMPLATE_ID: return ConsumerClosedDecoder.BLOCK_LENGTH;
            case ProducerCreditDecoder.TEMPLATE_ID: return ProducerCreditDecoder.BLOCK_LENGTH;
            case XaRecoveredDecoder.TEMPLATE_ID: return XaRecoveredDecoder.BLOCK_LENGTH;
            default: return -1;
        }
    }

    /**
     * How many variable-length fields follow the block (the schema's {@code data} elements; these templates have no
     * repeating groups).
     */
    private static int varFields(final int templateId)
    {
        switch (templateId)
        {
            case ConnectResponseDecoder.TEMPLATE_ID: return 2;
            case ErrorDecoder.TEMPLATE_ID:
            case DisconnectDecoder.TEMPLATE_ID:
            case AuthChallengeDecoder.TEMPLATE_ID:
            case AuthSuccessDecoder.TEMPLATE_ID:
            case DeliverDecoder.TEMPLATE_ID:
            case ConsumerClosedDecoder.TEMPLATE_ID:
            case XaRecoveredDecoder.TEMPLATE_ID:
                return 1;
            default:
                return 0;
        }
    }
}
