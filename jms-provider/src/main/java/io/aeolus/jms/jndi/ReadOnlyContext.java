package io.aeolus.jms.jndi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.CompoundName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;

/**
 * A flat, read-only JNDI context over a fixed set of bindings. Lookups of unknown names throw
 * {@link NameNotFoundException}; every change throws {@link OperationNotSupportedException}. Thread-safe.
 */
final class ReadOnlyContext implements Context
{
    private static final NameParser PARSER = (name) ->
    {
        final Properties syntax = new Properties();
        syntax.put("jndi.syntax.direction", "flat");
        return new CompoundName(name, syntax);
    };

    private final Hashtable<Object, Object> environment;
    private final Map<String, Object> bindings;

    ReadOnlyContext(final Hashtable<Object, Object> environment, final Map<String, Object> bindings)
    {
        this.environment = environment;
        this.bindings = Collections.unmodifiableMap(bindings);
    }

    @Override
    public Object lookup(final Name name) throws NamingException
    {
        return lookup(name.toString());
    }

    @Override
    public Object lookup(final String name) throws NamingException
    {
        if (null == name || name.isEmpty())
        {
            return this;
        }
        final Object bound = bindings.get(name);
        if (null == bound)
        {
            throw new NameNotFoundException("no JNDI entry named '" + name + "' (bound: " + bindings.keySet() + ")");
        }
        return bound;
    }

    @Override
    public void bind(final Name name, final Object obj) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public void bind(final String name, final Object obj) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public void rebind(final Name name, final Object obj) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public void rebind(final String name, final Object obj) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public void unbind(final Name name) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public void unbind(final String name) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public void rename(final Name oldName, final Name newName) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public void rename(final String oldName, final String newName) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public NamingEnumeration<NameClassPair> list(final Name name) throws NamingException
    {
        return list(name.toString());
    }

    @Override
    public NamingEnumeration<NameClassPair> list(final String name) throws NamingException
    {
        checkRoot(name);
        final List<NameClassPair> pairs = new ArrayList<>();
        for (final Map.Entry<String, Object> entry : bindings.entrySet())
        {
            pairs.add(new NameClassPair(entry.getKey(), entry.getValue().getClass().getName()));
        }
        return new ListEnumeration<>(pairs);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(final Name name) throws NamingException
    {
        return listBindings(name.toString());
    }

    @Override
    public NamingEnumeration<Binding> listBindings(final String name) throws NamingException
    {
        checkRoot(name);
        final List<Binding> list = new ArrayList<>();
        for (final Map.Entry<String, Object> entry : bindings.entrySet())
        {
            list.add(new Binding(entry.getKey(), entry.getValue()));
        }
        return new ListEnumeration<>(list);
    }

    @Override
    public void destroySubcontext(final Name name) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(final String name) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(final Name name) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(final String name) throws NamingException
    {
        throw readOnly();
    }

    @Override
    public Object lookupLink(final Name name) throws NamingException
    {
        return lookup(name);
    }

    @Override
    public Object lookupLink(final String name) throws NamingException
    {
        return lookup(name);
    }

    @Override
    public NameParser getNameParser(final Name name)
    {
        return PARSER;
    }

    @Override
    public NameParser getNameParser(final String name)
    {
        return PARSER;
    }

    @Override
    public Name composeName(final Name name, final Name prefix) throws NamingException
    {
        final Name result = (Name)prefix.clone();
        return result.addAll(name);
    }

    @Override
    public String composeName(final String name, final String prefix) throws NamingException
    {
        return composeName(new CompositeName(name), new CompositeName(prefix)).toString();
    }

    @Override
    public Object addToEnvironment(final String propName, final Object propVal)
    {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(final String propName)
    {
        return environment.remove(propName);
    }

    @Override
    public Hashtable<?, ?> getEnvironment()
    {
        return new Hashtable<>(environment);
    }

    @Override
    public void close()
    {
    }

    @Override
    public String getNameInNamespace()
    {
        return "";
    }

    private static void checkRoot(final String name) throws NamingException
    {
        if (null != name && !name.isEmpty())
        {
            throw new NameNotFoundException("the Aeolus JNDI context is flat: no sub-context '" + name + "'");
        }
    }

    private static OperationNotSupportedException readOnly()
    {
        return new OperationNotSupportedException("the Aeolus JNDI context is read-only: configure it through " +
            "jndi.properties or the InitialContext environment");
    }

    /**
     * A naming enumeration over a list.
     */
    private static final class ListEnumeration<T> implements NamingEnumeration<T>
    {
        private final Iterator<T> iterator;

        ListEnumeration(final List<T> items)
        {
            this.iterator = items.iterator();
        }

        @Override
        public T next()
        {
            return nextElement();
        }

        @Override
        public boolean hasMore()
        {
            return iterator.hasNext();
        }

        @Override
        public void close()
        {
        }

        @Override
        public boolean hasMoreElements()
        {
            return iterator.hasNext();
        }

        @Override
        public T nextElement()
        {
            if (!iterator.hasNext())
            {
                throw new NoSuchElementException();
            }
            return iterator.next();
        }
    }
}
