package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One JMS bridge as the management operation {@link Operation#BRIDGES} lists it: what it connects and its metrics.
 *
 * @param name              the bridge's name.
 * @param state             CONNECTING, RUNNING, RECONNECTING, PAUSED or STOPPED.
 * @param source            the source endpoint (destination and connection factory; no password).
 * @param target            the target endpoint.
 * @param selector          the selector on the source, empty for none.
 * @param forwarded         messages sent to the target.
 * @param duplicatesDropped redeliveries recognised by their message id and not sent again.
 * @param failures          failed attempts, each followed by a reconnect.
 * @param reconnects        connections re-established after a failure.
 * @param lastError         the last failure, empty for none.
 */
public record BridgeInfo(String name, String state, String source, String target, String selector, long forwarded,
    long duplicatesDropped, long failures, long reconnects, String lastError)
{
    private static final String NAME = "name";
    private static final String STATE = "state";
    private static final String SOURCE = "source";
    private static final String TARGET = "target";
    private static final String SELECTOR = "selector";
    private static final String FORWARDED = "forwarded";
    private static final String DUPLICATES_DROPPED = "duplicatesDropped";
    private static final String FAILURES = "failures";
    private static final String RECONNECTS = "reconnects";
    private static final String LAST_ERROR = "lastError";

    /**
     * Checks the parts.
     */
    public BridgeInfo
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(lastError, "lastError");
    }

    /**
     * @param out    the reply.
     * @param prefix the row's prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + NAME, name);
        out.put(prefix + STATE, state);
        out.put(prefix + SOURCE, source);
        out.put(prefix + TARGET, target);
        out.put(prefix + SELECTOR, selector);
        out.put(prefix + FORWARDED, forwarded);
        out.put(prefix + DUPLICATES_DROPPED, duplicatesDropped);
        out.put(prefix + FAILURES, failures);
        out.put(prefix + RECONNECTS, reconnects);
        out.put(prefix + LAST_ERROR, lastError);
    }

    /**
     * @param in     the reply.
     * @param prefix the row's prefix.
     * @return the row.
     */
    public static BridgeInfo read(final Map<String, Object> in, final String prefix)
    {
        return new BridgeInfo(Reply.string(in, prefix + NAME), Reply.string(in, prefix + STATE),
            Reply.string(in, prefix + SOURCE), Reply.string(in, prefix + TARGET), Reply.string(in, prefix + SELECTOR),
            Reply.longValue(in, prefix + FORWARDED), Reply.longValue(in, prefix + DUPLICATES_DROPPED),
            Reply.longValue(in, prefix + FAILURES), Reply.longValue(in, prefix + RECONNECTS),
            Reply.string(in, prefix + LAST_ERROR));
    }
}
