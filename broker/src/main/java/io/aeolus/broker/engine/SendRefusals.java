package io.aeolus.broker.engine;

/**
 * Makes a refused send reach its producer even when the send asked for no answer (non-persistent sends, sends in a
 * transaction: correlation id 0). Dropping such a send silently loses the message without the application ever
 * knowing; instead:
 * <ul>
 * <li>outside a transaction, the refusal is remembered for the producer, every later send of that producer is
 *     refused too, and the producer's next send that asks for an answer (the client asks at least every 64 KiB) is
 *     answered with the refusal, so the error reaches a sending call and covers every send it stands for;</li>
 * <li>in a transaction, the transaction becomes rollback-only: the rest of its sends are dropped, a send that asks
 *     for an answer is refused, and its commit is answered {@code TRANSACTION_ROLLED_BACK}.</li>
 * </ul>
 * Conductor thread only.
 */
final class SendRefusals
{
    /**
     * Refuses a send whose producer already had one refused since its last answered send, or whose transaction can
     * only roll back.
     *
     * @return true if the send was refused (answered with an error if it asked for an answer).
     */
    boolean refusedAfterEarlier(final EngineConnection connection, final SessionState session,
        final long correlationId, final long producerId)
    {
        if (null != session.rollbackOnly)
        {
            connection.sendError(correlationId, EngineError.RESOURCE_ALLOCATION,
                "the transaction can only roll back: a send in it was refused (" + session.rollbackOnly + ")");
            return true;
        }
        final Refusal earlier = session.refusals.get(producerId);
        if (null == earlier)
        {
            return false;
        }
        if (0 == correlationId)
        {
            earlier.count++;
            return true;
        }
        session.refusals.remove(producerId);
        connection.sendError(correlationId, earlier.error, earlier.count + " earlier send(s) of this producer " +
            "were refused, and so was this one: " + earlier.text);
        return true;
    }

    /**
     * Refuses a send: answers it if it asked for an answer, else remembers the refusal for the producer's next
     * answered send; in a transaction, makes the transaction rollback-only.
     */
    void refuse(final EngineConnection connection, final SessionState session, final long correlationId,
        final long producerId, final EngineError error, final String text)
    {
        if (session.isTransacted())
        {
            session.rollbackOnly = text;
        }
        if (0 != correlationId)
        {
            connection.sendError(correlationId, error, text);
        }
        else if (!session.isTransacted())
        {
            session.refusals.put(producerId, new Refusal(error, text));
        }
    }

    /**
     * Marks a transaction rollback-only after a send in it was refused elsewhere (access denied, say).
     */
    void onRefusedElsewhere(final SessionState session, final String text)
    {
        if (session.isTransacted() && null == session.rollbackOnly)
        {
            session.rollbackOnly = text;
        }
    }

    /**
     * The first refused send a producer has not been told about, and how many were refused since.
     */
    static final class Refusal
    {
        final EngineError error;
        final String text;
        int count = 1;

        Refusal(final EngineError error, final String text)
        {
            this.error = error;
            this.text = text;
        }
    }
}
