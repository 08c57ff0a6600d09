package io.aeolus.cluster;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.engine.EngineManagement;
import io.aeolus.broker.engine.ManagementPort;
import io.aeolus.broker.management.ManagementException;
import io.aeolus.broker.management.ManagementFrames;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.broker.management.Requester;
import io.aeolus.management.GroupStatus;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.transport.message.PropertiesCodec;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Management over JMS in a broker group. A request is a client's send to {@code aeolus.management}, so it reaches
 * every member through the log at the same point: each member runs the single broker's {@link ManagementService} on
 * its own engine and routes the reply into the requester's reply queue, and only the leader's egress carries it to
 * the client (a new leader sends it again if the old one could not). Reads answer from the replicated state, changes
 * apply identically on every member.
 * <p>
 * A few operations differ here. {@code search} runs at once rather than in slices over later duty cycles (a slice
 * running when a snapshot is taken would not be in it). {@code group} answers from the answering member's view of
 * the group (numbers and flags only, so every member's reply has the same size). {@code history} answers from the
 * answering member's own metrics history, sampled from its replica (the leader's reply is the one its client gets),
 * padded to a size that depends on the request only ({@link HistoryReplies}), so that every member holds a reply of
 * the same size. The operations whose state is per process and not replicated are refused, naming the operation and
 * why ({@link #refusal}). Service thread only.
 */
final class ClusterManagement implements ManagementPort
{
    private static final Map<Operation, String> REFUSED = new EnumMap<>(Operation.class);

    static
    {
        final String users = "each member of a broker group reads its own users file, which is not replicated: " +
            "change the users file of every member alike (aeolus user ...)";
        final String bridges = "JMS bridges run in a single broker only: a bridge's connections are per process " +
            "and are not replicated in a broker group";
        REFUSED.put(Operation.USERS, users);
        REFUSED.put(Operation.ADD_USER, users);
        REFUSED.put(Operation.CHANGE_PASSWORD, users);
        REFUSED.put(Operation.SET_USER_ROLES, users);
        REFUSED.put(Operation.REMOVE_USER, users);
        REFUSED.put(Operation.BRIDGES, bridges);
        REFUSED.put(Operation.CREATE_BRIDGE, bridges);
        REFUSED.put(Operation.DELETE_BRIDGE, bridges);
        REFUSED.put(Operation.PAUSE_BRIDGE, bridges);
        REFUSED.put(Operation.RESUME_BRIDGE, bridges);
        REFUSED.put(Operation.START_JOB, "bulk jobs run in slices on a single broker's timer and are not replicated " +
            "in a broker group; use move, copy, deleteMessages or retryDeadLetters, which apply at once");
        REFUSED.put(Operation.CLOSE_CONNECTION, "a client of a broker group reconnects by itself when its session " +
            "closes, so closing it is not offered; stop the application instead");
    }

    private final ManagementService service;
    private final EngineManagement broker;
    private final Supplier<GroupStatus> group;
    private final BiFunction<Map<String, Object>, Requester, Map<String, Object>> history;
    private final IntSupplier requestingMember;
    private final ManagementFrames frames = new ManagementFrames();
    private final HistoryReplies historyReplies = new HistoryReplies();

    /**
     * @param service the single broker's management, on this member's engine.
     * @param broker  the engine as management sees it.
     * @param group   this member's view of the group, with its applied log position.
     * @param history answers the {@code history} operation from this member's own metrics history (it throws the
     *                {@link ManagementException} of a bad request); null to refuse it.
     * @param requestingMember the id of the member whose own session sent the log event being applied
     *                (a change asked of it through JMX, {@link MemberClient}), -1 if a client's.
     */
    ClusterManagement(final ManagementService service, final EngineManagement broker,
        final Supplier<GroupStatus> group,
        final BiFunction<Map<String, Object>, Requester, Map<String, Object>> history,
        final IntSupplier requestingMember)
    {
        this.service = service;
        this.broker = broker;
        this.group = group;
        this.history = history;
        this.requestingMember = requestingMember;
    }

    /**
     * @param op an operation.
     * @return why a broker group refuses it, null if it does not.
     */
    static String refusal(final Operation op)
    {
        return REFUSED.get(op);
    }

    /**
     * {@inheritDoc}
     */
    public void onRequest(final BrokerMessage request, final Requester client)
    {
        final Requester requester = asMember(request, client);
        final ManagementFrames.Request decoded = frames.decodeRequest(request);
        final Operation op = null == decoded.problem() ? Request.operation(decoded.arguments()) : null;
        if (Operation.GROUP != op && Operation.SEARCH != op && Operation.HISTORY != op && !REFUSED.containsKey(op))
        {
            service.onRequest(request, requester);
            return;
        }
        if (null == decoded.replyTo() || decoded.replyTo().isEmpty())
        {
            return;
        }
        final Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> body = Map.of();
        try
        {
            body = execute(op, decoded.arguments(), requester);
            properties.put(Reply.STATUS, Reply.OK);
        }
        catch (final ManagementException ex)
        {
            error(properties, ex.code(), String.valueOf(ex.getMessage()));
        }
        catch (final RuntimeException ex)
        {
            error(properties, ManagementException.INTERNAL, "internal error: " + ex);
        }
        if (Operation.HISTORY == op)
        {
            body = historyReplies.padded(decoded.arguments(), properties, body);
        }
        broker.route(frames.mapMessage(broker.nextMessageId(), decoded.replyTo(), decoded.replyToType(),
            decoded.correlationId(), decoded.correlationIsBytes(), properties, body, broker.nowMs()));
    }

    /**
     * A request from a member's own session is a change asked of that member through JMX: the audit log names the
     * JMX principal as the user and the member as the source ({@code jmx on member <id>}), as a single broker names
     * {@code jmx}. Only a member's session (its principal is written by the group's authenticator) is read so.
     */
    private Requester asMember(final BrokerMessage request, final Requester client)
    {
        final int memberId = requestingMember.getAsInt();
        if (memberId < 0)
        {
            return client;
        }
        String user = "";
        try
        {
            final Object named = PropertiesCodec.decode(request.encoded(), request.propertiesOffset(),
                request.propertiesLength()).get(MemberClient.JMX_USER_PROPERTY);
            user = null == named ? "" : String.valueOf(named);
        }
        catch (final IllegalArgumentException ex)
        {
            user = "";
        }
        return Requester.of(user, jmxSource(memberId), client);
    }

    /**
     * @param memberId a member's id.
     * @return the audit log's source of a change asked of that member through JMX.
     */
    static String jmxSource(final int memberId)
    {
        return "jmx on member " + memberId;
    }

    private Map<String, Object> execute(final Operation op, final Map<String, Object> arguments,
        final Requester requester)
    {
        final String refusal = REFUSED.get(op);
        if (null != refusal)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, op.wireName() + ": " + refusal);
        }
        if (Operation.HISTORY == op)
        {
            if (null == history)
            {
                throw new ManagementException(ManagementException.ILLEGAL_STATE, op.wireName() + ": this member " +
                    "keeps no metrics history");
            }
            return history.apply(arguments, requester);
        }
        if (Operation.GROUP == op)
        {
            final Map<String, Object> body = new LinkedHashMap<>();
            group.get().write(body);
            return body;
        }
        return service.execute(arguments, requester);
    }

    private static void error(final Map<String, Object> properties, final String code, final String message)
    {
        properties.put(Reply.STATUS, Reply.ERROR);
        properties.put(Reply.ERROR_CODE, code);
        properties.put(Reply.ERROR_MESSAGE, message);
    }
}
