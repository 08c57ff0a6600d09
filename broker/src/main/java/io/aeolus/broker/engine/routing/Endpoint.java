package io.aeolus.broker.engine.routing;

/**
 * A queue or topic a routing rule reads from or writes to, written {@code queue:<name>} or {@code topic:<name>}.
 * Thread-safe: immutable.
 *
 * @param topic true for a topic, false for a queue.
 * @param name  the destination's name (a source's may be a wildcard pattern).
 */
public record Endpoint(boolean topic, String name)
{
    /** Longest destination name. */
    public static final int MAX_NAME_LENGTH = 255;
    private static final String QUEUE_PREFIX = "queue:";
    private static final String TOPIC_PREFIX = "topic:";

    /**
     * Parses {@code queue:<name>} or {@code topic:<name>}.
     *
     * @param rule the rule's name, for the error message.
     * @param role what the text is ("source", "target"), for the error message.
     * @param text the text.
     * @return the endpoint.
     * @throws IllegalArgumentException naming the rule and the text if it is malformed.
     */
    public static Endpoint parse(final String rule, final String role, final String text)
    {
        if (null == text || text.isBlank())
        {
            throw new IllegalArgumentException("routing rule '" + rule + "': the " + role + " is missing " +
                "(expected queue:<name> or topic:<name>)");
        }
        final String value = text.trim();
        final boolean topic = value.startsWith(TOPIC_PREFIX);
        if (!topic && !value.startsWith(QUEUE_PREFIX))
        {
            throw new IllegalArgumentException("routing rule '" + rule + "': " + role + " '" + value +
                "' must start with queue: or topic:");
        }
        final String name = value.substring(topic ? TOPIC_PREFIX.length() : QUEUE_PREFIX.length()).trim();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("routing rule '" + rule + "': " + role + " '" + value +
                "' needs a destination name of 1 to " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++)
        {
            if (Character.isISOControl(name.charAt(i)))
            {
                throw new IllegalArgumentException("routing rule '" + rule + "': " + role +
                    " contains a control character");
            }
        }
        return new Endpoint(topic, name);
    }

    /**
     * @return {@code queue:<name>} or {@code topic:<name>}.
     */
    public String toString()
    {
        return (topic ? TOPIC_PREFIX : QUEUE_PREFIX) + name;
    }
}
