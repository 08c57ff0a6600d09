package io.aeolus.jms.message;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Enumeration;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Coverage-guided fuzzing of the client's decoding of a delivered message: any bytes either decode or are refused
 * with a {@link JMSException}; a decoded message then answers every JMS call an application makes (headers, every
 * property, the body read whole or piece by piece) with a value or a {@link JMSException}, never another exception
 * that would escape into the application or kill the session's delivery thread.
 */
class MessageFrameFuzzTest
{
    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldDecodeOrRefuseAnyDelivery(final FuzzedDataProvider data)
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
        final AeolusMessage message;
        try
        {
            message = AeolusMessage.decode(new UnsafeBuffer(frame), 0, frame.length, null);
        }
        catch (final JMSException ex)
        {
            assertNotNull(ex.getMessage());
            return;
        }

        readEverything(message);
    }

    private static void readEverything(final Message message)
    {
        quietly(message::getJMSMessageID);
        quietly(message::getJMSCorrelationID);
        quietly(message::getJMSCorrelationIDAsBytes);
        quietly(message::getJMSDestination);
        quietly(message::getJMSReplyTo);
        quietly(message::getJMSType);
        quietly(message::getJMSTimestamp);
        quietly(message::getJMSExpiration);
        quietly(message::getJMSDeliveryTime);
        quietly(message::getJMSPriority);
        quietly(message::getJMSDeliveryMode);
        readProperties(message);
        quietly(() -> message.getBody(Object.class));
        if (message instanceof TextMessage)
        {
            quietly(((TextMessage)message)::getText);
        }
        else if (message instanceof BytesMessage)
        {
            final BytesMessage bytes = (BytesMessage)message;
            quietly(bytes::getBodyLength);
            quietly(() -> bytes.readBytes(new byte[64]));
            quietly(bytes::readUTF);
        }
        else if (message instanceof MapMessage)
        {
            readMap((MapMessage)message);
        }
        else if (message instanceof StreamMessage)
        {
            readStream((StreamMessage)message);
        }
        else if (message instanceof ObjectMessage)
        {
            quietly(((ObjectMessage)message)::getObject);
        }
    }

    private static void readProperties(final Message message)
    {
        try
        {
            final Enumeration<?> names = message.getPropertyNames();
            while (names.hasMoreElements())
            {
                final String name = (String)names.nextElement();
                quietly(() -> message.getObjectProperty(name));
                quietly(() -> message.getStringProperty(name));
                try
                {
                    message.getLongProperty(name);
                }
                catch (final NumberFormatException ex)
                {
                    // JMS: a null or non-numeric value read as a primitive behaves like Long.valueOf(String).
                    assertNotNull(ex.getMessage());
                }
                catch (final JMSException ex)
                {
                    assertNotNull(ex.getMessage());
                }
            }
        }
        catch (final JMSException ex)
        {
            assertNotNull(ex.getMessage());
        }
    }

    private static void readMap(final MapMessage map)
    {
        try
        {
            final Enumeration<?> names = map.getMapNames();
            while (names.hasMoreElements())
            {
                final String name = (String)names.nextElement();
                quietly(() -> map.getObject(name));
            }
        }
        catch (final JMSException ex)
        {
            assertNotNull(ex.getMessage());
        }
    }

    private static void readStream(final StreamMessage stream)
    {
        for (int i = 0; i < 10_000; i++)
        {
            try
            {
                stream.readObject();
            }
            catch (final MessageEOFException ex)
            {
                return;
            }
            catch (final JMSException ex)
            {
                assertNotNull(ex.getMessage());
                return;
            }
        }
    }

    private static void quietly(final JmsCall call)
    {
        try
        {
            call.run();
        }
        catch (final JMSException ex)
        {
            assertNotNull(ex.getMessage());
        }
    }

    @FunctionalInterface
    private interface JmsCall
    {
        Object run() throws JMSException;
    }
}
