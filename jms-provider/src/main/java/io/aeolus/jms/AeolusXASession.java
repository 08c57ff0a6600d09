package io.aeolus.jms;

import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicSession;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

/**
 * A session whose sends and receives belong to the XA branch its {@link XAResource} is started on: the broker holds
 * them until the transaction manager commits or rolls the branch back. {@link #commit()} and {@link #rollback()}
 * throw {@link TransactionInProgressException} (the transaction manager decides). Work done while no branch is
 * started joins the next branch the session starts.
 */
public final class AeolusXASession extends AeolusSession implements XASession, XAQueueSession, XATopicSession
{
    private final AeolusXAResource resource;

    AeolusXASession(final AeolusConnection connection, final long sessionId, final int sessionMode)
    {
        super(connection, sessionId, Session.SESSION_TRANSACTED);
        this.resource = new AeolusXAResource(this, new XaProxy(connection.proxy().endpoint()),
            connection.brokerIdentity());
    }

    @Override
    public Session getSession() throws JMSException
    {
        checkOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException
    {
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException
    {
        checkOpen();
        return this;
    }

    @Override
    public XAResource getXAResource()
    {
        return resource;
    }

    @Override
    public boolean getTransacted() throws JMSException
    {
        checkOpen();
        return true;
    }

    @Override
    public void commit() throws JMSException
    {
        checkOpen();
        throw new TransactionInProgressException("an XA session is committed by its transaction manager, " +
            "through its XAResource");
    }

    @Override
    public void rollback() throws JMSException
    {
        checkOpen();
        throw new TransactionInProgressException("an XA session is rolled back by its transaction manager, " +
            "through its XAResource");
    }

    @Override
    public void close() throws JMSException
    {
        if (!isClosed())
        {
            resource.onSessionClosing();
        }
        super.close();
    }

    @Override
    void removeConsumer(final AeolusMessageConsumer consumer)
    {
        try
        {
            resource.onConsumerClosing();
        }
        catch (final XAException ex)
        {
            // The branch is doomed or the broker gone: the transaction manager hears it when it completes.
        }
        super.removeConsumer(consumer);
    }
}
