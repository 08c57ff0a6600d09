package io.aeolus.jms.admin;

import io.aeolus.management.Argument;
import io.aeolus.management.LastValueInfo;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.RouteInfo;
import jakarta.jms.JMSException;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The broker's routing rules through an {@link AdminClient}: list them (composite destinations and the rules of the
 * config file included), create or change one, delete one. Rules made here are journaled, so they survive a
 * restart; the config file's cannot be changed here. Needs the right to use the management queue (the
 * {@code admin} role). A bad rule (malformed source or target, unknown mode, invalid selector, a wildcard in a
 * target, a loop, an unknown transformer, an invalid schema) is refused with a {@link jakarta.jms.JMSException}
 * naming the problem.
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
     * Creates a rule that transforms and/or validates the messages it takes, or changes the one of that name. The
     * transformer and schema are checked when the rule is made: an unknown transformer, a bad parameter or an invalid
     * schema is refused, naming it.
     *
     * @param name        the rule's name (no spaces or commas).
     * @param source      {@code queue:<name>} or {@code topic:<name>}; the name may be a wildcard pattern.
     * @param selector    a JMS selector on the messages the rule takes; null or empty for all.
     * @param targets     comma-separated {@code queue:<name>} or {@code topic:<name>}.
     * @param mode        {@code copy} (the default when null) or {@code exclusive}.
     * @param transformer a transformer's name ({@code xml-to-json}, {@code json-to-xml}, {@code properties}, or a
     *                    plugin's); null or empty for none.
     * @param parameters  its parameters by name (e.g. {@code root=keep}); null or empty for none.
     * @param schema      a JSON Schema the messages must match after the transformer, as text (the broker reads no
     *                    file for a rule made at run time); null or empty for none.
     * @param invalid     {@code refuse} (the default when null: the send fails) or {@code dead-letter}.
     * @throws JMSException naming the problem if the rule is refused, or if the call fails.
     */
    public void create(final String name, final String source, final String selector, final String targets,
        final String mode, final String transformer, final Map<String, String> parameters, final String schema,
        final String invalid) throws JMSException
    {
        final StringBuilder lines = new StringBuilder();
        if (null != parameters)
        {
            for (final Map.Entry<String, String> parameter : new TreeMap<>(parameters).entrySet())
            {
                if (parameter.getKey().contains("=") || parameter.getKey().contains("\n") ||
                    parameter.getValue().contains("\n") || parameter.getValue().contains("\r"))
                {
                    throw new IllegalArgumentException("transformer parameter '" + parameter.getKey() + "': a name " +
                        "without '=' and a value on one line");
                }
                lines.append(lines.length() == 0 ? "" : "\n").append(parameter.getKey()).append('=')
                    .append(parameter.getValue());
            }
        }
        client.call(Request.of(Operation.CREATE_ROUTE, Argument.NAME, name, Argument.SOURCE, source,
            Argument.SELECTOR, emptyIfNull(selector), Argument.TARGETS, targets, Argument.MODE, emptyIfNull(mode),
            Argument.TRANSFORMER, emptyIfNull(transformer), Argument.PARAMETERS, lines.toString(), Argument.SCHEMA,
            emptyIfNull(schema), Argument.INVALID, emptyIfNull(invalid)));
    }

    /**
     * @return the last-value queues (and topic subscriptions with a last-value key), in name order, each with its key
     *         property and the key values waiting.
     * @throws JMSException if the call fails or the user may not.
     */
    public List<LastValueInfo> lastValueQueues() throws JMSException
    {
        return Reply.rows(client.call(Request.of(Operation.LAST_VALUES)), LastValueInfo::read);
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

    private static String emptyIfNull(final String text)
    {
        return null == text ? "" : text;
    }
}
