package io.aeolus.cluster;

import io.aeolus.broker.engine.EngineManagement;
import io.aeolus.broker.management.ManagementException;
import io.aeolus.broker.management.ManagementProxy;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.broker.management.Requester;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;

import java.util.Map;

/**
 * A broker group member's JMX management, outside the replicated state machine. The single broker's MBeans
 * ({@code io.aeolus:type=Broker,member=<id>}, one {@code type=Destination} per queue and {@code type=Topic} per
 * topic, with {@code ,member=<id>}) post their reads to this member's {@link #proxy()}; the service thread runs
 * them between two log events ({@link #doWork(long)}, from the service's background work, a few at a time and
 * searches in slices), on a {@link ManagementService} of its own over a read-only {@link MemberView} of the
 * member's engine: reads answer from this member's replica and change nothing, not even the engine's message ids.
 * <p>
 * Operations that change state go through the group's log, as over JMS: the {@link MemberClient} sends them, on the
 * JMX caller's thread, as management requests of the member's own cluster session, and returns the group's answer;
 * every member applies them identically. The operations a group refuses over JMS are refused here too, for the same
 * reasons ({@link ClusterManagement#refusal}), and so is the trash listing (kept by the replicated management: list
 * it over JMS). The metrics history is sampled here on every member from its own replica, once a second, and kept
 * in memory: a member's history covers what it applied since it started, so after a failover the new leader's
 * history goes on where the old one's stopped. It answers {@code history} over JMX and, through
 * {@link ClusterManagement}, over JMS. The metrics topic is not published from here but by the replicated
 * management, at ticks of the log ({@link AeolusClusteredService#isMetricsTick}).
 */
final class MemberManagement
{
    private final ManagementProxy proxy;
    private volatile ManagementService local;

    /**
     * @param changes sends the changes through the group's log; any thread.
     */
    MemberManagement(final MemberClient changes)
    {
        this.proxy = new ManagementProxy(MemberManagement::refusal, (arguments, user, timeoutMs) ->
            isChange(arguments) ? changes.execute(arguments, user, timeoutMs) : null);
    }

    /**
     * Why a member refuses an operation over JMX.
     *
     * @param arguments {@code op} and its arguments.
     * @return why it is refused, null if this member answers it or sends it through the group's log.
     */
    static String refusal(final Map<String, Object> arguments)
    {
        final Operation op = operation(arguments);
        if (null == op || Operation.HISTORY == op)
        {
            return null;
        }
        final String refused = ClusterManagement.refusal(op);
        if (null != refused)
        {
            return op.wireName() + ": " + refused;
        }
        if (Operation.TRASH == op)
        {
            return op.wireName() + ": a broker group keeps its trash in its replicated management, which JMX does " +
                "not read: list it over JMS (the CLI or the console with the group's URL)";
        }
        return null;
    }

    /**
     * @param arguments {@code op} and its arguments, not refused.
     * @return true if the operation changes state, so goes through the group's log.
     */
    static boolean isChange(final Map<String, Object> arguments)
    {
        final Operation op = operation(arguments);
        return null != op && op.changesState();
    }

    private static Operation operation(final Map<String, Object> arguments)
    {
        final Object name = arguments.get(Argument.OP);
        return name instanceof String ? Operation.ofWireName((String)name) : null;
    }

    /**
     * Starts answering, once the member's engine exists. Service thread.
     *
     * @param engine  the member's engine as management sees it.
     * @param startMs the time now, for the status' start time.
     */
    void start(final EngineManagement engine, final long startMs)
    {
        local = new ManagementService(new MemberView(engine), startMs);
    }

    /**
     * The {@code history} operation over JMS, answered from this member's own metrics history. Service thread.
     *
     * @param arguments the request.
     * @param requester who asks (the history of a destination needs {@code browse} on it).
     * @return the points.
     * @throws ManagementException naming the problem with the request.
     */
    Map<String, Object> history(final Map<String, Object> arguments, final Requester requester)
    {
        final ManagementService service = local;
        if (null == service)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, "history: this member has not started");
        }
        return service.execute(arguments, requester);
    }

    /**
     * @return where this member's MBeans post their operations; any thread.
     */
    ManagementProxy proxy()
    {
        return proxy;
    }

    /**
     * Runs the JMX operations posted, a slice of the searches running and, when due, a sample of the metrics
     * history. Service thread, between two log events.
     *
     * @param nowMs the time now, epoch ms.
     * @return the work done.
     */
    int doWork(final long nowMs)
    {
        final ManagementService service = local;
        if (null == service)
        {
            return 0;
        }
        // The history only: this service publishes no metrics (the replicated one does, at the log's ticks).
        return proxy.drain(service) + service.doWork() + service.history().onTimer(nowMs);
    }
}
