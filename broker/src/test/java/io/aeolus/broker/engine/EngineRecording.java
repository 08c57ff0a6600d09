package io.aeolus.broker.engine;

import io.aeolus.broker.management.ManagedBroker;
import io.aeolus.broker.security.Authorizer;
import io.aeolus.broker.security.Principal;
import io.aeolus.store.StoredReference;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records every call made at the engine's inputs port as one line of text, and plays such lines back into an
 * engine. A line is the method's name and its arguments as tokens: numbers, booleans and enum names as written,
 * strings quoted (with escapes), a send's message bytes as base64, a map as its size and its entries in key order,
 * a consumer request as its components, a principal as name, source and roles, a page of references as its size
 * and each reference's components.
 */
final class EngineRecording
{
    private static final Map<String, Method> METHODS = new HashMap<>();
    /** Calls on the XA door ({@link EngineInputs#xa()}) are recorded under this prefix. */
    private static final String XA = "xa.";
    /** Management writes that change engine state (routing rules) are recorded under this prefix. */
    private static final String MANAGE = "manage.";

    static
    {
        for (final Method method : EngineInputs.class.getMethods())
        {
            METHODS.put(method.getName(), method);
        }
        for (final Method method : XaInputs.class.getMethods())
        {
            METHODS.put(XA + method.getName(), method);
        }
        for (final Method method : ManagedBroker.class.getMethods())
        {
            // Of an overloaded call (putRoute with and without a transformation), the longest form is played back.
            final Method known = METHODS.get(MANAGE + method.getName());
            final boolean recorded = method.getName().equals("putRoute") || method.getName().equals("deleteRoute") ||
                method.getName().equals("replay");
            if (recorded && (null == known || method.getParameterCount() > known.getParameterCount()))
            {
                METHODS.put(MANAGE + method.getName(), method);
            }
        }
    }

    private EngineRecording()
    {
    }

    /**
     * @return an inputs port that writes each call to {@code lines}, then passes it on to {@code target}.
     */
    static EngineInputs recorder(final EngineInputs target, final List<String> lines)
    {
        final XaInputs xa = recorder(XaInputs.class, target.xa(), lines, XA);
        return (EngineInputs)Proxy.newProxyInstance(EngineInputs.class.getClassLoader(),
            new Class<?>[]{ EngineInputs.class }, (proxy, method, args) ->
            {
                if (method.getDeclaringClass() == Object.class)
                {
                    return method.invoke(target, args);
                }
                if (method.getName().equals("xa"))
                {
                    return xa;
                }
                lines.add(encode(method, args));
                try
                {
                    return method.invoke(target, args);
                }
                catch (final InvocationTargetException ex)
                {
                    throw ex.getCause();
                }
            });
    }

    /**
     * @return a management port that writes each call to {@code lines}, then passes it on to {@code target}; only
     *         the calls that change engine state (routing rules) can be played back.
     */
    static ManagedBroker recorder(final ManagedBroker target, final List<String> lines)
    {
        return recorder(ManagedBroker.class, target, lines, MANAGE);
    }

    private static <T> T recorder(final Class<T> type, final T target, final List<String> lines,
        final String prefix)
    {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{ type }, (proxy, method, args) ->
        {
            if (method.getDeclaringClass() == Object.class)
            {
                return method.invoke(target, args);
            }
            final Method longest = METHODS.get(prefix + method.getName());
            if (null != longest && longest.getParameterCount() > method.getParameterCount())
            {
                // A shorter overload is recorded as the longest one with the arguments it leaves out as null.
                lines.add(prefix + encode(longest, Arrays.copyOf(args, longest.getParameterCount())));
            }
            else
            {
                lines.add(prefix + encode(method, args));
            }
            try
            {
                return method.invoke(target, args);
            }
            catch (final InvocationTargetException ex)
            {
                throw ex.getCause();
            }
        }));
    }

    /**
     * Plays recorded lines into an engine, in order.
     */
    static void replay(final List<String> lines, final EngineInputs target, final Authorizer authorizer)
    {
        replay(lines, target, null, authorizer);
    }

    /**
     * Plays recorded lines into an engine, in order; management lines into {@code management}.
     */
    static void replay(final List<String> lines, final EngineInputs target, final ManagedBroker management,
        final Authorizer authorizer)
    {
        for (final String line : lines)
        {
            if (line.isBlank() || line.startsWith("#"))
            {
                continue;
            }
            apply(line, target, management, authorizer);
        }
    }

    static void apply(final String line, final EngineInputs target, final Authorizer authorizer)
    {
        apply(line, target, null, authorizer);
    }

    static void apply(final String line, final EngineInputs target, final ManagedBroker management,
        final Authorizer authorizer)
    {
        final Tokens tokens = new Tokens(line);
        final String name = tokens.next();
        final Method method = METHODS.get(name);
        if (null == method)
        {
            throw new IllegalArgumentException("no input named " + name + ": " + line);
        }
        final Class<?>[] types = method.getParameterTypes();
        final Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++)
        {
            if (types[i] == DirectBuffer.class)
            {
                final byte[] bytes = Base64.getDecoder().decode(tokens.next());
                args[i] = new UnsafeBuffer(bytes);
                args[i + 1] = 0;
                args[i + 2] = bytes.length;
                i += 2;
                continue;
            }
            args[i] = decode(types[i], tokens, authorizer);
        }
        try
        {
            final boolean managed = name.startsWith(MANAGE);
            if (managed && null == management)
            {
                throw new IllegalArgumentException("a management line needs a management port: " + line);
            }
            method.invoke(managed ? management : name.startsWith(XA) ? target.xa() : target, args);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InvocationTargetException ex)
        {
            throw new IllegalStateException("input failed: " + line, ex.getCause());
        }
    }

    static String encode(final Method method, final Object[] args)
    {
        final StringBuilder line = new StringBuilder(method.getName());
        final Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++)
        {
            if (types[i] == DirectBuffer.class)
            {
                final DirectBuffer buffer = (DirectBuffer)args[i];
                final int offset = (Integer)args[i + 1];
                final int length = (Integer)args[i + 2];
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                line.append(' ').append(Base64.getEncoder().encodeToString(bytes));
                i += 2;
                continue;
            }
            encodeValue(line, args[i]);
        }
        return line.toString();
    }

    @SuppressWarnings("unchecked")
    private static void encodeValue(final StringBuilder line, final Object value)
    {
        if (null == value)
        {
            line.append(" null");
        }
        else if (value instanceof String string)
        {
            line.append(' ').append(quote(string));
        }
        else if (value instanceof Enum<?> constant)
        {
            line.append(' ').append(constant.name());
        }
        else if (value instanceof Map<?, ?> map)
        {
            final TreeMap<Long, Long> sorted = new TreeMap<>((Map<Long, Long>)map);
            line.append(' ').append(sorted.size());
            sorted.forEach((key, entry) -> line.append(' ').append(key).append(' ').append(entry));
        }
        else if (value instanceof BranchId branch)
        {
            line.append(' ').append(quote(branch.toString()));
        }
        else if (value instanceof Principal principal)
        {
            line.append(' ').append(quote(principal.name())).append(' ').append(quote(principal.source()))
                .append(' ').append(principal.roles().size());
            principal.roles().stream().sorted().forEach((role) -> line.append(' ').append(quote(role)));
        }
        else if (value instanceof List<?> list)
        {
            line.append(' ').append(list.size());
            for (final Object element : list)
            {
                encodeValue(line, element);
            }
        }
        else if (value instanceof byte[] bytes)
        {
            line.append(' ').append(Base64.getEncoder().encodeToString(bytes));
        }
        else if (value instanceof Record record)
        {
            for (final RecordComponent component : record.getClass().getRecordComponents())
            {
                try
                {
                    encodeValue(line, component.getAccessor().invoke(record));
                }
                catch (final ReflectiveOperationException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }
        else
        {
            line.append(' ').append(value);
        }
    }

    private static Object decode(final Class<?> type, final Tokens tokens, final Authorizer authorizer)
    {
        if (type == long.class)
        {
            return Long.parseLong(tokens.next());
        }
        if (type == int.class)
        {
            return Integer.parseInt(tokens.next());
        }
        if (type == boolean.class)
        {
            return Boolean.parseBoolean(tokens.next());
        }
        if (type == String.class)
        {
            return tokens.string();
        }
        if (type.isEnum())
        {
            return decodeEnum(type, tokens.next());
        }
        if (type == Map.class)
        {
            return decodeMap(tokens);
        }
        if (type == BranchId.class)
        {
            return BranchId.parse(tokens.string());
        }
        if (type == Principal.class)
        {
            return decodePrincipal(tokens, authorizer);
        }
        if (type == List.class)
        {
            return decodeReferences(tokens);
        }
        if (type.isRecord())
        {
            final RecordComponent[] components = type.getRecordComponents();
            final Object[] values = new Object[components.length];
            final Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++)
            {
                types[i] = components[i].getType();
                values[i] = decode(types[i], tokens, authorizer);
            }
            try
            {
                return type.getDeclaredConstructor(types).newInstance(values);
            }
            catch (final ReflectiveOperationException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        throw new IllegalArgumentException("cannot decode " + type);
    }

    private static Object decodeEnum(final Class<?> type, final String name)
    {
        for (final Object constant : type.getEnumConstants())
        {
            if (((Enum<?>)constant).name().equals(name))
            {
                return constant;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " named " + name);
    }

    private static Map<Long, Long> decodeMap(final Tokens tokens)
    {
        final int size = Integer.parseInt(tokens.next());
        final Map<Long, Long> map = new TreeMap<>();
        for (int i = 0; i < size; i++)
        {
            map.put(Long.parseLong(tokens.next()), Long.parseLong(tokens.next()));
        }
        return map;
    }

    private static Principal decodePrincipal(final Tokens tokens, final Authorizer authorizer)
    {
        final String name = tokens.string();
        final String source = tokens.string();
        final int roleCount = Integer.parseInt(tokens.next());
        final LinkedHashSet<String> roles = new LinkedHashSet<>();
        for (int i = 0; i < roleCount; i++)
        {
            roles.add(tokens.string());
        }
        return name.isEmpty() ? authorizer.anonymous(source) : authorizer.principal(name, roles, source);
    }

    private static List<StoredReference> decodeReferences(final Tokens tokens)
    {
        final int size = Integer.parseInt(tokens.next());
        final List<StoredReference> references = new ArrayList<>(size);
        for (int i = 0; i < size; i++)
        {
            references.add(new StoredReference(Long.parseLong(tokens.next()), Long.parseLong(tokens.next()),
                Integer.parseInt(tokens.next()), Integer.parseInt(tokens.next()), Long.parseLong(tokens.next()),
                Long.parseLong(tokens.next()), Base64.getDecoder().decode(tokens.next())));
        }
        return references;
    }

    static String quote(final String text)
    {
        final StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                quoted.append('\\').append(c);
            }
            else if (c < 0x20 || c > 0x7e)
            {
                quoted.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /**
     * Splits a line into tokens; a quoted string is one token.
     */
    private static final class Tokens
    {
        private final String line;
        private int position;

        Tokens(final String line)
        {
            this.line = line;
        }

        String next()
        {
            while (position < line.length() && line.charAt(position) == ' ')
            {
                position++;
            }
            final int start = position;
            while (position < line.length() && line.charAt(position) != ' ')
            {
                position++;
            }
            if (start == position)
            {
                throw new IllegalArgumentException("line ends early: " + line);
            }
            return line.substring(start, position);
        }

        String string()
        {
            while (position < line.length() && line.charAt(position) == ' ')
            {
                position++;
            }
            if (line.startsWith("null", position))
            {
                position += 4;
                return null;
            }
            if (line.charAt(position) != '"')
            {
                throw new IllegalArgumentException("string expected at " + position + ": " + line);
            }
            position++;
            final StringBuilder text = new StringBuilder();
            while (line.charAt(position) != '"')
            {
                char c = line.charAt(position++);
                if (c == '\\')
                {
                    c = line.charAt(position++);
                    if (c == 'u')
                    {
                        c = (char)Integer.parseInt(line.substring(position, position + 4), 16);
                        position += 4;
                    }
                }
                text.append(c);
            }
            position++;
            return text.toString();
        }
    }
}
