package io.aeolus.console.backend;

/**
 * How dead-letter triage groups the messages of a dead-letter queue.
 */
public enum TriageGrouping
{
    /** Why the broker dead-lettered them. */
    REASON("reason"),
    /** The destination they were sent to. */
    DESTINATION("destination"),
    /** The consumer that last failed them. */
    CONSUMER("consumer"),
    /** How many delivery attempts they had. */
    DELIVERY_COUNT("deliveryCount"),
    /** A message property named separately, e.g. an application's error code. */
    PROPERTY("property");

    private final String protocolName;

    TriageGrouping(final String protocolName)
    {
        this.protocolName = protocolName;
    }

    /**
     * The name the management protocol uses.
     *
     * @return e.g. {@code deliveryCount}.
     */
    public String protocolName()
    {
        return protocolName;
    }
}
