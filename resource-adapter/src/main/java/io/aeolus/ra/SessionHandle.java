package io.aeolus.ra;

import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The session an application gets from an {@link AeolusConnectionHandle}: it works on the managed connection's
 * physical session (the XA session inside a transaction), refuses what Jakarta Messaging 3.1 §12.2 forbids in a
 * container (message listeners, {@code run}, asynchronous sends), and on close closes the producers, consumers and
 * browsers made through it while the physical session stays with the pooled connection.
 */
final class SessionHandle implements InvocationHandler
{
    private static final Set<String> REFUSED = Set.of("setMessageListener", "getMessageListener", "run");

    private final Session physical;
    private final List<Object> created = new ArrayList<>();
    private volatile boolean closed;

    private SessionHandle(final Session physical)
    {
        this.physical = physical;
    }

    static Session create(final Session physical, final SessionHandle[] handler)
    {
        handler[0] = new SessionHandle(physical);
        return (Session)Proxy.newProxyInstance(SessionHandle.class.getClassLoader(),
            new Class<?>[]{Session.class, QueueSession.class, TopicSession.class}, handler[0]);
    }

    boolean isClosed()
    {
        return closed;
    }

    Session physical()
    {
        return physical;
    }

    @Override
    public Object invoke(final Object proxy, final Method method, final Object[] args) throws Throwable
    {
        final String name = method.getName();
        if (method.getDeclaringClass() == Object.class)
        {
            return switch (name)
            {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "SessionHandle[" + physical + (closed ? ", closed]" : "]");
            };
        }
        if ("close".equals(name))
        {
            close();
            return null;
        }
        if (closed)
        {
            throw new IllegalStateException("the session is closed");
        }
        if (REFUSED.contains(name))
        {
            final String problem = "Session." + name + " must not be used in a Jakarta EE container " +
                "(Jakarta Messaging 3.1 §12.2): use a message-driven bean";
            // Session.run declares no JMSException: it gets the unchecked form.
            throw 0 == method.getExceptionTypes().length ?
                new IllegalStateRuntimeException(problem) : new IllegalStateException(problem);
        }
        final Object result = call(physical, method, args);
        if (result instanceof MessageConsumer consumer)
        {
            final Object handle = consumerHandle(consumer);
            track(consumer);
            return handle;
        }
        if (result instanceof MessageProducer producer)
        {
            track(producer);
            return producerHandle(producer);
        }
        if (result instanceof QueueBrowser)
        {
            track(result);
        }
        return result;
    }

    private synchronized void track(final Object resource)
    {
        created.add(resource);
    }

    void close()
    {
        final List<Object> toClose;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(created);
            created.clear();
        }
        for (final Object resource : toClose)
        {
            try
            {
                if (resource instanceof MessageConsumer consumer)
                {
                    consumer.close();
                }
                else if (resource instanceof MessageProducer producer)
                {
                    producer.close();
                }
                else if (resource instanceof QueueBrowser browser)
                {
                    browser.close();
                }
            }
            catch (final JMSException | RuntimeException ignore)
            {
                // Closing on behalf of the application: what is already closed or failed has nothing to give back.
            }
        }
    }

    private static Object consumerHandle(final MessageConsumer consumer)
    {
        final List<Class<?>> types = new ArrayList<>();
        types.add(MessageConsumer.class);
        if (consumer instanceof QueueReceiver)
        {
            types.add(QueueReceiver.class);
        }
        if (consumer instanceof TopicSubscriber)
        {
            types.add(TopicSubscriber.class);
        }
        return Proxy.newProxyInstance(SessionHandle.class.getClassLoader(), types.toArray(new Class<?>[0]),
            (proxy, method, args) ->
            {
                if (method.getDeclaringClass() == Object.class)
                {
                    return switch (method.getName())
                    {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "ConsumerHandle[" + consumer + "]";
                    };
                }
                if ("setMessageListener".equals(method.getName()) || "getMessageListener".equals(method.getName()))
                {
                    throw new IllegalStateException("MessageConsumer." + method.getName() + " must not be used " +
                        "in a Jakarta EE container (Jakarta Messaging 3.1 §12.2): use a message-driven bean");
                }
                return call(consumer, method, args);
            });
    }

    private static Object producerHandle(final MessageProducer producer)
    {
        final List<Class<?>> types = new ArrayList<>();
        types.add(MessageProducer.class);
        if (producer instanceof QueueSender)
        {
            types.add(QueueSender.class);
        }
        if (producer instanceof TopicPublisher)
        {
            types.add(TopicPublisher.class);
        }
        return Proxy.newProxyInstance(SessionHandle.class.getClassLoader(), types.toArray(new Class<?>[0]),
            (proxy, method, args) ->
            {
                if (method.getDeclaringClass() == Object.class)
                {
                    return switch (method.getName())
                    {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "ProducerHandle[" + producer + "]";
                    };
                }
                final Class<?>[] parameters = method.getParameterTypes();
                if (parameters.length > 0 && parameters[parameters.length - 1] == CompletionListener.class)
                {
                    throw new IllegalStateException("asynchronous send must not be used in a Jakarta EE container " +
                        "(Jakarta Messaging 3.1 §12.2)");
                }
                return call(producer, method, args);
            });
    }

    private static Object call(final Object target, final Method method, final Object[] args) throws Throwable
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
