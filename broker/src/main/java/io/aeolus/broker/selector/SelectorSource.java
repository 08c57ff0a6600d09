package io.aeolus.broker.selector;

/**
 * Supplies the values that a {@link Selector} reads while it evaluates one message. The broker implements it as a
 * flyweight over the encoded message, re-wrapped per message by the dispatching agent, so that only the properties
 * a selector asks for are decoded.
 * <p>
 * Header values follow JMS 3.8.1.1: {@value #JMS_DELIVERY_MODE} is the String {@value #PERSISTENT} or
 * {@value #NON_PERSISTENT}, {@value #JMS_PRIORITY} an Integer, {@value #JMS_TIMESTAMP} a Long, and
 * {@value #JMS_MESSAGE_ID}, {@value #JMS_CORRELATION_ID} and {@value #JMS_TYPE} Strings, or null when not set.
 */
@FunctionalInterface
public interface SelectorSource
{
    /** Header identifier for the delivery mode, compared as a String. */
    String JMS_DELIVERY_MODE = "JMSDeliveryMode";

    /** Header identifier for the priority, 0 to 9. */
    String JMS_PRIORITY = "JMSPriority";

    /** Header identifier for the message id. */
    String JMS_MESSAGE_ID = "JMSMessageID";

    /** Header identifier for the send timestamp, in milliseconds since the epoch. */
    String JMS_TIMESTAMP = "JMSTimestamp";

    /** Header identifier for the correlation id. */
    String JMS_CORRELATION_ID = "JMSCorrelationID";

    /** Header identifier for the message type. */
    String JMS_TYPE = "JMSType";

    /** Value of {@value #JMS_DELIVERY_MODE} for persistent messages. */
    String PERSISTENT = "PERSISTENT";

    /** Value of {@value #JMS_DELIVERY_MODE} for non-persistent messages. */
    String NON_PERSISTENT = "NON_PERSISTENT";

    /**
     * The value of a property or JMS header, or null if absent. Boolean, Byte, Short, Integer, Long, Float, Double or
     * String; any other type compares as unequal to everything and is not numeric. Called on the evaluating thread,
     * at most once per reference in the selector and only for identifiers the evaluation needs.
     *
     * @param identifier the case-sensitive property name or header name.
     * @return the value, or null if the message has no such property or the header is not set.
     */
    Object valueOf(String identifier);
}
