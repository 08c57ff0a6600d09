package io.aeolus.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a message-driven bean consumes: the destination and its type, a selector, the acknowledgement mode of
 * deliveries outside a transaction, the subscription of a topic, how many sessions deliver at once and how many
 * messages a session delivers before it gives its thread back, and the broker and credentials when they differ
 * from the adapter's. {@link #validate()} names the first bad property.
 */
public final class AeolusActivationSpec implements ActivationSpec, Serializable
{
    /** {@code destinationType} of a queue. */
    public static final String QUEUE = "jakarta.jms.Queue";
    /** {@code destinationType} of a topic. */
    public static final String TOPIC = "jakarta.jms.Topic";
    /** {@code acknowledgeMode}: each delivery acknowledged once the bean returns. */
    public static final String AUTO_ACKNOWLEDGE = "Auto-acknowledge";
    /** {@code acknowledgeMode}: deliveries acknowledged in batches; a crash may deliver some again. */
    public static final String DUPS_OK_ACKNOWLEDGE = "Dups-ok-acknowledge";
    /** {@code subscriptionDurability} of a durable topic subscription. */
    public static final String DURABLE = "Durable";
    /** {@code subscriptionDurability} of a subscription that lives as long as the endpoint. */
    public static final String NON_DURABLE = "NonDurable";

    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;
    private String destination;
    private String destinationType = QUEUE;
    private String messageSelector;
    private String acknowledgeMode = AUTO_ACKNOWLEDGE;
    private String subscriptionDurability = NON_DURABLE;
    private String subscriptionName;
    private String clientId;
    private boolean shareSubscriptions;
    private int maxSessions = 10;
    private int maxMessages = 1;
    private String serverUrl;
    private String userName;
    private String password;
    private long reconnectInitialDelayMs = 100;
    private long reconnectMaxDelayMs = 30_000;

    @Override
    public ResourceAdapter getResourceAdapter()
    {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(final ResourceAdapter resourceAdapter) throws ResourceException
    {
        if (!(resourceAdapter instanceof AeolusResourceAdapter))
        {
            throw new jakarta.resource.spi.IllegalStateException("an AeolusActivationSpec belongs to the Aeolus " +
                "resource adapter, not " + (null == resourceAdapter ? "null" : resourceAdapter.getClass().getName()));
        }
        this.resourceAdapter = resourceAdapter;
    }

    /**
     * Checks every property; the exception names the first bad one and what it takes.
     */
    @Override
    public void validate() throws InvalidPropertyException
    {
        if (Settings.blank(destination))
        {
            throw invalid("destination", "is required: the name of the queue or topic to consume from");
        }
        final String type = normalisedDestinationType();
        if (null == type)
        {
            throw invalid("destinationType", "'" + destinationType + "' is neither " + QUEUE + " nor " + TOPIC);
        }
        if (!AUTO_ACKNOWLEDGE.equalsIgnoreCase(acknowledgeMode) && !isDupsOk())
        {
            throw invalid("acknowledgeMode", "'" + acknowledgeMode + "' is neither " + AUTO_ACKNOWLEDGE + " nor " +
                DUPS_OK_ACKNOWLEDGE);
        }
        if (!DURABLE.equalsIgnoreCase(subscriptionDurability) && !NON_DURABLE.equalsIgnoreCase(subscriptionDurability))
        {
            throw invalid("subscriptionDurability", "'" + subscriptionDurability + "' is neither " + DURABLE + " nor " +
                NON_DURABLE);
        }
        if (QUEUE.equals(type) && isDurable())
        {
            throw invalid("subscriptionDurability", "Durable applies to a topic; destination " + destination +
                " is a queue");
        }
        if (TOPIC.equals(type) && (isDurable() || shareSubscriptions) && Settings.blank(subscriptionName))
        {
            throw invalid("subscriptionName", "is required for a durable or shared subscription of topic " +
                destination);
        }
        if (TOPIC.equals(type) && isDurable() && !shareSubscriptions && Settings.blank(clientId))
        {
            throw invalid("clientId", "is required for a durable subscription that is not shared (or set " +
                "shareSubscriptions=true)");
        }
        validateNumbers();
    }

    private void validateNumbers() throws InvalidPropertyException
    {
        if (maxSessions < 1)
        {
            throw invalid("maxSessions", "must be 1 or more, got " + maxSessions);
        }
        if (maxMessages < 1)
        {
            throw invalid("maxMessages", "must be 1 or more, got " + maxMessages);
        }
        if (reconnectInitialDelayMs < 1 || reconnectMaxDelayMs < reconnectInitialDelayMs)
        {
            throw invalid("reconnectInitialDelayMs", "must be 1 ms or more and at most reconnectMaxDelayMs (" +
                reconnectMaxDelayMs + "), got " + reconnectInitialDelayMs);
        }
        if (null != serverUrl)
        {
            try
            {
                Settings.requireUrl("serverUrl", serverUrl);
            }
            catch (final ResourceException ex)
            {
                throw invalid("serverUrl", "'" + serverUrl + "' is not an Aeolus URL (aeolus:ipc or " +
                    "aeolus:udp://host:port)");
            }
        }
    }

    private InvalidPropertyException invalid(final String property, final String problem)
    {
        final InvalidPropertyException ex = new InvalidPropertyException("activation spec property " + property + " " +
            problem);
        try
        {
            ex.setInvalidPropertyDescriptors(new java.beans.PropertyDescriptor[]{
                new java.beans.PropertyDescriptor(property, AeolusActivationSpec.class)});
        }
        catch (final java.beans.IntrospectionException ignore)
        {
            // The message names the property already.
        }
        return ex;
    }

    String normalisedDestinationType()
    {
        if (null == destinationType)
        {
            return null;
        }
        final String type = destinationType.trim();
        if (QUEUE.equals(type) || "javax.jms.Queue".equals(type) || "queue".equalsIgnoreCase(type))
        {
            return QUEUE;
        }
        if (TOPIC.equals(type) || "javax.jms.Topic".equals(type) || "topic".equalsIgnoreCase(type))
        {
            return TOPIC;
        }
        return null;
    }

    boolean isTopic()
    {
        return TOPIC.equals(normalisedDestinationType());
    }

    boolean isDurable()
    {
        return DURABLE.equalsIgnoreCase(subscriptionDurability);
    }

    boolean isDupsOk()
    {
        return DUPS_OK_ACKNOWLEDGE.equalsIgnoreCase(acknowledgeMode);
    }

    /**
     * @return how many sessions deliver at once: a topic subscription that is not shared has one consumer.
     */
    int effectiveSessions()
    {
        return isTopic() && !shareSubscriptions ? 1 : maxSessions;
    }

    public String getDestination()
    {
        return destination;
    }

    public void setDestination(final String destination)
    {
        this.destination = destination;
    }

    public String getDestinationType()
    {
        return destinationType;
    }

    public void setDestinationType(final String destinationType)
    {
        this.destinationType = destinationType;
    }

    public String getMessageSelector()
    {
        return messageSelector;
    }

    public void setMessageSelector(final String messageSelector)
    {
        this.messageSelector = messageSelector;
    }

    public String getAcknowledgeMode()
    {
        return acknowledgeMode;
    }

    public void setAcknowledgeMode(final String acknowledgeMode)
    {
        this.acknowledgeMode = acknowledgeMode;
    }

    public String getSubscriptionDurability()
    {
        return subscriptionDurability;
    }

    public void setSubscriptionDurability(final String subscriptionDurability)
    {
        this.subscriptionDurability = subscriptionDurability;
    }

    public String getSubscriptionName()
    {
        return subscriptionName;
    }

    public void setSubscriptionName(final String subscriptionName)
    {
        this.subscriptionName = subscriptionName;
    }

    public String getClientId()
    {
        return clientId;
    }

    public void setClientId(final String clientId)
    {
        this.clientId = clientId;
    }

    public boolean getShareSubscriptions()
    {
        return shareSubscriptions;
    }

    public void setShareSubscriptions(final boolean shareSubscriptions)
    {
        this.shareSubscriptions = shareSubscriptions;
    }

    public int getMaxSessions()
    {
        return maxSessions;
    }

    public void setMaxSessions(final int maxSessions)
    {
        this.maxSessions = maxSessions;
    }

    public int getMaxMessages()
    {
        return maxMessages;
    }

    public void setMaxMessages(final int maxMessages)
    {
        this.maxMessages = maxMessages;
    }

    public String getServerUrl()
    {
        return serverUrl;
    }

    public void setServerUrl(final String serverUrl)
    {
        this.serverUrl = serverUrl;
    }

    public String getUserName()
    {
        return userName;
    }

    public void setUserName(final String userName)
    {
        this.userName = userName;
    }

    public String getPassword()
    {
        return password;
    }

    public void setPassword(final String password)
    {
        this.password = password;
    }

    public long getReconnectInitialDelayMs()
    {
        return reconnectInitialDelayMs;
    }

    public void setReconnectInitialDelayMs(final long reconnectInitialDelayMs)
    {
        this.reconnectInitialDelayMs = reconnectInitialDelayMs;
    }

    public long getReconnectMaxDelayMs()
    {
        return reconnectMaxDelayMs;
    }

    public void setReconnectMaxDelayMs(final long reconnectMaxDelayMs)
    {
        this.reconnectMaxDelayMs = reconnectMaxDelayMs;
    }

    @Override
    public String toString()
    {
        return "AeolusActivationSpec[" + destinationType + " " + destination +
            (null == messageSelector ? "" : ", selector " + messageSelector) + ", " +
            subscriptionDurability.toLowerCase(Locale.ROOT) + ", maxSessions " + maxSessions + "]";
    }
}
