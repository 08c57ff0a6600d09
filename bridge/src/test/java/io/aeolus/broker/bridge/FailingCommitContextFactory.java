package io.aeolus.broker.bridge;

import io.aeolus.jms.jndi.AeolusInitialContextFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * Aeolus's JNDI factory, except that the sessions of the connections it makes fail their next
 * {@link #COMMITS_TO_FAIL} commits (without committing): the source going away between the bridge's send and its
 * commit, on demand.
 */
public final class FailingCommitContextFactory implements InitialContextFactory
{
    /** Commits still to fail. */
    static final AtomicInteger COMMITS_TO_FAIL = new AtomicInteger();

    /**
     * For JNDI.
     */
    public FailingCommitContextFactory()
    {
    }

    /**
     * {@inheritDoc}
     */
    public Context getInitialContext(final Hashtable<?, ?> environment) throws NamingException
    {
        final Context real = new AeolusInitialContextFactory().getInitialContext(environment);
        return wrap(Context.class, real, (method, result) ->
            result instanceof ConnectionFactory factory ? wrapFactory(factory) : result);
    }

    private static ConnectionFactory wrapFactory(final ConnectionFactory factory)
    {
        return wrap(ConnectionFactory.class, factory, (method, result) ->
            result instanceof Connection connection ? wrap(Connection.class, connection, (m, r) ->
            r instanceof Session session ? failingCommits(session) : r) : result);
    }

    private static Session failingCommits(final Session session)
    {
        return (Session)Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[]{Session.class},
            (proxy, method, args) ->
            {
                if ("commit".equals(method.getName()) && COMMITS_TO_FAIL.getAndDecrement() > 0)
                {
                    throw new JMSException("injected: the source failed before the commit");
                }
                return invoke(session, method, args);
            });
    }

    private interface ResultMapper
    {
        Object map(Method method, Object result);
    }

    private static <T> T wrap(final Class<T> type, final T target, final ResultMapper mapper)
    {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
            (proxy, method, args) -> mapper.map(method, invoke(target, method, args))));
    }

    private static Object invoke(final Object target, final Method method, final Object[] args) throws Throwable
    {
        try
        {
            return method.invoke(target, args);
        }
        catch (final InvocationTargetException ex)
        {
            throw ex.getCause();
        }
    }
}
