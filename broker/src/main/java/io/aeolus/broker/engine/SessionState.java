package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.transport.codecs.AckMode;

import java.util.ArrayList;

/**
 * A client session as the broker sees it: its acknowledgement mode, its consumers, and for a transacted session
 * the sends held back until commit. Conductor thread only.
 */
final class SessionState
{
    final long sessionId;
    final AckMode ackMode;
    final ArrayList<Consumer> consumers = new ArrayList<>();
    final ArrayList<BrokerMessage> transactedSends = new ArrayList<>();
    /** The XA branch the session works on now, null if none. */
    XaBranch xaBranch;

    SessionState(final long sessionId, final AckMode ackMode)
    {
        this.sessionId = sessionId;
        this.ackMode = ackMode;
    }

    boolean isTransacted()
    {
        return ackMode == AckMode.TRANSACTED;
    }
}
