package io.aeolus.broker.security;

import java.util.Set;

/**
 * An authenticated client: its user name, roles and where it connected from. Made by the {@link Authorizer} (which
 * attaches the rights of its role set) when a login succeeds; one per connection. Immutable; the rights it points
 * to are conductor-thread only.
 */
public final class Principal
{
    private final String name;
    private final Set<String> roles;
    private final boolean anonymous;
    private final String source;
    final AccessProfile profile;

    Principal(
        final String name,
        final Set<String> roles,
        final boolean anonymous,
        final String source,
        final AccessProfile profile)
    {
        this.name = name;
        this.roles = Set.copyOf(roles);
        this.anonymous = anonymous;
        this.source = source;
        this.profile = profile;
    }

    /**
     * @return the user name; empty for an anonymous principal.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the user name, or {@code anonymous}: for messages and the audit log.
     */
    public String displayName()
    {
        return anonymous ? "anonymous" : name;
    }

    /**
     * @return the roles granted at login.
     */
    public Set<String> roles()
    {
        return roles;
    }

    /**
     * @return true for a development-mode anonymous client.
     */
    public boolean isAnonymous()
    {
        return anonymous;
    }

    /**
     * @return where the client connected from: {@code aeron:ipc} or the UDP source address and port.
     */
    public String source()
    {
        return source;
    }

    /**
     * @return a description for logs.
     */
    public String toString()
    {
        return "Principal{" + displayName() + " roles=" + roles + " from " + source + "}";
    }
}
