package io.aeolus.broker.security;

import org.agrona.collections.Object2ObjectHashMap;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled rights of one set of roles, shared by every principal with those roles, with a cache of decisions
 * per permission and destination. Conductor thread only; a cache hit does not allocate.
 */
final class AccessProfile
{
    /** Decisions kept per permission before the cache is cleared: bounds memory against endless new names. */
    static final int CACHE_CAPACITY = 4096;

    private final boolean unrestricted;
    private final boolean gateway;
    private final DestinationPattern[][] grants;
    private final DestinationPattern[][] denials;
    private final List<Object2ObjectHashMap<String, Boolean>> cache = new ArrayList<>();
    private final AccessPolicy policy;
    private final Iterable<String> roles;
    private AccessProfile gatewayVariant;

    AccessProfile(final AccessPolicy policy, final Iterable<String> roles, final boolean unrestricted)
    {
        this(policy, roles, unrestricted, false);
    }

    /**
     * @param gateway true for a protocol gateway's connections: everything on its reserved queues
     *                ({@link AccessPolicy#MQTT_PREFIX}) besides what the roles grant.
     */
    AccessProfile(final AccessPolicy policy, final Iterable<String> roles, final boolean unrestricted,
        final boolean gateway)
    {
        this.unrestricted = unrestricted;
        this.gateway = gateway;
        this.policy = policy;
        this.roles = roles;
        final Map<Permission, List<DestinationPattern>> grantMap = new EnumMap<>(Permission.class);
        final Map<Permission, List<DestinationPattern>> denialMap = new EnumMap<>(Permission.class);
        policy.collect(roles, grantMap, denialMap);
        final int count = Permission.values().length;
        grants = new DestinationPattern[count][];
        denials = new DestinationPattern[count][];
        for (final Permission permission : Permission.values())
        {
            grants[permission.ordinal()] = grantMap.getOrDefault(permission, List.of())
                .toArray(new DestinationPattern[0]);
            denials[permission.ordinal()] = denialMap.getOrDefault(permission, List.of())
                .toArray(new DestinationPattern[0]);
            cache.add(new Object2ObjectHashMap<>());
        }
    }

    boolean isAllowed(final Permission permission, final String destination)
    {
        final Object2ObjectHashMap<String, Boolean> decisions = cache.get(permission.ordinal());
        final Boolean cached = decisions.get(destination);
        if (null != cached)
        {
            return cached;
        }
        final boolean allowed = decide(permission, destination);
        if (decisions.size() >= CACHE_CAPACITY)
        {
            decisions.clear();
        }
        decisions.put(destination, allowed ? Boolean.TRUE : Boolean.FALSE);
        return allowed;
    }

    /**
     * @return the same rights plus the gateway's reserved queues; made once, then shared.
     */
    AccessProfile withGateway()
    {
        if (gateway)
        {
            return this;
        }
        if (null == gatewayVariant)
        {
            gatewayVariant = new AccessProfile(policy, roles, unrestricted, true);
        }
        return gatewayVariant;
    }

    int cachedDecisions(final Permission permission)
    {
        return cache.get(permission.ordinal()).size();
    }

    /**
     * The permission a user needs for an operation on a destination: the operation's own, except on the broker's
     * own destinations, where what anyone may do at all needs {@code manage}.
     *
     * @param permission  the operation.
     * @param destination the destination's name.
     * @return the permission checked, or null when the operation is the broker's alone (nobody is allowed it).
     */
    static Permission required(final Permission permission, final String destination)
    {
        if (AccessPolicy.METRICS_TOPIC.equals(destination))
        {
            // The broker alone publishes metrics; reading them is management.
            final boolean brokersOwn = permission == Permission.SEND ||
                permission == Permission.CREATE_DESTINATION || permission == Permission.DELETE_DESTINATION;
            return brokersOwn ? null : Permission.MANAGE;
        }
        if (AccessPolicy.TRASH_QUEUE.equals(destination))
        {
            // The broker alone puts messages in the trash; reading them (consume, browse, restore) is management.
            final boolean reading = permission == Permission.CONSUME || permission == Permission.BROWSE ||
                permission == Permission.MANAGE;
            return reading ? Permission.MANAGE : null;
        }
        if (destination.startsWith(AccessPolicy.MQTT_PREFIX))
        {
            // The MQTT gateway's state (retained messages, QoS 2 packet ids): administrators may look at it, only
            // the gateway changes it.
            return permission == Permission.BROWSE || permission == Permission.MANAGE ? Permission.MANAGE : null;
        }
        if (AccessPolicy.MANAGEMENT_QUEUE.equals(destination))
        {
            // The broker alone takes requests off its management queue; sending one is management.
            return permission == Permission.SEND ? Permission.MANAGE : null;
        }
        return permission;
    }

    private boolean decide(final Permission permission, final String destination)
    {
        if (gateway && destination.startsWith(AccessPolicy.MQTT_PREFIX))
        {
            return true;
        }
        final Permission required = required(permission, destination);
        if (null == required)
        {
            return false;
        }
        if (unrestricted)
        {
            return true;
        }
        for (final DestinationPattern pattern : denials[required.ordinal()])
        {
            if (pattern.matches(destination))
            {
                return false;
            }
        }
        for (final DestinationPattern pattern : grants[required.ordinal()])
        {
            if (pattern.matches(destination))
            {
                return true;
            }
        }
        return false;
    }
}
