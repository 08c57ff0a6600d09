package io.aeolus.jms.admin;

import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.PreparedBranch;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import jakarta.jms.JMSException;

import java.util.List;

/**
 * The broker's XA branches through an {@link AdminClient}: list the branches it holds, and resolve a prepared one
 * whose transaction manager never comes back. A branch committed or rolled back here is a heuristic outcome: the
 * transaction manager, if it returns, hears {@code XA_HEURCOM} or {@code XA_HEURRB} and then forgets the branch.
 * Needs the right to use the management queue (the {@code admin} role).
 */
public final class AdminXa
{
    private final AdminClient client;

    /**
     * @param client the client to call through.
     */
    public AdminXa(final AdminClient client)
    {
        this.client = client;
    }

    /**
     * @return the branches the broker holds, in Xid order.
     * @throws JMSException if the call fails or the user may not.
     */
    public List<PreparedBranch> branches() throws JMSException
    {
        return Reply.rows(client.call(Request.of(Operation.XA_BRANCHES)), PreparedBranch::read);
    }

    /**
     * Commits a prepared branch heuristically: its sends are delivered, what it received is gone.
     *
     * @param xid the branch as listed ({@link PreparedBranch#xid()}).
     * @throws JMSException if the branch is unknown or not prepared, or the user may not.
     */
    public void commit(final String xid) throws JMSException
    {
        client.call(Request.of(Operation.COMMIT_XA_BRANCH, Argument.NAME, xid));
    }

    /**
     * Rolls back a prepared branch heuristically: its sends are dropped, what it received comes back.
     *
     * @param xid the branch as listed ({@link PreparedBranch#xid()}).
     * @throws JMSException if the branch is unknown or not prepared, or the user may not.
     */
    public void rollback(final String xid) throws JMSException
    {
        client.call(Request.of(Operation.ROLLBACK_XA_BRANCH, Argument.NAME, xid));
    }
}
