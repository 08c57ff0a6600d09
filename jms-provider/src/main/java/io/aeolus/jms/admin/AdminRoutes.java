package io.aeolus.jms.admin;

import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.RouteInfo;
import jakarta.jms.JMSException;

import java.util.List;

/**
 * The broker's routing rules through an {@link AdminClient}: list them (composite destinations and the rules of the
 * config file included), create or change one, delete one. Rules made here are journaled, so they survive a
 * restart; the config file's cannot be changed here. Needs the right to use the management queue (the
 * {@code admin} role). A bad rule (malformed source or target, unknown mode, invalid selector, a wildcard in a
 * target, a loop) is refused with a {@link jakarta.jms.JMSException} naming the problem.
 */
public final class AdminRoutes
{
    private final AdminClient client;

    /**
     * @param client the client to call through.
     */
    public AdminRoutes(final AdminClient client)
    {
        this.client = client;
    }

    /**
     * @return the rules, in name order.
     * @throws JMSException if the call fails or the user may not.
     */
    public List<RouteInfo> list() throws JMSException
    {
        return Reply.rows(client.call(Request.of(Operation.ROUTES)), RouteInfo::read);
    }

    /**
     * Creates a rule, or changes the one of that name.
     *
     * @param name     the rule's name (no spaces or commas).
     * @param source   {@code queue:<name>} or {@code topic:<name>}; the name may be a wildcard pattern.
     * @param selector a JMS selector on the messages the rule takes; null or empty for all.
     * @param targets  comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode     {@code copy} (also to the source; the default when null) or {@code exclusive} (only to the
     *                 targets).
     * @throws JMSException naming the problem if the rule is refused, or if the call fails.
     */
    public void create(final String name, final String source, final String selector, final String targets,
        final String mode) throws JMSException
    {
        client.call(Request.of(Operation.CREATE_ROUTE, Argument.NAME, name, Argument.SOURCE, source,
            Argument.SELECTOR, null == selector ? "" : selector, Argument.TARGETS, targets, Argument.MODE,
            null == mode ? "" : mode));
    }

    /**
     * Deletes a rule made at run time.
     *
     * @param name the rule's name.
     * @throws JMSException if there is no such rule, it is declared in the config file, or the call fails.
     */
    public void delete(final String name) throws JMSException
    {
        client.call(Request.of(Operation.DELETE_ROUTE, Argument.NAME, name));
    }
}
