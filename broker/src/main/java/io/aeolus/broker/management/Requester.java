package io.aeolus.broker.management;

import io.aeolus.broker.security.Permission;

/**
 * Who asks for a management operation, as the operation's permission checks see it. A request over the management
 * queue comes from a connection whose principal must hold, besides {@code manage} on the management queue, the
 * permission each operation needs on the destinations it touches; JMX callers are {@link #TRUSTED} (JMX has its own
 * access control).
 */
@FunctionalInterface
public interface Requester
{
    /**
     * A requester allowed everything: JMX and the broker itself.
     */
    Requester TRUSTED = (permission, destination) -> null;

    /**
     * Asks whether the requester may do this; a refusal is audited by the implementation.
     *
     * @param permission  what the operation needs.
     * @param destination the destination it touches.
     * @return null if allowed, else the refusal's message, naming the operation and the destination.
     */
    String denial(Permission permission, String destination);

    /**
     * @return the requester's user name, empty if anonymous.
     */
    default String user()
    {
        return "";
    }

    /**
     * @return where the request came from: a client's address, or {@code jmx}.
     */
    default String source()
    {
        return "";
    }

    /**
     * @param user   the user name.
     * @param source where the request came from.
     * @param checks the permission checks, as {@link #denial(Permission, String)}.
     * @return a requester that says who it is.
     */
    static Requester of(final String user, final String source, final Requester checks)
    {
        return new Requester()
        {
            public String denial(final Permission permission, final String destination)
            {
                return checks.denial(permission, destination);
            }

            public String user()
            {
                return null == user ? "" : user;
            }

            public String source()
            {
                return null == source ? "" : source;
            }
        };
    }

    /**
     * @param permission  what the operation needs.
     * @param destination the destination it touches.
     * @throws ManagementException with {@link ManagementException#ACCESS_DENIED} if the requester may not.
     */
    default void require(final Permission permission, final String destination)
    {
        final String denial = denial(permission, destination);
        if (null != denial)
        {
            throw new ManagementException(ManagementException.ACCESS_DENIED, denial);
        }
    }
}
