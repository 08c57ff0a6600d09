package io.aeolus.broker.mqtt;

import io.aeolus.broker.conductor.ProtocolGateway;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.engine.BranchId;
import io.aeolus.broker.engine.ConsumerRequest;
import io.aeolus.broker.engine.EngineError;
import io.aeolus.broker.engine.MessagingEngine;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.broker.security.Permission;
import io.aeolus.broker.security.Principal;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The MQTT gateway's conductor side, a second adapter on the engine's inputs: it drains the commands Netty's event
 * loop read ({@link #offer}, bounded) into the engine, and turns what the engine says to MQTT connections back into
 * packets written to their channels (Netty's {@code writeAndFlush} may be called from any thread). A persistent
 * session's subscriptions are durable subscriptions of the engine (shared, no client id, named
 * {@code mqtt:<client id>:<filter>|q<qos>[p]}), so they survive a restart; a PUBLISH with QoS 1 or 2 is a
 * persistent message, acknowledged only once the engine confirms it (durable in the journal). Retained messages
 * ({@link MqttRetained}) and the QoS 2 state of persistent sessions ({@link MqttExactlyOnce}) are persistent messages
 * in the gateway's own queues, held by its own engine connection. Conductor thread, except {@link #offer}.
 */
public final class MqttGateway implements ProtocolGateway
{
    static final String SUBSCRIPTION_PREFIX = "mqtt:";
    private static final int COMMAND_LIMIT = 256;
    private static final long SESSION_ID = 1;
    private static final long PRODUCER_ID = 1;

    private final ManyToOneConcurrentArrayQueue<MqttCommand> commands;
    private final MqttSettings settings;
    private final BrokerSecurity security;
    private final MqttTopics topics;
    private final MqttMessages messages;
    private final MqttSessionStore store = new MqttSessionStore();
    private final Long2ObjectHashMap<MqttSession> sessions = new Long2ObjectHashMap<>();
    private final Map<String, MqttSession> sessionsByClientId = new HashMap<>();
    private final Long2ObjectHashMap<PendingPublish> pendingPublishes = new Long2ObjectHashMap<>();
    private final List<long[]> deferredAcks = new ArrayList<>();
    private final MqttFlusher flusher = new MqttFlusher();
    private final ExpandableArrayBuffer sendBuffer = new ExpandableArrayBuffer(4096);
    private final MqttRetained retained;
    private final MqttExactlyOnce exactlyOnce;
    private final Long2ObjectHashMap<Runnable> whenOk = new Long2ObjectHashMap<>();
    private Principal gatewayPrincipal;
    private long nextCorrelationId = 1;
    private long nextMessageSequence = 1;
    private long nextTransientConnectionId;
    private long capturedCorrelationId;
    private EngineError capturedError;
    private String capturedMessage;
    private MessagingEngine engine;
    private long nowMs;
    private volatile Runnable conductorWaker = () -> { };

    /**
     * @param settings the gateway's settings.
     * @param security the broker's security: principals and the audit log.
     */
    public MqttGateway(final MqttSettings settings, final BrokerSecurity security)
    {
        this.settings = settings;
        this.security = security;
        this.commands = new ManyToOneConcurrentArrayQueue<>(settings.inboundQueueCapacity());
        this.topics = new MqttTopics(settings.wildcards());
        this.messages = new MqttMessages(topics);
        this.nextTransientConnectionId = CONNECTION_ID_BASE + (1L << 40);
        this.retained = new MqttRetained(this, CONNECTION_ID_BASE + (1L << 41), messages, sendBuffer);
        this.exactlyOnce = new MqttExactlyOnce(this, retained.connectionId(), messages, sendBuffer);
    }

    /**
     * Sends a new subscription the retained messages its filter matches.
     */
    void deliverRetained(final MqttSession session, final String filter, final int grantedQos)
    {
        retained.deliver(session, filter, grantedQos, nowMs, deferredAcks);
    }

    long nowMs()
    {
        return nowMs;
    }

    MqttTopics topics()
    {
        return topics;
    }

    MqttSettings settings()
    {
        return settings;
    }

    BrokerSecurity security()
    {
        return security;
    }

    /**
     * Hands a command to the conductor. Any thread (Netty's event loop); does not block.
     *
     * @param command the command.
     * @return false if the queue is full: the caller keeps the command and stops reading its client for a while.
     */
    boolean offer(final MqttCommand command)
    {
        if (commands.offer(command))
        {
            // The conductor may be parked (up to 1 ms between busy cycles, 20 ms once quiet): nothing else tells it
            // that an MQTT packet is waiting. While it works, spins or yields this is one volatile read.
            conductorWaker.run();
            return true;
        }
        return false;
    }

    /**
     * Sets what wakes the conductor when a command is queued for it ({@link #offer}); by default nothing (a test
     * that drives the gateway by hand). Call before the gateway serves clients.
     *
     * @param waker wakes the conductor's thread out of its idle strategy; any thread may run it.
     */
    public void conductorWaker(final Runnable waker)
    {
        this.conductorWaker = waker;
    }

    /**
     * Takes queued commands without running them: for tests of the event loop's back-pressure.
     *
     * @return how many were taken.
     */
    int drainCommands(final Consumer<MqttCommand> sink, final int limit)
    {
        return commands.drain(sink::accept, limit);
    }

    /**
     * {@inheritDoc}
     */
    public int doWork(final MessagingEngine engine, final long nowMs)
    {
        this.engine = engine;
        this.nowMs = nowMs;
        if (null == gatewayPrincipal)
        {
            gatewayPrincipal = security.authorizer().gateway("mqtt-gateway");
            retained.open(engine, gatewayPrincipal);
            exactlyOnce.open(engine);
        }
        int workCount = applyDeferredAcks();
        workCount += commands.drain(this::onCommand, COMMAND_LIMIT);
        workCount += store.onTimer(this, nowMs);
        return workCount;
    }

    /**
     * {@inheritDoc}
     */
    public int flush()
    {
        return flusher.flush();
    }

    private int applyDeferredAcks()
    {
        final int count = deferredAcks.size();
        for (int i = 0; i < count; i++)
        {
            final long[] ack = deferredAcks.get(i);
            acknowledge(ack[0], ack[1], ack[2]);
        }
        deferredAcks.clear();
        return count;
    }

    void acknowledge(final long connectionId, final long consumerId, final long deliveryId)
    {
        engine.onAck(connectionId, consumerId, deliveryId, false);
        engine.onAckComplete(connectionId, 0);
        engine.onConsumerCredit(connectionId, consumerId, 1);
    }

    private void onCommand(final MqttCommand command)
    {
        if (command instanceof MqttCommand.Connect connect)
        {
            onConnect(connect);
            return;
        }
        final MqttSession session = sessions.get(command.connectionId());
        if (null == session || session.closed)
        {
            return;
        }
        if (command instanceof MqttCommand.Publish publish)
        {
            onPublish(session, publish);
        }
        else if (command instanceof MqttCommand.Ack ack)
        {
            exactlyOnce.onAck(session, ack);
            retained.drainBacklog(session, nowMs);
        }
        else if (command instanceof MqttCommand.Subscribe subscribe)
        {
            new MqttSubscriber(this, engine, session).onSubscribe(subscribe);
        }
        else if (command instanceof MqttCommand.Unsubscribe unsubscribe)
        {
            new MqttSubscriber(this, engine, session).onUnsubscribe(unsubscribe);
        }
        else if (command instanceof MqttCommand.Closed closed)
        {
            onClosed(session, closed.publishWill(), closed.sessionExpiryS());
        }
    }

    private void onConnect(final MqttCommand.Connect connect)
    {
        final MqttSession previous = sessionsByClientId.get(connect.clientId());
        if (null != previous && !previous.closed)
        {
            // MQTT 3.1.4-3: a second connection with the same client id takes the session over.
            if (previous.isV5)
            {
                previous.channel.writeAndFlush(MqttPackets.disconnect(MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER));
            }
            previous.channel.close();
            onClosed(previous, true, -2);
        }
        store.onReconnect(this, connect.clientId(), connect.cleanStart());
        final Principal client = null == connect.roles() ?
            security.authorizer().anonymous(connect.source()) :
            security.authorizer().principal(connect.user(), connect.roles(), connect.source());
        // The gateway journals QoS 2 packet ids in the client's own transactions (MqttExactlyOnce).
        final Principal principal = security.authorizer().withGateway(client);
        security.audit().authenticationSucceeded(principal.displayName(), connect.source(),
            null == connect.roles() ? "MQTT anonymous" : "MQTT password");
        final MqttSession session = new MqttSession(connect, principal, flusher);
        sessions.put(session.connectionId, session);
        sessionsByClientId.put(session.clientId, session);
        engine.onConnected(session.connectionId, "", principal, connect.source());
        engine.onCreateSession(session.connectionId, nextCorrelationId(), SESSION_ID, AckMode.CLIENT);
        engine.onCreateProducer(session.connectionId, nextCorrelationId(), SESSION_ID, PRODUCER_ID,
            DestinationType.NONE, "");
        if (session.isPersistent())
        {
            MqttExactlyOnce.openClientTransactions(engine, this, session.connectionId);
        }
        final MqttSubscriber subscriber = new MqttSubscriber(this, engine, session);
        final boolean sessionPresent;
        if (connect.cleanStart())
        {
            subscriber.deleteDurableSubscriptions();
            store.forget(session.clientId);
            exactlyOnce.forget(session.clientId);
            sessionPresent = false;
        }
        else
        {
            sessionPresent = subscriber.resumeDurableSubscriptions();
        }
        session.channel.writeAndFlush(MqttPackets.connAck(session, connect.assignedId(), sessionPresent, settings));
        if (!connect.cleanStart())
        {
            exactlyOnce.resume(session);
        }
    }

    void forgetExactlyOnce(final String clientId)
    {
        exactlyOnce.forget(clientId);
    }

    private void onPublish(final MqttSession session, final MqttCommand.Publish publish)
    {
        final boolean exactlyOnceDurable = publish.qos() == 2 && session.isPersistent();
        if (publish.qos() == 2 && (session.releasePending.contains(publish.packetId()) ||
            exactlyOnceDurable && exactlyOnce.isReceived(session.clientId, publish.packetId())))
        {
            // A QoS 2 publish sent again before PUBREL (also across a broker restart): received once already,
            // acknowledge it again.
            session.releasePending.add(publish.packetId());
            session.channel.writeAndFlush(MqttPackets.pubRec(publish.packetId(), (byte)0, session.isV5));
            return;
        }
        final long correlationId = nextCorrelationId();
        pendingPublishes.put(correlationId, new PendingPublish(session, publish.packetId(), publish.qos(),
            publish.retain() ? publish : null));
        if (!exactlyOnceDurable)
        {
            send(session.connectionId, correlationId, publish);
            return;
        }
        final String topic = topics.toJms(publish.topic());
        if (!security.authorizer().isAllowed(session.principal, Permission.SEND, topic))
        {
            // Checked here: in the transaction a refusal would only say "rolled back".
            error(session.connectionId, correlationId, EngineError.SECURITY,
                security.authorizer().onDenied(session.principal, Permission.SEND, topic));
            return;
        }
        exactlyOnce.publish(session, publish, correlationId);
    }

    void whenOk(final long correlationId, final Runnable action)
    {
        whenOk.put(correlationId, action);
    }

    void send(final long connectionId, final long correlationId, final MqttCommand.Publish publish)
    {
        final String messageId = "ID:mqtt-" + connectionId + "-" + nextMessageSequence++;
        final int length = messages.encode(publish, messageId, connectionId, nowMs, sendBuffer);
        engine.onSend(connectionId, correlationId, SESSION_ID, PRODUCER_ID, sendBuffer, 0, length);
    }

    void onClosed(final MqttSession session, final boolean publishWill, final long disconnectExpiryS)
    {
        if (session.closed)
        {
            return;
        }
        session.closed = true;
        final long expiryS = disconnectExpiryS >= -1 ? disconnectExpiryS : session.sessionExpiryS;
        if (publishWill && null != session.will)
        {
            if (session.will.delayS() <= 0 || expiryS == 0)
            {
                sendWill(session.connectionId, session.principal, session.will.message());
            }
            else
            {
                store.scheduleWill(session, nowMs);
            }
        }
        if (0 == expiryS)
        {
            new MqttSubscriber(this, engine, session).closeAndDeleteDurable();
            exactlyOnce.forget(session.clientId);
        }
        engine.onConnectionClosed(session.connectionId);
        sessions.remove(session.connectionId);
        if (sessionsByClientId.get(session.clientId) == session)
        {
            sessionsByClientId.remove(session.clientId);
        }
        store.onClosed(session, expiryS, nowMs);
        session.channel.close();
    }

    /**
     * Publishes a will; a retained one also replaces its topic's retained message if its client may publish there
     * (nobody waits for a will's acknowledgement, so both go at once).
     */
    void sendWill(final long connectionId, final Principal principal, final MqttCommand.Publish will)
    {
        send(connectionId, nextCorrelationId(), will);
        if (will.retain() && security.authorizer().isAllowed(principal, Permission.SEND, topics.toJms(will.topic())))
        {
            retained.store(engine, will, nextCorrelationId(), nowMs);
        }
    }

    /**
     * Runs an operation on a short-lived engine connection of a session's principal: a delayed will, or deleting
     * an expired session's subscriptions.
     */
    long openTransient(final Principal principal)
    {
        final long connectionId = nextTransientConnectionId++;
        engine.onConnected(connectionId, "", principal, principal.source());
        engine.onCreateSession(connectionId, nextCorrelationId(), SESSION_ID, AckMode.CLIENT);
        engine.onCreateProducer(connectionId, nextCorrelationId(), SESSION_ID, PRODUCER_ID, DestinationType.NONE, "");
        return connectionId;
    }

    void closeTransient(final long connectionId)
    {
        engine.onConnectionClosed(connectionId);
    }

    MessagingEngine engine()
    {
        return engine;
    }

    long nextCorrelationId()
    {
        return nextCorrelationId++;
    }

    /**
     * Creates a consumer and returns the engine's answer, given synchronously.
     *
     * @return null if it was created, else the error's message.
     */
    EngineError createConsumer(final MqttSession session, final ConsumerRequest request)
    {
        capturedCorrelationId = request.correlationId();
        capturedError = null;
        engine.onCreateConsumer(session.connectionId, request);
        capturedCorrelationId = 0;
        return capturedError;
    }

    String capturedMessage()
    {
        return capturedMessage;
    }

    List<MessageQueue> durableSubscriptions(final String clientId)
    {
        return engine.durableSubscriptions("", true, SUBSCRIPTION_PREFIX + clientId + ":");
    }

    /**
     * {@inheritDoc}
     */
    public void ok(final long connectionId, final long correlationId, final long value)
    {
        final Runnable action = whenOk.remove(correlationId);
        if (null != action)
        {
            action.run();
            return;
        }
        final PendingPublish pending = pendingPublishes.remove(correlationId);
        if (null == pending || pending.session.closed && null == pending.retain)
        {
            return;
        }
        if (null != pending.retain)
        {
            // Routed (so the publisher may publish there): now it replaces the topic's retained message, and the
            // publisher's acknowledgement waits until that is durable too.
            final long retainCorrelationId = nextCorrelationId();
            pendingPublishes.put(retainCorrelationId, new PendingPublish(pending.session, pending.packetId,
                pending.qos, null));
            retained.store(engine, pending.retain, retainCorrelationId, nowMs);
            return;
        }
        if (pending.session.closed)
        {
            return;
        }
        if (pending.qos == 1)
        {
            pending.session.write(MqttPackets.pubAck(pending.packetId, (byte)0, pending.session.isV5));
        }
        else if (pending.qos == 2)
        {
            pending.session.releasePending.add(pending.packetId);
            pending.session.write(MqttPackets.pubRec(pending.packetId, (byte)0, pending.session.isV5));
        }
    }

    /**
     * {@inheritDoc}
     */
    public void error(final long connectionId, final long correlationId, final EngineError error,
        final String message)
    {
        if (correlationId == capturedCorrelationId && 0 != correlationId)
        {
            capturedError = error;
            capturedMessage = message;
            return;
        }
        if (null != whenOk.remove(correlationId))
        {
            // The gateway's own state could not be journaled (the journal failed): the packet is not answered, the
            // client sends it again when it reconnects.
            return;
        }
        final PendingPublish pending = pendingPublishes.remove(correlationId);
        if (null == pending || pending.session.closed)
        {
            return;
        }
        final MqttSession session = pending.session;
        if (!session.isV5)
        {
            // MQTT 3.1.1 has no negative acknowledgement: a refused publish closes the connection (4.9, 3.3.5).
            session.channel.close();
            return;
        }
        final byte reason = MqttPackets.publishReason(error);
        if (pending.qos == 1)
        {
            session.channel.writeAndFlush(MqttPackets.pubAck(pending.packetId, reason, true));
        }
        else if (pending.qos == 2)
        {
            session.channel.writeAndFlush(MqttPackets.pubRec(pending.packetId, reason, true));
        }
        else if (error == EngineError.SECURITY)
        {
            final MqttMessage disconnect = MqttPackets.disconnect(MqttReasonCodes.Disconnect.NOT_AUTHORIZED);
            session.channel.writeAndFlush(disconnect);
            session.channel.close();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void deliver(final long connectionId, final long consumerId, final long deliveryId,
        final int deliveryCount, final BrokerMessage message)
    {
        if (connectionId == retained.connectionId())
        {
            if (exactlyOnce.isOwnConsumer(consumerId))
            {
                exactlyOnce.onDelivery(deliveryId, message, deferredAcks);
            }
            else
            {
                retained.onDelivery(deliveryId, message, deferredAcks);
            }
            return;
        }
        final MqttSession session = sessions.get(connectionId);
        final MqttSession.Subscription subscription = null == session ? null :
            session.subscriptionsByConsumer.get(consumerId);
        if (null == subscription || session.closed)
        {
            return;
        }
        final int qos = Math.min(subscription.qos, MqttMessages.publishedQos(message));
        if (qos == 2 && session.isPersistent() &&
            exactlyOnce.wasReceived(session.clientId, subscription.filter, message.messageId()))
        {
            // Received by the client before a restart (PUBREC journaled): the PUBREL sent at resume completes it.
            deferredAcks.add(new long[]{ connectionId, consumerId, deliveryId });
            return;
        }
        final int packetId = qos > 0 ? session.nextPacketId() : 0;
        // MQTT 3.3.1-12 and 3.3.1-13: a live delivery's retain flag is 0 unless the subscription keeps it as published.
        final boolean retain = subscription.retainAsPublished && MqttMessages.isRetained(message);
        session.writePublish(messages.toPublish(message, null, qos, packetId, deliveryCount > 1, retain,
            session.isV5, nowMs));
        if (qos > 0)
        {
            session.inFlight.put(packetId, new MqttSession.InFlight(consumerId, deliveryId, qos,
                subscription.filter, message.messageId()));
        }
        else
        {
            // The engine is dispatching: acknowledge at the start of the next duty cycle, not from inside it.
            deferredAcks.add(new long[]{ connectionId, consumerId, deliveryId });
        }
    }

    /**
     * {@inheritDoc}
     */
    public void noMessage(final long connectionId, final long consumerId, final long correlationId)
    {
    }

    /**
     * MQTT has no XA: the engine answers XA requests only to the connections that sent them, so none comes here.
     */
    public void xaRecovered(final long connectionId, final long correlationId, final List<BranchId> branches)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void producerCredit(final long connectionId, final long producerId, final boolean blocked)
    {
        final MqttSession session = sessions.get(connectionId);
        if (null != session)
        {
            session.flowControl(blocked);
        }
    }

    /**
     * {@inheritDoc}
     */
    public boolean isWritable(final long connectionId)
    {
        if (connectionId == retained.connectionId())
        {
            return true;
        }
        final MqttSession session = sessions.get(connectionId);
        return null != session && !session.closed && session.channel.isWritable() &&
            session.inFlight.size() < session.receiveMaximum && session.retainedBacklog.isEmpty();
    }

    /**
     * A publish waiting for the engine's answer.
     */
    private record PendingPublish(MqttSession session, int packetId, int qos, MqttCommand.Publish retain)
    {
    }
}
