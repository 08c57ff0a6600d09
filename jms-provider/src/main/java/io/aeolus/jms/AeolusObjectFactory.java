package io.aeolus.jms;

import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;

/**
 * JNDI object factory that rebuilds Aeolus destinations from the {@link Reference} they bind as
 * ({@link AeolusDestination#getReference()}). Temporary destinations come back without an owner. Stateless and
 * thread-safe; JNDI instantiates it through its public no-argument constructor.
 */
public final class AeolusObjectFactory implements ObjectFactory
{
    @Override
    public Object getObjectInstance(
        final Object object, final Name name, final Context nameContext, final Hashtable<?, ?> environment)
    {
        if (!(object instanceof Reference))
        {
            return null;
        }

        final Reference reference = (Reference)object;
        if (AeolusConnectionFactory.class.getName().equals(reference.getClassName()))
        {
            return connectionFactory(reference);
        }
        final RefAddr address = reference.get(AeolusDestination.NAME_REF_ADDR);
        if (null == address || !(address.getContent() instanceof String))
        {
            return null;
        }

        final String destinationName = (String)address.getContent();
        final String className = reference.getClassName();
        if (AeolusQueue.class.getName().equals(className))
        {
            return new AeolusQueue(destinationName);
        }
        if (AeolusTopic.class.getName().equals(className))
        {
            return new AeolusTopic(destinationName);
        }
        if (AeolusTemporaryQueue.class.getName().equals(className))
        {
            return new AeolusTemporaryQueue(destinationName, null);
        }
        if (AeolusTemporaryTopic.class.getName().equals(className))
        {
            return new AeolusTemporaryTopic(destinationName, null);
        }

        return null;
    }

    private static AeolusConnectionFactory connectionFactory(final Reference reference)
    {
        final RefAddr url = reference.get(AeolusConnectionFactory.URL_REF_ADDR);
        if (null == url || !(url.getContent() instanceof String))
        {
            return null;
        }
        final AeolusConnectionFactory factory = new AeolusConnectionFactory((String)url.getContent());
        final java.util.Enumeration<RefAddr> addresses = reference.getAll();
        while (addresses.hasMoreElements())
        {
            final RefAddr address = addresses.nextElement();
            if (!AeolusConnectionFactory.URL_REF_ADDR.equals(address.getType()) &&
                address.getContent() instanceof String)
            {
                factory.put(address.getType(), (String)address.getContent());
            }
        }
        return factory;
    }
}
