package io.aeolus.broker.management;

import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.broker.selector.Selector;
import io.aeolus.broker.selector.SelectorParseException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the typed arguments of a management request, refusing missing or ill-typed ones with a
 * {@link ManagementException} naming the argument.
 */
final class Arguments
{
    private Arguments()
    {
    }

    static String string(final Map<String, Object> arguments, final String name)
    {
        final String value = optionalString(arguments, name);
        if (null == value || value.isEmpty())
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument '" + name + "' is missing");
        }
        return value;
    }

    static String optionalString(final Map<String, Object> arguments, final String name)
    {
        final Object value = arguments.get(name);
        if (null != value && !(value instanceof String))
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "argument '" + name + "' must be a string");
        }
        return (String)value;
    }

    static long longValue(final Map<String, Object> arguments, final String name, final long defaultValue)
    {
        final Object value = arguments.get(name);
        if (null == value)
        {
            return defaultValue;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
        {
            return ((Number)value).longValue();
        }
        if (value instanceof String)
        {
            try
            {
                return Long.parseLong((String)value);
            }
            catch (final NumberFormatException ex)
            {
                // Reported below.
            }
        }
        throw new ManagementException(ManagementException.INVALID_ARGUMENT,
            "argument '" + name + "' must be an integer, not '" + value + "'");
    }

    static int intValue(final Map<String, Object> arguments, final String name, final int defaultValue,
        final int max)
    {
        final long value = longValue(arguments, name, defaultValue);
        if (value < 0 || value > max)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "argument '" + name + "' must be between 0 and " + max + ", not " + value);
        }
        return (int)value;
    }

    /**
     * @return a long argument between min and max, both included, or the default if absent.
     */
    static long longValue(final Map<String, Object> arguments, final String name, final long defaultValue,
        final long min, final long max)
    {
        final long value = longValue(arguments, name, defaultValue);
        if (value < min || value > max)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "argument '" + name + "' must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /**
     * @return a boolean argument ({@code true}/{@code false} or a Boolean), the default if absent.
     */
    static boolean flag(final Map<String, Object> arguments, final String name, final boolean defaultValue)
    {
        final Boolean value = optionalBoolean(arguments, name);
        return null == value ? defaultValue : value;
    }

    /**
     * @return a boolean argument given as a boolean or as the text {@code true} or {@code false}; null if absent.
     */
    static Boolean optionalBoolean(final Map<String, Object> arguments, final String name)
    {
        final Object value = arguments.get(name);
        if (null == value || value instanceof Boolean)
        {
            return (Boolean)value;
        }
        if ("true".equalsIgnoreCase(String.valueOf(value)) || "false".equalsIgnoreCase(String.valueOf(value)))
        {
            return Boolean.parseBoolean((String)value);
        }
        throw new ManagementException(ManagementException.INVALID_ARGUMENT,
            "argument '" + name + "' must be true or false, not '" + value + "'");
    }

    /**
     * @return a bytes argument given as bytes or as base64 text; null if absent.
     */
    static byte[] optionalBytes(final Map<String, Object> arguments, final String name)
    {
        final Object value = arguments.get(name);
        if (null == value || value instanceof byte[])
        {
            return (byte[])value;
        }
        if (value instanceof String)
        {
            try
            {
                return Base64.getDecoder().decode((String)value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                    "argument '" + name + "' is not valid base64: " + ex.getMessage());
            }
        }
        throw new ManagementException(ManagementException.INVALID_ARGUMENT,
            "argument '" + name + "' must be bytes or base64 text");
    }

    /**
     * Refuses an argument the operation does not know, so that a misspelt one is not silently ignored.
     *
     * @param arguments the request.
     * @param known     the operation's arguments ({@code op} is always allowed).
     * @param prefixes  prefixes of families of arguments, such as {@code property.}.
     */
    static void requireKnown(final Map<String, Object> arguments, final Set<String> known, final String... prefixes)
    {
        for (final String name : arguments.keySet())
        {
            if (Argument.OP.equals(name) || known.contains(name))
            {
                continue;
            }
            boolean prefixed = false;
            for (final String prefix : prefixes)
            {
                prefixed |= name.startsWith(prefix) && name.length() > prefix.length();
            }
            if (!prefixed)
            {
                throw new ManagementException(ManagementException.INVALID_ARGUMENT, "unknown argument '" + name +
                    "' for '" + arguments.get(Argument.OP) + "'");
            }
        }
    }

    /**
     * @return the selector argument parsed, {@link Selector#MATCH_ALL} if absent or empty.
     */
    static Selector selector(final Map<String, Object> arguments)
    {
        final String text = optionalString(arguments, Argument.SELECTOR);
        if (null == text || text.isBlank())
        {
            return Selector.MATCH_ALL;
        }
        try
        {
            return Selector.parse(text);
        }
        catch (final SelectorParseException ex)
        {
            throw new ManagementException(ManagementException.INVALID_SELECTOR,
                "invalid selector '" + text + "': " + ex.getMessage());
        }
    }

    /**
     * @return the {@code ids} argument (JMSMessageIDs separated by new lines), null if absent.
     */
    static List<String> ids(final Map<String, Object> arguments)
    {
        final String text = optionalString(arguments, Argument.IDS);
        if (null == text)
        {
            return null;
        }
        final List<String> ids = new ArrayList<>();
        for (final String id : text.split("\n"))
        {
            if (!id.isBlank())
            {
                ids.add(id.trim());
            }
        }
        return ids;
    }

    static String destinationName(final Map<String, Object> arguments, final String name)
    {
        final String value = string(arguments, name);
        if (value.length() > 255)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "destination name longer than 255 characters");
        }
        for (int i = 0; i < value.length(); i++)
        {
            if (Character.isISOControl(value.charAt(i)))
            {
                throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                    "destination name contains a control character at " + i);
            }
        }
        return value;
    }

    /**
     * @return the request's operation.
     * @throws ManagementException UNKNOWN_OPERATION if there is none of its name, INVALID_ARGUMENT if it names none.
     */
    static Operation operation(final Map<String, Object> arguments)
    {
        final String name = string(arguments, Argument.OP);
        final Operation operation = Operation.ofWireName(name);
        if (null == operation)
        {
            throw new ManagementException(ManagementException.UNKNOWN_OPERATION, "unknown operation '" + name + "'");
        }
        return operation;
    }
}
