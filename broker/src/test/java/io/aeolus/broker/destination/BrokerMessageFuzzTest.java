package io.aeolus.broker.destination;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the broker's decoding of the message in a {@code Send} frame: any bytes either decode or
 * are refused with an {@link IllegalArgumentException}; a decoded message answers every question the broker asks of
 * it (group, headers and properties as a selector reads them) without throwing, so one hostile message can never
 * stall dispatch for the others.
 */
class BrokerMessageFuzzTest
{
    private static final String[] IDENTIFIERS = {
        "JMSDeliveryMode", "JMSPriority", "JMSTimestamp", "JMSMessageID", "JMSCorrelationID", "JMSType",
        "JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq", "color", "" };

    private final MessageSelectorSource source = new MessageSelectorSource();

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldDecodeOrRefuseAnyMessage(final FuzzedDataProvider data)
    {
        final boolean plausibleHeader = data.consumeBoolean();
        final int blockLength = data.consumeInt(0, 2 * JmsMessageEncoder.BLOCK_LENGTH);
        final int version = data.consumeInt(0, JmsMessageEncoder.SCHEMA_VERSION + 1);
        final byte[] rest = data.consumeRemainingAsBytes();
        final byte[] frame;
        if (plausibleHeader)
        {
            frame = new byte[MessageHeaderEncoder.ENCODED_LENGTH + rest.length];
            new MessageHeaderEncoder().wrap(new UnsafeBuffer(frame), 0).blockLength(blockLength)
                .templateId(JmsMessageEncoder.TEMPLATE_ID).schemaId(JmsMessageEncoder.SCHEMA_ID).version(version);
            System.arraycopy(rest, 0, frame, MessageHeaderEncoder.ENCODED_LENGTH, rest.length);
        }
        else
        {
            frame = rest;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[frame.length + 32]);
        buffer.putBytes(8, frame);
        final BrokerMessage message;
        try
        {
            message = BrokerMessage.decode(1, buffer, 8, frame.length);
        }
        catch (final IllegalArgumentException ex)
        {
            assertNotNull(ex.getMessage());
            return;
        }

        assertNotNull(message.destination());
        assertTrue(message.priority() >= 0 && message.priority() <= 9);
        message.groupId();
        message.closesGroup();
        source.wrap(message);
        for (final String identifier : IDENTIFIERS)
        {
            source.valueOf(identifier);
        }
    }
}
