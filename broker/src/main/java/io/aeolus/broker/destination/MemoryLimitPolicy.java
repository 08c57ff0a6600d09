package io.aeolus.broker.destination;

/**
 * What a send to a destination over its memory limit does. Thread-safe: immutable.
 */
public enum MemoryLimitPolicy
{
    /**
     * The message is taken, but the producer is told to wait ({@code ProducerCredit{blocked}}) and a confirmed send
     * is confirmed only once the destination is below its limit again, so a synchronous send blocks.
     */
    BLOCK,
    /** The send is refused with {@code RESOURCE_ALLOCATION} and the message dropped. */
    FAIL
}
