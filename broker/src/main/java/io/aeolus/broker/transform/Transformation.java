package io.aeolus.broker.transform;

/**
 * One configured transformation: a pure function from a message to a changed message, or to the finding that the
 * message is invalid. Called on the broker's engine thread only; see {@link MessageTransformer} for the contract.
 */
@FunctionalInterface
public interface Transformation
{
    /**
     * @param message the message as the rule took it.
     * @return {@link TransformResult#of(MessageView)} with the message to route on (the same one if nothing
     *         changes), or {@link TransformResult#invalid(String)} saying what is wrong with it.
     */
    TransformResult apply(MessageView message);
}
