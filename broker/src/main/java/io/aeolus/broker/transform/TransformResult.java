package io.aeolus.broker.transform;

import java.util.Objects;

/**
 * What a {@link Transformation} made of a message: the message to route on, or why the message is invalid (the
 * rule then refuses it at send or dead-letters it, as the rule says). Immutable.
 *
 * @param message the transformed message; null if invalid.
 * @param error   what is wrong with the message; null if valid.
 */
public record TransformResult(MessageView message, String error)
{
    /**
     * Checks that exactly one of the two is given.
     */
    public TransformResult
    {
        if ((null == message) == (null == error))
        {
            throw new IllegalArgumentException("a transform result has either a message or an error");
        }
    }

    /**
     * @param message the message to route on.
     * @return a result carrying it.
     */
    public static TransformResult of(final MessageView message)
    {
        return new TransformResult(Objects.requireNonNull(message, "message"), null);
    }

    /**
     * @param error what is wrong with the message, for the producer's exception or the dead letter's reason.
     * @return an invalid result.
     */
    public static TransformResult invalid(final String error)
    {
        return new TransformResult(null, null == error || error.isBlank() ? "invalid message" : error);
    }

    /**
     * @return true if the message was found invalid.
     */
    public boolean isInvalid()
    {
        return null != error;
    }
}
