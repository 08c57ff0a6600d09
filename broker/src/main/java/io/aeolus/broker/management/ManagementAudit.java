package io.aeolus.broker.management;

import io.aeolus.broker.security.AuditLog;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;

import java.util.Map;

/**
 * Writes every management operation that changes something ({@link Operation#changesState()}) to the audit log: who
 * (user and source address), the operation, its arguments, the outcome ({@code OK} or the error code and message) and
 * how many messages it affected. Listings, browsing and other reads are not audited. Message bodies are never
 * written, only their size; a list of ids only as its length. Conductor thread; allocates per audited operation.
 */
final class ManagementAudit
{
    static final int MAX_VALUE_CHARS = 200;

    private final ManagedBroker broker;

    ManagementAudit(final ManagedBroker broker)
    {
        this.broker = broker;
    }

    /**
     * @param arguments the request.
     * @param requester who asked.
     * @param reply     the result, ignored when the operation failed.
     * @param failure   why it failed, null if it succeeded.
     */
    void record(final Map<String, Object> arguments, final Requester requester, final Map<String, Object> reply,
        final ManagementException failure)
    {
        final Operation operation = Request.operation(arguments);
        final AuditLog audit = broker.audit();
        if (null == operation || !operation.changesState() || null == audit)
        {
            return;
        }
        audit.adminAction(requester.user(), requester.source(), operation.wireName(), arguments(arguments),
            null == failure ? Reply.OK : failure.code() + ": " + failure.getMessage(),
            null == failure ? count(operation, reply) : -1);
    }

    static String arguments(final Map<String, Object> arguments)
    {
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, Object> argument : arguments.entrySet())
        {
            final String name = argument.getKey();
            if (Argument.OP.equals(name))
            {
                continue;
            }
            text.append(text.length() == 0 ? "" : " ").append(name).append('=');
            final Object value = argument.getValue();
            if (Argument.PASSWORD.equals(name))
            {
                text.append("(hidden)");
                continue;
            }
            // A bridge's options may hold passwords: their length only.
            if (Argument.BODY.equals(name) || name.startsWith(Argument.MAP_PREFIX) || Argument.OPTIONS.equals(name))
            {
                text.append('(').append(value instanceof byte[] ? ((byte[])value).length + " bytes" :
                    String.valueOf(value).length() + " chars").append(')');
            }
            else if (Argument.IDS.equals(name))
            {
                text.append('(').append(String.valueOf(value).split("\n").length).append(" ids)");
            }
            else
            {
                final String shown = value instanceof byte[] ? ((byte[])value).length + " bytes" :
                    String.valueOf(value);
                text.append(shown.length() > MAX_VALUE_CHARS ? shown.substring(0, MAX_VALUE_CHARS) + "..." : shown);
            }
        }
        return text.toString();
    }

    static long count(final Operation operation, final Map<String, Object> reply)
    {
        switch (operation)
        {
            case PURGE:
            case MOVE:
            case COPY:
            case DELETE_MESSAGES:
            case RETRY_DEAD_LETTERS:
            case RESTORE_TRASH:
                return Reply.longValue(reply, Reply.COUNT);
            case DROP_SUBSCRIPTION:
                return Reply.longValue(reply, Reply.DROPPED);
            case START_JOB:
                return reply.containsKey(Reply.MATCHED) ? Reply.longValue(reply, Reply.MATCHED) :
                    Reply.longValue(reply, Reply.TOTAL);
            case SEND_MESSAGE:
                return 1;
            default:
                return -1;
        }
    }
}
