package io.aeolus.broker.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a principal may perform an operation on a destination, following the {@link AccessPolicy}.
 * Decisions are cached per role set, permission and destination, so the check on a send or a subscription costs a
 * hash lookup and does not allocate once warm. Conductor thread only.
 * <pre>{@code
 * if (!authorizer.isAllowed(connection.principal, Permission.SEND, destination))
 * {
 *     connection.sendError(correlationId, ErrorCode.SECURITY,
 *         authorizer.onDenied(connection.principal, Permission.SEND, destination));
 *     return;
 * }
 * }</pre>
 */
public final class Authorizer
{
    private final AccessPolicy policy;
    private final AuditLog audit;
    private final Map<Set<String>, AccessProfile> profiles = new HashMap<>();
    private final AccessProfile unrestricted;

    /**
     * @param policy the roles and their permissions.
     * @param audit  where denials are recorded.
     */
    public Authorizer(final AccessPolicy policy, final AuditLog audit)
    {
        this.policy = policy;
        this.audit = audit;
        this.unrestricted = new AccessProfile(policy, Set.of(), true);
    }

    /**
     * Makes the principal of a successful login. Conductor thread; allocates (once per login).
     *
     * @param name   the user name.
     * @param roles  the user's roles.
     * @param source where the client connected from.
     * @return the principal, sharing the rights of every principal with the same roles.
     */
    public Principal principal(final String name, final Set<String> roles, final String source)
    {
        final Set<String> key = new TreeSet<>(roles);
        AccessProfile profile = profiles.get(key);
        if (null == profile)
        {
            profile = new AccessProfile(policy, key, false);
            profiles.put(Set.copyOf(key), profile);
        }
        return new Principal(name, key, false, source, profile);
    }

    /**
     * The principal of a development-mode anonymous client: every permission, as if security were off, except
     * what belongs to the broker alone (publishing metrics, taking management requests).
     *
     * @param source where the client connected from.
     * @return the principal.
     */
    public Principal anonymous(final String source)
    {
        return new Principal("", Set.of(), true, source, unrestricted);
    }

    /**
     * The principal of a protocol gateway's own engine connection (the MQTT gateway's retained messages and QoS 2
     * state): every permission on the gateway's reserved queues ({@link AccessPolicy#MQTT_PREFIX}), none elsewhere.
     * Conductor thread; allocates.
     *
     * @param name a name for the audit log and management views.
     * @return the principal.
     */
    public Principal gateway(final String name)
    {
        return new Principal(name, Set.of(), false, "broker", new AccessProfile(policy, Set.of(), false, true));
    }

    /**
     * A client principal for the engine connection a protocol gateway opens for it: its own rights, plus the
     * gateway's reserved queues, so that the gateway can journal its state (the MQTT QoS 2 packet ids) in the same
     * transaction as the client's message. The gateway never lets the client address those queues itself.
     * Conductor thread.
     *
     * @param principal a client's principal.
     * @return the principal with the gateway's queues added.
     */
    public Principal withGateway(final Principal principal)
    {
        return new Principal(principal.name(), principal.roles(), principal.isAnonymous(), principal.source(),
            principal.profile.withGateway());
    }

    /**
     * @param principal   who asks; null (not authenticated) is never allowed anything.
     * @param permission  the operation.
     * @param destination the destination's name (for durable subscriptions: the topic's).
     * @return true if allowed. Does not allocate once the decision is cached.
     */
    public boolean isAllowed(final Principal principal, final Permission permission, final String destination)
    {
        return null != principal && null != destination && principal.profile.isAllowed(permission, destination);
    }

    /**
     * @param principal   who was refused.
     * @param permission  the operation.
     * @param destination the destination's name.
     * @return the message for the client's {@code JMSSecurityException}, naming the operation and the destination.
     */
    public static String denialMessage(
        final Principal principal, final Permission permission, final String destination)
    {
        // Name the permission really checked: sending to the management queue needs manage, not send.
        final Permission required = AccessProfile.required(permission, destination);
        return "user '" + (null == principal ? "unauthenticated" : principal.displayName()) + "' is not allowed to " +
            permission.verb() + " '" + destination + "' (" + (null == required ? "reserved to the broker" :
            "needs permission " + required.configName()) + ")";
    }

    /**
     * Records a denial in the audit log and returns the message for the client. Conductor thread; allocates (a
     * denial is not the hot path).
     *
     * @param principal   who was refused.
     * @param permission  the operation.
     * @param destination the destination's name.
     * @return the message to send in {@code Error{SECURITY}}.
     */
    public String onDenied(final Principal principal, final Permission permission, final String destination)
    {
        final Permission required = AccessProfile.required(permission, destination);
        audit.denied(null == principal ? "unauthenticated" : principal.displayName(),
            null == principal ? "" : principal.source(), (null == required ? permission : required).configName(),
            destination);
        return denialMessage(principal, permission, destination);
    }

    /**
     * @return the policy decisions follow.
     */
    public AccessPolicy policy()
    {
        return policy;
    }
}
