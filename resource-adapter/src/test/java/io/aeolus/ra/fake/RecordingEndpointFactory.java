package io.aeolus.ra.fake;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Message endpoints that record each delivery. A transacted factory plays the container's transaction manager: it
 * starts a branch on the endpoint's XA resource before each delivery and, after it, commits in two phases, or rolls
 * back when the bean threw. A message whose text starts with "fail" throws every time; "once-" throws on its first
 * delivery only.
 */
public final class RecordingEndpointFactory implements MessageEndpointFactory
{
    /**
     * One delivery as the bean saw it.
     *
     * @param text          the message's text.
     * @param deliveryCount its JMSXDeliveryCount.
     * @param inBranch      whether an XA branch was active on the endpoint's resource.
     * @param thread        the thread it ran on.
     */
    public record Delivery(String text, int deliveryCount, boolean inBranch, String thread)
    {
    }

    private final boolean transacted;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger endpoints = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();

    public RecordingEndpointFactory(final boolean transacted)
    {
        this.transacted = transacted;
    }

    public synchronized List<Delivery> deliveries()
    {
        return new ArrayList<>(deliveries);
    }

    public synchronized List<Delivery> deliveries(final Predicate<Delivery> filter)
    {
        return deliveries.stream().filter(filter).toList();
    }

    public int endpointsCreated()
    {
        return endpoints.get();
    }

    public int endpointsReleased()
    {
        return released.get();
    }

    @Override
    public MessageEndpoint createEndpoint(final XAResource resource) throws UnavailableException
    {
        return createEndpoint(resource, 0);
    }

    @Override
    public MessageEndpoint createEndpoint(final XAResource resource, final long timeout)
    {
        endpoints.incrementAndGet();
        return new Endpoint(resource);
    }

    @Override
    public boolean isDeliveryTransacted(final Method method)
    {
        return transacted;
    }

    @Override
    public String getActivationName()
    {
        return "recording";
    }

    @Override
    public Class<?> getEndpointClass()
    {
        return Endpoint.class;
    }

    private synchronized void record(final Delivery delivery)
    {
        deliveries.add(delivery);
        notifyAll();
    }

    /**
     * The bean with its container around it.
     */
    public final class Endpoint implements MessageEndpoint, MessageListener
    {
        private final XAResource resource;
        private Xid xid;
        private boolean failed;

        Endpoint(final XAResource resource)
        {
            this.resource = resource;
        }

        @Override
        public void beforeDelivery(final Method method) throws UnavailableException
        {
            if (transacted)
            {
                if (null == resource)
                {
                    throw new UnavailableException("a transacted endpoint needs the adapter's XA resource");
                }
                xid = TestXid.random();
                failed = false;
                try
                {
                    resource.start(xid, XAResource.TMNOFLAGS);
                }
                catch (final XAException ex)
                {
                    throw new UnavailableException("start failed: " + ex.errorCode, ex);
                }
            }
        }

        @Override
        public void onMessage(final Message message)
        {
            final String text;
            final int count;
            try
            {
                text = ((TextMessage)message).getText();
                count = message.getIntProperty("JMSXDeliveryCount");
            }
            catch (final JMSException ex)
            {
                throw new IllegalStateException(ex);
            }
            record(new Delivery(text, count, null != xid, Thread.currentThread().getName()));
            if (text.startsWith("fail") || text.startsWith("once-") && failedOnce.add(text))
            {
                failed = true;
                throw new IllegalStateException("the bean fails on " + text);
            }
        }

        @Override
        public void afterDelivery() throws UnavailableException
        {
            if (null == xid)
            {
                return;
            }
            final Xid branch = xid;
            xid = null;
            try
            {
                resource.end(branch, failed ? XAResource.TMFAIL : XAResource.TMSUCCESS);
                if (failed)
                {
                    resource.rollback(branch);
                    // As Payara does: the bean's failure comes out of afterDelivery once the container rolled back.
                    throw new IllegalStateException("the bean failed: rolled back");
                }
                else if (XAResource.XA_OK == resource.prepare(branch))
                {
                    resource.commit(branch, false);
                }
            }
            catch (final XAException ex)
            {
                if (!failed)
                {
                    throw new UnavailableException("completion failed: " + ex.errorCode, ex);
                }
                try
                {
                    resource.rollback(branch);
                }
                catch (final XAException ignore)
                {
                    // Already rolled back by the broker on TMFAIL.
                }
            }
        }

        @Override
        public void release()
        {
            released.incrementAndGet();
        }
    }
}
