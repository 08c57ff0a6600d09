package io.aeolus.jms;

import io.aeolus.jms.message.AeolusMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's producer: send options, message properties and header values that apply to every message it
 * sends, and sends of a message or of a bare body. Cheap to create; all producers of a context send through the
 * context's one anonymous producer (its {@link Target}). Setters return this producer for chaining.
 * <p>
 * Properties follow the rules for message properties (names, types and the conversions of the {@code getXxxProperty}
 * methods) because they are held in a message of their own. Like its context, a producer is for one thread at a time.
 */
public final class AeolusJMSProducer implements JMSProducer
{
    private final Target target;
    /** Holds the properties, so they are checked and converted exactly as a message's are. */
    private final AeolusMessage properties = new AeolusMessage();
    private final Set<String> propertyNames = Collections.unmodifiableSet(new PropertyNames());
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private CompletionListener completionListener;
    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private Destination replyTo;

    /**
     * A producer that sends through a target other than an {@link AeolusJMSContext} (a resource adapter's context
     * handle, for one).
     *
     * @param target the session that makes this producer's messages and the producer that sends them.
     */
    public AeolusJMSProducer(final Target target)
    {
        this.target = target;
    }

    /**
     * Where a producer's sends go. A context's producers all use the same target.
     */
    public interface Target
    {
        /**
         * @return the session that makes the bodies' messages.
         * @throws JMSException if it cannot be had, for example because the context is closed.
         */
        Session session() throws JMSException;

        /**
         * @return the anonymous producer that sends; its options are set before each send.
         * @throws JMSException if it cannot be had.
         */
        MessageProducer producer() throws JMSException;

        /**
         * Called first by every send.
         *
         * @throws jakarta.jms.IllegalStateRuntimeException if the context is closed.
         */
        void checkOpen();

        /**
         * Called by {@link #setAsync(CompletionListener)} before the listener is kept; the default accepts it.
         *
         * @param completionListener the listener, null for synchronous sends.
         * @throws jakarta.jms.IllegalStateRuntimeException where asynchronous sends are not allowed.
         */
        default void checkAsync(final CompletionListener completionListener)
        {
        }
    }

    @Override
    public JMSProducer send(final Destination destination, final Message message)
    {
        checkSend(destination);
        if (null == message)
        {
            throw new MessageFormatRuntimeException("message must not be null");
        }
        Unchecked.run(() -> doSend(destination, message));
        return this;
    }

    @Override
    public JMSProducer send(final Destination destination, final String body)
    {
        checkSend(destination);
        Unchecked.run(() -> doSend(destination, target.session().createTextMessage(body)));
        return this;
    }

    @Override
    public JMSProducer send(final Destination destination, final Map<String, Object> body)
    {
        checkSend(destination);
        Unchecked.run(() ->
        {
            // JMS: a null map sends a MapMessage with no entries.
            final MapMessage message = target.session().createMapMessage();
            if (null != body)
            {
                for (final Map.Entry<String, Object> entry : body.entrySet())
                {
                    message.setObject(entry.getKey(), entry.getValue());
                }
            }
            doSend(destination, message);
        });
        return this;
    }

    @Override
    public JMSProducer send(final Destination destination, final byte[] body)
    {
        checkSend(destination);
        Unchecked.run(() ->
        {
            // JMS: a null array sends a BytesMessage with no body.
            final BytesMessage message = target.session().createBytesMessage();
            if (null != body)
            {
                message.writeBytes(body);
            }
            doSend(destination, message);
        });
        return this;
    }

    @Override
    public JMSProducer send(final Destination destination, final Serializable body)
    {
        checkSend(destination);
        Unchecked.run(() -> doSend(destination, target.session().createObjectMessage(body)));
        return this;
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
        disableTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp()
    {
        return disableTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(final int deliveryMode)
    {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT)
        {
            throw new JMSRuntimeException("invalid delivery mode " + deliveryMode +
                " (expected DeliveryMode.PERSISTENT or DeliveryMode.NON_PERSISTENT)");
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
            throw new JMSRuntimeException("invalid priority " + priority + " (expected 0-9)");
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

    @Override
    public JMSProducer setAsync(final CompletionListener completionListener)
    {
        target.checkAsync(completionListener);
        this.completionListener = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync()
    {
        return completionListener;
    }

    @Override
    public JMSProducer setProperty(final String name, final boolean value)
    {
        Unchecked.run(() -> properties.setBooleanProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final byte value)
    {
        Unchecked.run(() -> properties.setByteProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final short value)
    {
        Unchecked.run(() -> properties.setShortProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final int value)
    {
        Unchecked.run(() -> properties.setIntProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final long value)
    {
        Unchecked.run(() -> properties.setLongProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final float value)
    {
        Unchecked.run(() -> properties.setFloatProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final double value)
    {
        Unchecked.run(() -> properties.setDoubleProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final String value)
    {
        Unchecked.run(() -> properties.setStringProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(final String name, final Object value)
    {
        Unchecked.run(() -> properties.setObjectProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer clearProperties()
    {
        properties.clearProperties();
        return this;
    }

    @Override
    public boolean propertyExists(final String name)
    {
        return Unchecked.call(() -> properties.propertyExists(name));
    }

    @Override
    public boolean getBooleanProperty(final String name)
    {
        return Unchecked.call(() -> properties.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(final String name)
    {
        return Unchecked.call(() -> properties.getByteProperty(name));
    }

    @Override
    public short getShortProperty(final String name)
    {
        return Unchecked.call(() -> properties.getShortProperty(name));
    }

    @Override
    public int getIntProperty(final String name)
    {
        return Unchecked.call(() -> properties.getIntProperty(name));
    }

    @Override
    public long getLongProperty(final String name)
    {
        return Unchecked.call(() -> properties.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(final String name)
    {
        return Unchecked.call(() -> properties.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(final String name)
    {
        return Unchecked.call(() -> properties.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(final String name)
    {
        return Unchecked.call(() -> properties.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(final String name)
    {
        return Unchecked.call(() -> properties.getObjectProperty(name));
    }

    @Override
    public Set<String> getPropertyNames()
    {
        return propertyNames;
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
        if (null != correlationIdBytes)
        {
            return correlationIdBytes.clone();
        }
        return null == correlationId ? null : correlationId.getBytes(StandardCharsets.UTF_8);
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
        if (null != correlationIdBytes)
        {
            return new String(correlationIdBytes, StandardCharsets.UTF_8);
        }
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

    @Override
    public String toString()
    {
        return "AeolusJMSProducer{deliveryMode=" + deliveryMode + ", priority=" + priority + ", timeToLive=" +
            timeToLive + ", deliveryDelay=" + deliveryDelay + ", async=" + (null != completionListener) + '}';
    }

    /**
     * Closed first, then arguments (STYLE C7).
     */
    private void checkSend(final Destination destination)
    {
        target.checkOpen();
        if (null == destination)
        {
            throw new InvalidDestinationRuntimeException("destination must not be null");
        }
    }

    private void doSend(final Destination destination, final Message message) throws JMSException
    {
        applyTo(message);
        final MessageProducer producer = target.producer();
        // The context's producers share one session producer; a context is used by one thread at a time.
        producer.setDisableMessageID(disableMessageId);
        producer.setDisableMessageTimestamp(disableTimestamp);
        producer.setDeliveryDelay(deliveryDelay);
        if (null == completionListener)
        {
            producer.send(destination, message, deliveryMode, priority, timeToLive);
        }
        else
        {
            producer.send(destination, message, deliveryMode, priority, timeToLive, completionListener);
        }
    }

    /**
     * Sets this producer's properties and header values on the message; a property of the same name is replaced.
     * A message with read-only properties (a received one) fails with MessageNotWriteableException if this producer
     * has properties to set.
     */
    private void applyTo(final Message message) throws JMSException
    {
        final Enumeration<String> names = properties.getPropertyNames();
        while (names.hasMoreElements())
        {
            final String name = names.nextElement();
            message.setObjectProperty(name, properties.getObjectProperty(name));
        }
        if (null != correlationIdBytes)
        {
            message.setJMSCorrelationIDAsBytes(correlationIdBytes);
        }
        else if (null != correlationId)
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
    }

    private List<String> currentNames()
    {
        return Unchecked.call(() -> Collections.list(properties.getPropertyNames()));
    }

    /**
     * The live view {@link #getPropertyNames()} returns: JMS says the set is backed by the producer.
     */
    private final class PropertyNames extends AbstractSet<String>
    {
        @Override
        public Iterator<String> iterator()
        {
            return currentNames().iterator();
        }

        @Override
        public int size()
        {
            return currentNames().size();
        }

        @Override
        public boolean contains(final Object name)
        {
            return name instanceof String && propertyExists((String)name);
        }
    }
}
