package io.aeolus.jms.message;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.Queue;

/**
 * Another provider's messages, made with dynamic proxies: only the JMS interfaces are visible to the code under test.
 */
final class ForeignMessages
{
    private ForeignMessages()
    {
    }

    static Queue queue(final String name)
    {
        return proxy(Queue.class, (proxy, method, args) -> "getQueueName".equals(method.getName()) ? name : null);
    }

    static Destination unknownDestination()
    {
        return proxy(Destination.class, (proxy, method, args) -> null);
    }

    static <T extends Message> T message(
        final Class<T> type, final Map<String, Object> headers, final Map<String, Object> properties, final Object body)
    {
        return proxy(type, new Handler(headers, properties, body));
    }

    private static <T> T proxy(final Class<T> type, final InvocationHandler handler)
    {
        return type.cast(Proxy.newProxyInstance(ForeignMessages.class.getClassLoader(), new Class<?>[]{ type },
            handler));
    }

    /**
     * Answers the getters a copier uses from maps; keeps a read position for bytes and stream bodies.
     */
    private static final class Handler implements InvocationHandler
    {
        private final Map<String, Object> headers;
        private final Map<String, Object> properties;
        private final Object body;
        private int position;

        Handler(final Map<String, Object> headers, final Map<String, Object> properties, final Object body)
        {
            this.headers = new HashMap<>(headers);
            this.properties = new LinkedHashMap<>(properties);
            this.body = body;
        }

        @Override
        public Object invoke(final Object proxy, final Method method, final Object[] args) throws Throwable
        {
            final String name = method.getName();
            if (headers.containsKey(name))
            {
                return headers.get(name);
            }
            switch (name)
            {
                case "getPropertyNames":
                    return Collections.enumeration(properties.keySet());
                case "getObjectProperty":
                    return properties.get((String)args[0]);
                case "getText":
                case "getObject":
                    return null == args ? body : ((Map<?, ?>)body).get(args[0]);
                case "getMapNames":
                    return Collections.enumeration(((Map<?, ?>)body).keySet());
                case "reset":
                    position = 0;
                    return null;
                case "getBodyLength":
                    return (long)((byte[])body).length;
                case "readBytes":
                    return readBytes((byte[])args[0]);
                case "readObject":
                    return readObject();
                default:
                    return defaultValue(method.getReturnType());
            }
        }

        private int readBytes(final byte[] buffer)
        {
            final byte[] bytes = (byte[])body;
            if (position == bytes.length)
            {
                return -1;
            }
            final int count = Math.min(buffer.length, bytes.length - position);
            System.arraycopy(bytes, position, buffer, 0, count);
            position += count;
            return count;
        }

        private Object readObject() throws MessageEOFException
        {
            final List<?> values = (List<?>)body;
            if (position == values.size())
            {
                throw new MessageEOFException("end");
            }
            return values.get(position++);
        }

        private static Object defaultValue(final Class<?> type)
        {
            if (boolean.class == type)
            {
                return false;
            }
            if (int.class == type)
            {
                return 0;
            }
            if (long.class == type)
            {
                return 0L;
            }
            return null;
        }
    }
}
