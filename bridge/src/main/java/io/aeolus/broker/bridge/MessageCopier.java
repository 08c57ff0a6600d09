package io.aeolus.broker.bridge;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.util.Enumeration;

/**
 * Copies a message of one provider into a new message of another: same body type and body, application properties
 * (not the {@code JMSX} and {@code JMS_} ones, which belong to each provider), correlation id and type. Priority,
 * delivery mode and time to live are given to the producer's send.
 */
final class MessageCopier
{
    private MessageCopier()
    {
    }

    static Message copy(final Message in, final Session session) throws JMSException
    {
        final Message out;
        if (in instanceof TextMessage text)
        {
            out = session.createTextMessage(text.getText());
        }
        else if (in instanceof BytesMessage bytes)
        {
            bytes.reset();
            final byte[] body = new byte[(int)bytes.getBodyLength()];
            bytes.readBytes(body);
            final BytesMessage copy = session.createBytesMessage();
            copy.writeBytes(body);
            out = copy;
        }
        else if (in instanceof MapMessage map)
        {
            final MapMessage copy = session.createMapMessage();
            final Enumeration<?> names = map.getMapNames();
            while (names.hasMoreElements())
            {
                final String name = (String)names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            out = copy;
        }
        else if (in instanceof StreamMessage stream)
        {
            stream.reset();
            final StreamMessage copy = session.createStreamMessage();
            try
            {
                while (true)
                {
                    copy.writeObject(stream.readObject());
                }
            }
            catch (final jakarta.jms.MessageEOFException ex)
            {
                // the end of the stream
            }
            out = copy;
        }
        else if (in instanceof ObjectMessage object)
        {
            out = session.createObjectMessage(object.getObject());
        }
        else
        {
            out = session.createMessage();
        }
        copyHeadersAndProperties(in, out);
        return out;
    }

    private static void copyHeadersAndProperties(final Message in, final Message out) throws JMSException
    {
        final Enumeration<?> properties = in.getPropertyNames();
        while (properties.hasMoreElements())
        {
            final String property = (String)properties.nextElement();
            if (!property.startsWith("JMSX") && !property.startsWith("JMS_"))
            {
                out.setObjectProperty(property, in.getObjectProperty(property));
            }
        }
        out.setJMSCorrelationID(in.getJMSCorrelationID());
        out.setJMSType(in.getJMSType());
    }
}
