package io.aeolus.jms.admin;

import io.aeolus.management.Argument;
import io.aeolus.management.BridgeInfo;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import jakarta.jms.JMSException;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The broker's JMS bridges through an {@link AdminClient}: list them with their metrics, create, delete, pause and
 * resume one. Bridges made here run until deleted or until the broker stops (they are not journaled; the config
 * file's start with the broker). Needs the right to use the management queue (the {@code admin} role). A bad request
 * is refused with a {@link JMSException} naming the problem (the option's key for a bad option).
 */
public final class AdminBridges
{
    private final AdminClient client;

    /**
     * @param client the client to call through.
     */
    public AdminBridges(final AdminClient client)
    {
        this.client = client;
    }

    /**
     * @return the bridges with their metrics, in name order.
     * @throws JMSException if the call fails, the broker runs no bridges, or the user may not.
     */
    public List<BridgeInfo> list() throws JMSException
    {
        return Reply.rows(client.call(Request.of(Operation.BRIDGES)), BridgeInfo::read);
    }

    /**
     * Creates and starts a bridge.
     *
     * @param name    the bridge's name (letters, digits, '-', '_').
     * @param options its options without the {@code aeolus.bridge.<name>.} prefix, e.g.
     *                {@code source.destination=queue:orders}.
     * @throws JMSException naming the problem if the bridge is refused, or if the call fails.
     */
    public void create(final String name, final Map<String, String> options) throws JMSException
    {
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, String> option : new TreeMap<>(options).entrySet())
        {
            text.append(escape(option.getKey(), true)).append('=').append(escape(option.getValue(), false))
                .append('\n');
        }
        client.call(Request.of(Operation.CREATE_BRIDGE, Argument.NAME, name, Argument.OPTIONS, text.toString()));
    }

    /**
     * Stops and removes a bridge; its unforwarded messages stay at its source.
     *
     * @param name the bridge.
     * @throws JMSException if there is no such bridge, or the call fails.
     */
    public void delete(final String name) throws JMSException
    {
        client.call(Request.of(Operation.DELETE_BRIDGE, Argument.NAME, name));
    }

    /**
     * Pauses a bridge: it disconnects from both sides until resumed.
     *
     * @param name the bridge.
     * @throws JMSException if there is no such bridge, or the call fails.
     */
    public void pause(final String name) throws JMSException
    {
        client.call(Request.of(Operation.PAUSE_BRIDGE, Argument.NAME, name));
    }

    /**
     * Resumes a paused bridge.
     *
     * @param name the bridge.
     * @throws JMSException if there is no such bridge, or the call fails.
     */
    public void resume(final String name) throws JMSException
    {
        client.call(Request.of(Operation.RESUME_BRIDGE, Argument.NAME, name));
    }

    private static String escape(final String text, final boolean key)
    {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
                case ' ' -> out.append(key || 0 == i ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
