package io.aeolus.broker.security;

import io.aeolus.management.SystemDestinations;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The roles and what each may do, from the config file:
 * <pre>
 * aeolus.security.role.app.send=orders.#,prices.*        # grant: permission = comma-separated patterns
 * aeolus.security.role.app.consume=orders.#
 * aeolus.security.role.app.deny.send=orders.audit.#      # deny wins over any grant, from any role
 * aeolus.security.role.ops.all=#                         # all: every permission
 * </pre>
 * A principal may do something if one of its roles grants it on a pattern matching the destination and none of its
 * roles denies it; anything not granted is denied. The role {@value #ADMIN_ROLE} has every permission on every
 * destination unless the configuration defines that role itself. The management queue and the metrics topic are
 * the broker's own: consuming the metrics topic and sending to the management queue need {@code manage} on their
 * name, and nobody else may send to the metrics topic or take requests off the management queue.
 * Immutable and thread-safe.
 */
public final class AccessPolicy
{
    /** Prefix of the role keys in the config file. */
    public static final String KEY_PREFIX = "aeolus.security.role.";

    /** The built-in administrator role. */
    public static final String ADMIN_ROLE = "admin";

    /** The management queue: requests from administrators. */
    public static final String MANAGEMENT_QUEUE = SystemDestinations.MANAGEMENT_QUEUE;

    /** The metrics topic: snapshots published by the broker. */
    public static final String METRICS_TOPIC = SystemDestinations.METRICS_TOPIC;

    /** The trash: messages purged or deleted by an administrator, kept for a while so that they can be restored. */
    public static final String TRASH_QUEUE = SystemDestinations.TRASH_QUEUE;

    /** The MQTT gateway's queues (retained messages, QoS 2 state): the gateway's alone. */
    public static final String MQTT_PREFIX = SystemDestinations.MQTT_PREFIX;

    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String ALL = "all";
    private static final String DENY = "deny.";

    private final Map<String, Rules> roles;

    private AccessPolicy(final Map<String, Rules> roles)
    {
        this.roles = roles;
    }

    /**
     * @param settings role keys ({@value #KEY_PREFIX}...) and their values; other keys are ignored.
     * @return the policy.
     * @throws IllegalArgumentException naming the key if a role name, permission or pattern is invalid.
     */
    public static AccessPolicy parse(final Map<String, String> settings)
    {
        final Map<String, Rules> roles = new TreeMap<>();
        for (final Map.Entry<String, String> entry : new TreeMap<>(settings).entrySet())
        {
            final String key = entry.getKey();
            if (!key.startsWith(KEY_PREFIX))
            {
                continue;
            }
            final String rest = key.substring(KEY_PREFIX.length());
            final int dot = rest.indexOf('.');
            final String role = dot < 0 ? rest : rest.substring(0, dot);
            if (dot < 0 || !ROLE_NAME.matcher(role).matches())
            {
                throw new IllegalArgumentException(key + ": expected " + KEY_PREFIX +
                    "<role>.<permission> or " + KEY_PREFIX + "<role>.deny.<permission>, role made of letters, " +
                    "digits, '-' and '_'");
            }
            final String permissionPart = rest.substring(dot + 1);
            final boolean deny = permissionPart.startsWith(DENY);
            final String permissionName = deny ? permissionPart.substring(DENY.length()) : permissionPart;
            final List<DestinationPattern> patterns = patterns(key, entry.getValue());
            final Rules rules = roles.computeIfAbsent(role, ignore -> new Rules());
            if (ALL.equals(permissionName))
            {
                for (final Permission permission : Permission.values())
                {
                    rules.add(permission, deny, patterns);
                }
                continue;
            }
            final Permission permission = Permission.byConfigName(permissionName);
            if (null == permission)
            {
                throw new IllegalArgumentException(key + ": unknown permission '" + permissionName + "'; expected " +
                    "all, send, consume, browse, createDurable, deleteDurable, createDestination, " +
                    "deleteDestination or manage");
            }
            rules.add(permission, deny, patterns);
        }
        if (!roles.containsKey(ADMIN_ROLE))
        {
            final Rules admin = new Rules();
            for (final Permission permission : Permission.values())
            {
                admin.add(permission, false, List.of(DestinationPattern.parse("#")));
            }
            roles.put(ADMIN_ROLE, admin);
        }
        return new AccessPolicy(roles);
    }

    /**
     * @return the policy with no configured roles: only the built-in admin role.
     */
    public static AccessPolicy defaults()
    {
        return parse(Map.of());
    }

    /**
     * @param role a role name.
     * @return true if the policy defines the role.
     */
    public boolean hasRole(final String role)
    {
        return roles.containsKey(role);
    }

    /**
     * @param destination a destination name.
     * @return true for the broker's own destinations (management queue, metrics topic, trash, the MQTT gateway's
     *         queues).
     */
    public static boolean isReserved(final String destination)
    {
        return MANAGEMENT_QUEUE.equals(destination) || METRICS_TOPIC.equals(destination) ||
            TRASH_QUEUE.equals(destination) || destination.startsWith(MQTT_PREFIX);
    }

    /**
     * Collects the grants and denials of the given roles, unknown roles contributing nothing.
     */
    void collect(final Iterable<String> roleNames, final Map<Permission, List<DestinationPattern>> grants,
        final Map<Permission, List<DestinationPattern>> denials)
    {
        for (final String roleName : roleNames)
        {
            final Rules rules = roles.get(roleName);
            if (null != rules)
            {
                rules.grants.forEach((permission, list) ->
                    grants.computeIfAbsent(permission, ignore -> new ArrayList<>()).addAll(list));
                rules.denials.forEach((permission, list) ->
                    denials.computeIfAbsent(permission, ignore -> new ArrayList<>()).addAll(list));
            }
        }
    }

    private static List<DestinationPattern> patterns(final String key, final String value)
    {
        final List<DestinationPattern> patterns = new ArrayList<>();
        for (final String part : value.split(","))
        {
            if (!part.isBlank())
            {
                try
                {
                    patterns.add(DestinationPattern.parse(part));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException(key + ": " + ex.getMessage(), ex);
                }
            }
        }
        return patterns;
    }

    private static final class Rules
    {
        final Map<Permission, List<DestinationPattern>> grants = new EnumMap<>(Permission.class);
        final Map<Permission, List<DestinationPattern>> denials = new EnumMap<>(Permission.class);

        void add(final Permission permission, final boolean deny, final List<DestinationPattern> patterns)
        {
            (deny ? denials : grants).computeIfAbsent(permission, ignore -> new ArrayList<>()).addAll(patterns);
        }
    }
}
