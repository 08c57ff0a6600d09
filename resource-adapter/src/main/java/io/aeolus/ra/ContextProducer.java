package io.aeolus.ra;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.io.Serializable;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The producer of an {@link AeolusContextHandle}: options and message properties kept here and applied to each
 * send through the session's anonymous producer. Properties live in a scratch message of the session, so they are
 * checked and converted by the provider's own rules.
 */
final class ContextProducer implements JMSProducer
{
    private final Session session;
    private final MessageProducer producer;
    private final Message properties;
    private boolean disableMessageId;
    private boolean disableMessageTimestamp;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private CompletionListener async;
    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private Destination replyTo;

    ContextProducer(final Session session, final MessageProducer producer)
    {
        this.session = session;
        this.producer = producer;
        this.properties = RuntimeExceptions.call(session::createMessage);
    }

    @Override
    public JMSProducer send(final Destination destination, final Message message)
    {
        if (null == message)
        {
            throw new MessageFormatRuntimeException("the message to send is null");
        }
        RuntimeExceptions.run(() ->
        {
            final Enumeration<?> names = properties.getPropertyNames();
            while (names.hasMoreElements())
            {
                final String name = (String)names.nextElement();
                message.setObjectProperty(name, properties.getObjectProperty(name));
            }
            if (null != correlationIdBytes)
            {
                message.setJMSCorrelationIDAsBytes(correlationIdBytes);
            }
            if (null != correlationId)
            {
                message.setJMSCorrelationID(correlationId);
            }
            if (null != type)
            {
                message.setJMSType(type);
            }
            if (null != replyTo)
            {
                message.setJMSReplyTo(replyTo);
            }
            producer.setDisableMessageID(disableMessageId);
            producer.setDisableMessageTimestamp(disableMessageTimestamp);
            producer.setDeliveryDelay(deliveryDelay);
            if (null == async)
            {
                producer.send(destination, message, deliveryMode, priority, timeToLive);
            }
            else
            {
                producer.send(destination, message, deliveryMode, priority, timeToLive, async);
            }
        });
        return this;
    }

    @Override
    public JMSProducer send(final Destination destination, final String body)
    {
        return send(destination, RuntimeExceptions.call(() -> session.createTextMessage(body)));
    }

    @Override
    public JMSProducer send(final Destination destination, final Map<String, Object> body)
    {
        final MapMessage message = RuntimeExceptions.call(session::createMapMessage);
        if (null != body)
        {
            RuntimeExceptions.run(() ->
            {
                for (final Map.Entry<String, Object> entry : body.entrySet())
                {
                    message.setObject(entry.getKey(), entry.getValue());
                }
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(final Destination destination, final byte[] body)
    {
        final BytesMessage message = RuntimeExceptions.call(session::createBytesMessage);
        if (null != body)
        {
            RuntimeExceptions.run(() -> message.writeBytes(body));
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(final Destination destination, final Serializable body)
    {
        return send(destination, RuntimeExceptions.call(() -> session.createObjectMessage(body)));
    }

    @Override
    public JMSProducer setDisableMessageID(final boolean value)
    {
        disableMessageId = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID()
    {
        return disableMessageId;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(final boolean value)
    {
        disableMessageTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp()
    {
        return disableMessageTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(final int deliveryMode)
    {
        if (DeliveryMode.PERSISTENT != deliveryMode && DeliveryMode.NON_PERSISTENT != deliveryMode)
        {
            throw new jakarta.jms.JMSRuntimeException("delivery mode must be PERSISTENT (2) or NON_PERSISTENT (1), " +
                "got " + deliveryMode);
        }
        this.deliveryMode = deliveryMode;
        return this;
    }

    @Override
    public int getDeliveryMode()
    {
        return deliveryMode;
    }

    @Override
    public JMSProducer setPriority(final int priority)
    {
        if (priority < 0 || priority > 9)
        {
            throw new jakarta.jms.JMSRuntimeException("priority must be 0 to 9, got " + priority);
        }
        this.priority = priority;
        return this;
    }

    @Override
    public int getPriority()
    {
        return priority;
    }

    @Override
    public JMSProducer setTimeToLive(final long timeToLive)
    {
        this.timeToLive = timeToLive;
        return this;
    }

    @Override
    public long getTimeToLive()
    {
        return timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(final long deliveryDelay)
    {
        this.deliveryDelay = deliveryDelay;
        return this;
    }

    @Override
    public long getDeliveryDelay()
    {
        return deliveryDelay;
    }

    /**
     * Asynchronous send is refused in a container (Jakarta Messaging 3.1 §12.2); null (synchronous) is accepted.
     */
    @Override
    public JMSProducer setAsync(final CompletionListener completionListener)
    {
        if (null != completionListener)
        {
            throw new jakarta.jms.IllegalStateRuntimeException("JMSProducer.setAsync must not be used in a Jakarta " +
                "EE container (Jakarta Messaging 3.1 §12.2)");
        }
        async = null;
        return this;
    }

    @Override
    public CompletionListener getAsync()
    {
        return async;
    }

    @Override
    public JMSProducer setProperty(final String name, final boolean value)
    {
        RuntimeExceptions.run(() -> properties.setBooleanProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final byte value)
    {
        RuntimeExceptions.run(() -> properties.setByteProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final short value)
    {
        RuntimeExceptions.run(() -> properties.setShortProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final int value)
    {
        RuntimeExceptions.run(() -> properties.setIntProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final long value)
    {
        RuntimeExceptions.run(() -> properties.setLongProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final float value)
    {
        RuntimeExceptions.run(() -> properties.setFloatProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final double value)
    {
        RuntimeExceptions.run(() -> properties.setDoubleProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final String value)
    {
        RuntimeExceptions.run(() -> properties.setStringProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final Object value)
    {
        RuntimeExceptions.run(() -> properties.setObjectProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer clearProperties()
    {
        RuntimeExceptions.run(properties::clearProperties);
        return this;
    }

    @Override
    public boolean propertyExists(final String name)
    {
        return RuntimeExceptions.call(() -> properties.propertyExists(name));
    }

    @Override
    public boolean getBooleanProperty(final String name)
    {
        return RuntimeExceptions.call(() -> properties.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(final String name)
    {
        return RuntimeExceptions.call(() -> properties.getByteProperty(name));
    }

    @Override
    public short getShortProperty(final String name)
    {
        return RuntimeExceptions.call(() -> properties.getShortProperty(name));
    }

    @Override
    public int getIntProperty(final String name)
    {
        return RuntimeExceptions.call(() -> properties.getIntProperty(name));
    }

    @Override
    public long getLongProperty(final String name)
    {
        return RuntimeExceptions.call(() -> properties.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(final String name)
    {
        return RuntimeExceptions.call(() -> properties.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(final String name)
    {
        return RuntimeExceptions.call(() -> properties.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(final String name)
    {
        return RuntimeExceptions.call(() -> properties.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(final String name)
    {
        return RuntimeExceptions.call(() -> properties.getObjectProperty(name));
    }

    @Override
    public Set<String> getPropertyNames()
    {
        final Set<String> names = new LinkedHashSet<>();
        RuntimeExceptions.run(() ->
        {
            final Enumeration<?> all = properties.getPropertyNames();
            while (all.hasMoreElements())
            {
                names.add((String)all.nextElement());
            }
        });
        return Collections.unmodifiableSet(names);
    }

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(final byte[] correlationID)
    {
        correlationIdBytes = null == correlationID ? null : correlationID.clone();
        correlationId = null;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes()
    {
        return null == correlationIdBytes ? null : correlationIdBytes.clone();
    }

    @Override
    public JMSProducer setJMSCorrelationID(final String correlationID)
    {
        correlationId = correlationID;
        correlationIdBytes = null;
        return this;
    }

    @Override
    public String getJMSCorrelationID()
    {
        return correlationId;
    }

    @Override
    public JMSProducer setJMSType(final String type)
    {
        this.type = type;
        return this;
    }

    @Override
    public String getJMSType()
    {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(final Destination replyTo)
    {
        this.replyTo = replyTo;
        return this;
    }

    @Override
    public Destination getJMSReplyTo()
    {
        return replyTo;
    }
}
