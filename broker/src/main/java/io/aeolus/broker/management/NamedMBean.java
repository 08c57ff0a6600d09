package io.aeolus.broker.management;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.StandardMBean;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

/**
 * A standard MBean whose operations show their parameters' real names in the MBeanInfo ({@code queue},
 * {@code target}, ...) instead of {@code p1}, {@code p2}: the names come from the management interface, compiled with
 * {@code -parameters}. Any thread.
 *
 * @param <T> the management interface.
 */
final class NamedMBean<T> extends StandardMBean
{
    private final Class<T> type;

    /**
     * @param implementation the MBean.
     * @param type           its management interface.
     */
    NamedMBean(final T implementation, final Class<T> type)
    {
        super(implementation, type, false);
        this.type = type;
    }

    /**
     * @return a compliant MBean, or an {@link IllegalStateException} naming why the interface is not one.
     */
    static <T> NamedMBean<T> of(final T implementation, final Class<T> type)
    {
        try
        {
            return new NamedMBean<>(implementation, type);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalStateException("not a compliant MBean: " + type.getName(), ex);
        }
    }

    @Override
    protected String getParameterName(final MBeanOperationInfo operation, final MBeanParameterInfo parameter,
        final int sequence)
    {
        final Method method = method(operation);
        if (null != method)
        {
            final Parameter[] parameters = method.getParameters();
            if (sequence < parameters.length && parameters[sequence].isNamePresent())
            {
                return parameters[sequence].getName();
            }
        }
        return super.getParameterName(operation, parameter, sequence);
    }

    private Method method(final MBeanOperationInfo operation)
    {
        final MBeanParameterInfo[] signature = operation.getSignature();
        for (final Method candidate : type.getMethods())
        {
            if (candidate.getName().equals(operation.getName()) &&
                candidate.getParameterCount() == signature.length && sameTypes(candidate, signature))
            {
                return candidate;
            }
        }
        return null;
    }

    private static boolean sameTypes(final Method method, final MBeanParameterInfo[] signature)
    {
        final Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++)
        {
            if (!types[i].getName().equals(signature[i].getType()))
            {
                return false;
            }
        }
        return true;
    }
}
