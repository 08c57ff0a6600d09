package io.aeolus.console.backend;

import java.util.Map;

/**
 * A message seen through a browser, without consuming it; immutable.
 *
 * @param messageId     JMSMessageID.
 * @param timestampMs   JMSTimestamp in epoch milliseconds.
 * @param headers       JMS headers by name, as text.
 * @param properties    application properties by name, as text.
 * @param bodyText      body as text (for bytes or object bodies a hex rendering), possibly cut short by the broker.
 * @param bodyLength    full body length in characters (or bytes for non-text bodies), at least
 *                      {@code bodyText.length()}.
 */
public record BrowsedMessage(
    String messageId,
    long timestampMs,
    Map<String, String> headers,
    Map<String, String> properties,
    String bodyText,
    long bodyLength)
{
    /**
     * Copies the maps so the record stays immutable.
     */
    public BrowsedMessage
    {
        headers = Map.copyOf(headers);
        properties = Map.copyOf(properties);
    }
}
