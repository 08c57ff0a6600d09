package io.aeolus.jms.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * An {@link ObjectInputStream} that asks a {@link DeserializationPolicy} about every class and proxy interface named in
 * the stream before loading it. A refused class is never loaded or initialised, so none of its code (static
 * initialiser, {@code readObject}, {@code readResolve}) runs. Single use, one thread.
 */
final class RestrictedObjectInputStream extends ObjectInputStream
{
    private final DeserializationPolicy policy;
    private final ClassLoader classLoader;

    RestrictedObjectInputStream(
        final InputStream in, final DeserializationPolicy policy, final ClassLoader classLoader) throws IOException
    {
        super(in);
        this.policy = policy;
        this.classLoader = classLoader;
    }

    @Override
    protected Class<?> resolveClass(final ObjectStreamClass descriptor) throws IOException, ClassNotFoundException
    {
        final String name = descriptor.getName();
        if (!policy.isAllowed(name))
        {
            throw new ClassRejectedException(name);
        }

        if (null != classLoader)
        {
            try
            {
                return Class.forName(name, false, classLoader);
            }
            catch (final ClassNotFoundException ex)
            {
                // Primitive types and classes only the caller's loader sees: let the JDK resolve them.
                return super.resolveClass(descriptor);
            }
        }

        return super.resolveClass(descriptor);
    }

    @Override
    protected Class<?> resolveProxyClass(final String[] interfaces) throws IOException, ClassNotFoundException
    {
        for (final String name : interfaces)
        {
            if (!policy.isAllowed(name))
            {
                throw new ClassRejectedException(name);
            }
        }

        return super.resolveProxyClass(interfaces);
    }

    /**
     * Thrown from inside deserialization when the policy refuses a class; carries the class name so the message can
     * report it.
     */
    static final class ClassRejectedException extends InvalidClassException
    {
        private static final long serialVersionUID = 1L;

        ClassRejectedException(final String className)
        {
            super(className, "not allowed by the ObjectMessage deserialization policy");
        }
    }
}
