package io.aeolus.console.backend;

import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.MessageDetail;

import java.util.HexFormat;
import java.util.Map;

/**
 * A MapMessage's body shown with the type of every entry, one entry a line ({@code qty (int) = 2}), so that an int
 * and the string "2" no longer look alike; browse renders a map only as {@code {qty=2}}. Stateless.
 */
final class MapBodies
{
    /** Bytes of a byte[] entry shown in hex before it is cut. */
    static final int MAX_SHOWN_BYTES = 64;

    private MapBodies()
    {
    }

    /**
     * Reads a map message whole and returns it with its body described entry by entry; a body over the limit is
     * left as browsed.
     *
     * @param client   the management client.
     * @param queue    the queue that holds the message.
     * @param message  the browsed map message.
     * @param maxBytes the most body bytes read.
     * @return the message with a typed body text, or the message itself.
     * @throws Exception when the call fails (the message gone, no permission).
     */
    static BrowsedMessage typed(final AdminClient client, final String queue, final BrowsedMessage message,
        final int maxBytes) throws Exception
    {
        final MessageDetail detail = client.getMessage(queue, message.messageId(), 0, maxBytes);
        if (detail.body().length < detail.bodySize())
        {
            return message;
        }
        final String text = describe(AdminClient.mapBody(detail));
        return new BrowsedMessage(message.messageId(), message.timestampMs(), message.headers(),
            message.properties(), BodyType.MAP, text, null, detail.bodySize(), false);
    }

    /**
     * One line per entry, in the body's order: name, type in brackets, value.
     *
     * @param entries the map body.
     * @return the text.
     */
    static String describe(final Map<String, Object> entries)
    {
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, Object> entry : entries.entrySet())
        {
            final Object value = entry.getValue();
            text.append(entry.getKey()).append(" (").append(typeName(value)).append(") = ").append(shown(value))
                .append('\n');
        }
        return text.toString();
    }

    private static String shown(final Object value)
    {
        if (value instanceof byte[])
        {
            final byte[] bytes = (byte[])value;
            final String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, MAX_SHOWN_BYTES));
            return bytes.length > MAX_SHOWN_BYTES ? hex + "\u2026 (" + bytes.length + " bytes)" : hex;
        }
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String typeName(final Object value)
    {
        if (null == value)
        {
            return "null";
        }
        if (value instanceof byte[])
        {
            return "bytes";
        }
        return switch (value.getClass().getSimpleName())
        {
            case "Integer" -> "int";
            case "Character" -> "char";
            case "String" -> "string";
            default -> value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
