package io.aeolus.jms.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which classes an {@link jakarta.jms.ObjectMessage} body may instantiate when it is deserialized. Java
 * deserialization of untrusted bytes can run code in any serializable class on the class path, so received object
 * messages check every class named in the stream against this policy before the class is even loaded.
 * <p>
 * Entries are class-name prefixes matched by name segment: {@code "java.util"} matches {@code java.util.HashMap},
 * {@code java.util.concurrent.ConcurrentHashMap} and the nested classes of {@code java.util}, but not
 * {@code java.utilities.Evil}; an entry ending in {@code '.'} matches by plain prefix; {@code "*"} matches every class.
 * A class is allowed when an allow entry matches it and no deny entry does: deny wins. Primitive types and arrays
 * of primitives are always allowed; an array of objects is judged by its element class.
 * <p>
 * Immutable and thread-safe.
 */
public final class DeserializationPolicy
{
    /** The entry that matches every class. */
    public static final String ALL = "*";

    private static final DeserializationPolicy SECURE_DEFAULT = new DeserializationPolicy(
        List.of("java.lang", "java.util", "java.math", "java.time"), List.of());
    private static final DeserializationPolicy ALLOW_ALL = new DeserializationPolicy(List.of(ALL), List.of());
    private static final Set<String> PRIMITIVE_TYPES = Set.of(
        "boolean", "byte", "char", "short", "int", "long", "float", "double", "void");
    private static final String PRIMITIVE_ARRAY_CODES = "ZBCSIJFD";

    private final List<String> allowList;
    private final List<String> denyList;

    /**
     * Builds a policy.
     *
     * @param allowList class-name prefixes that may be deserialized; {@code "*"} allows everything not denied.
     * @param denyList  class-name prefixes that may never be deserialized, even if allowed.
     */
    public DeserializationPolicy(final List<String> allowList, final List<String> denyList)
    {
        this.allowList = normalise(allowList);
        this.denyList = normalise(denyList);
    }

    /**
     * The default for received messages: only {@code java.lang}, {@code java.util}, {@code java.math},
     * {@code java.time} and primitive arrays.
     *
     * @return the shared secure default policy.
     */
    public static DeserializationPolicy secureDefault()
    {
        return SECURE_DEFAULT;
    }

    /**
     * A policy that allows every class. Only for peers that are fully trusted.
     *
     * @return the shared allow-all policy.
     */
    public static DeserializationPolicy allowAll()
    {
        return ALLOW_ALL;
    }

    /**
     * Builds a policy from comma-separated lists, as given in a connection URI or a system property.
     *
     * @param allowList comma-separated allow entries; null or blank means the secure default allow list.
     * @param denyList  comma-separated deny entries; null or blank means none.
     * @return the policy.
     */
    public static DeserializationPolicy parse(final String allowList, final String denyList)
    {
        final List<String> allow = null == allowList || allowList.isBlank() ?
            SECURE_DEFAULT.allowList : List.of(allowList.split(","));
        final List<String> deny = null == denyList || denyList.isBlank() ? List.of() : List.of(denyList.split(","));
        return new DeserializationPolicy(allow, deny);
    }

    /**
     * The allow entries.
     *
     * @return an unmodifiable list.
     */
    public List<String> allowList()
    {
        return allowList;
    }

    /**
     * The deny entries.
     *
     * @return an unmodifiable list.
     */
    public List<String> denyList()
    {
        return denyList;
    }

    /**
     * Decides whether a class named in a serialization stream may be loaded.
     *
     * @param className as {@link Class#getName()} gives it, including array forms such as {@code "[I"} and
     *                  {@code "[Ljava.lang.String;"}.
     * @return true if the class may be deserialized.
     */
    public boolean isAllowed(final String className)
    {
        String name = className;
        int arrayDepth = 0;
        while (arrayDepth < name.length() && '[' == name.charAt(arrayDepth))
        {
            arrayDepth++;
        }
        if (arrayDepth > 0)
        {
            name = name.substring(arrayDepth);
            if (1 == name.length() && PRIMITIVE_ARRAY_CODES.indexOf(name.charAt(0)) >= 0)
            {
                return true;
            }
            if (name.length() < 3 || 'L' != name.charAt(0) || ';' != name.charAt(name.length() - 1))
            {
                return false;
            }
            name = name.substring(1, name.length() - 1);
        }
        else if (PRIMITIVE_TYPES.contains(name))
        {
            return true;
        }

        return !matchesAny(denyList, name) && matchesAny(allowList, name);
    }

    @Override
    public String toString()
    {
        return "DeserializationPolicy{allow=" + allowList + ", deny=" + denyList + '}';
    }

    private static boolean matchesAny(final List<String> entries, final String className)
    {
        for (final String entry : entries)
        {
            if (matches(entry, className))
            {
                return true;
            }
        }

        return false;
    }

    private static boolean matches(final String entry, final String className)
    {
        if (ALL.equals(entry) || className.equals(entry))
        {
            return true;
        }
        if (entry.endsWith("."))
        {
            return className.startsWith(entry);
        }

        return className.length() > entry.length() && className.startsWith(entry) &&
            ('.' == className.charAt(entry.length()) || '$' == className.charAt(entry.length()));
    }

    private static List<String> normalise(final List<String> entries)
    {
        final List<String> result = new ArrayList<>(entries.size());
        for (final String entry : entries)
        {
            final String trimmed = null == entry ? "" : entry.trim();
            if (!trimmed.isEmpty())
            {
                result.add(trimmed);
            }
        }

        return List.copyOf(result);
    }
}
