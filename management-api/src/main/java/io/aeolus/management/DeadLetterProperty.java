package io.aeolus.management;

/**
 * The properties the broker sets on a message it moves to a dead-letter queue; a retry reads them to send it back.
 */
public final class DeadLetterProperty
{
    /** What every one of these property names begins with. */
    public static final String PREFIX = "AEOLUS_DLQ_";
    /** The destination the message was dead-lettered from. */
    public static final String ORIGINAL_DESTINATION = PREFIX + "ORIGINAL_DESTINATION";
    /** That destination's type: QUEUE or TOPIC. */
    public static final String ORIGINAL_DESTINATION_TYPE = PREFIX + "ORIGINAL_DESTINATION_TYPE";
    /** The subscription it was dead-lettered from, for a topic. */
    public static final String ORIGINAL_SUBSCRIPTION = PREFIX + "ORIGINAL_SUBSCRIPTION";
    /** Its JMSExpiration before it was dead-lettered. */
    public static final String ORIGINAL_EXPIRATION = PREFIX + "ORIGINAL_EXPIRATION";
    /** Why: expired, the delivery limit, a rejection. */
    public static final String REASON = PREFIX + "REASON";
    /** When, ms since the epoch. */
    public static final String TIME = PREFIX + "TIME";
    /** How often it had been delivered. */
    public static final String DELIVERY_COUNT = PREFIX + "DELIVERY_COUNT";
    /** The consumer that received it last. */
    public static final String LAST_CONSUMER = PREFIX + "LAST_CONSUMER";

    private DeadLetterProperty()
    {
    }
}
