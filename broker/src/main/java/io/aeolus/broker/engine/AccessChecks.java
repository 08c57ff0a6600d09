package io.aeolus.broker.engine;

import io.aeolus.broker.security.Authorizer;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.broker.security.Limits;
import io.aeolus.broker.security.Permission;

/**
 * The engine's questions to security, answered on the conductor thread: may this connection do this to that
 * destination, and is a limit reached. A refusal is answered to the client here (and audited by the authorizer),
 * so each call site is one line. Temporary destinations are not subject to permissions: only their owner consumes.
 */
final class AccessChecks
{
    private final Authorizer authorizer;
    private final Limits limits;

    AccessChecks(final BrokerSecurity security)
    {
        this.authorizer = security.authorizer();
        this.limits = security.limits();
    }

    /**
     * @return true, having answered {@code Error{SECURITY}}, if the connection may not do this.
     */
    boolean denied(
        final EngineConnection connection, final long correlationId, final Permission permission, final String name)
    {
        if (authorizer.isAllowed(connection.principal, permission, name))
        {
            return false;
        }
        connection.sendError(correlationId, EngineError.SECURITY, authorizer.onDenied(connection.principal, permission,
            name));
        return true;
    }

    /**
     * @return null if the connection may do this, else the refusal's message (audited), for a caller that answers
     * the refusal its own way (management).
     */
    String denial(final EngineConnection connection, final Permission permission, final String name)
    {
        return authorizer.isAllowed(connection.principal, permission, name) ? null :
            authorizer.onDenied(connection.principal, permission, name);
    }

    /**
     * @return true, having answered {@code Error{RESOURCE_ALLOCATION}}, if the check found a limit reached.
     */
    static boolean overLimit(final EngineConnection connection, final long correlationId, final String problem)
    {
        if (null == problem)
        {
            return false;
        }
        connection.sendError(correlationId, EngineError.RESOURCE_ALLOCATION, problem);
        return true;
    }

    Limits limits()
    {
        return limits;
    }

    Authorizer authorizer()
    {
        return authorizer;
    }
}
