package io.aeolus.broker.mqtt;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.security.Principal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What outlives an MQTT connection besides its durable subscriptions: a will waiting for its delay, and the
 * session expiry, after which the session's durable subscriptions are deleted. Kept in memory: after a broker
 * restart a persistent session's durable subscriptions remain until the client comes back (clean start deletes
 * them) or an administrator deletes them. Conductor thread only.
 */
final class MqttSessionStore
{
    private static final long CHECK_INTERVAL_MS = 100;

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long nextCheckMs;

    /**
     * A client connects again: a will waiting for its delay is not sent when the session resumes (MQTT 3.1.3-9),
     * and is sent now when a clean start ends the session (MQTT 3.1.2-8, 3.1.2.4).
     */
    void onReconnect(final MqttGateway gateway, final String clientId, final boolean cleanStart)
    {
        final Entry entry = entries.remove(clientId);
        if (null != entry && null != entry.will && cleanStart)
        {
            publishWill(gateway, entry);
        }
    }

    private static void publishWill(final MqttGateway gateway, final Entry entry)
    {
        final long connectionId = gateway.openTransient(entry.principal);
        gateway.sendWill(connectionId, entry.principal, entry.will.message());
        gateway.closeTransient(connectionId);
        entry.will = null;
    }

    void forget(final String clientId)
    {
        entries.remove(clientId);
    }

    void scheduleWill(final MqttSession session, final long nowMs)
    {
        final Entry entry = entries.computeIfAbsent(session.clientId, (id) -> new Entry(session.principal));
        entry.will = session.will;
        entry.willAtMs = nowMs + session.will.delayS() * 1000L;
    }

    void onClosed(final MqttSession session, final long expiryS, final long nowMs)
    {
        Entry entry = entries.get(session.clientId);
        if (expiryS == 0 && (null == entry || null == entry.will))
        {
            entries.remove(session.clientId);
            return;
        }
        if (null == entry)
        {
            entry = new Entry(session.principal);
            entries.put(session.clientId, entry);
        }
        entry.expiresAtMs = expiryS < 0 || expiryS >= 0xFFFF_FFFFL ? Long.MAX_VALUE : nowMs + expiryS * 1000L;
        if (null != entry.will && entry.expiresAtMs < entry.willAtMs)
        {
            // MQTT 3.1.3-9: the will goes at the will delay or when the session ends, whichever comes first.
            entry.willAtMs = entry.expiresAtMs;
        }
    }

    int onTimer(final MqttGateway gateway, final long nowMs)
    {
        if (entries.isEmpty() || nowMs - nextCheckMs < 0)
        {
            return 0;
        }
        nextCheckMs = nowMs + CHECK_INTERVAL_MS;
        int workCount = 0;
        for (final Map.Entry<String, Entry> mapEntry : new ArrayList<>(entries.entrySet()))
        {
            final Entry entry = mapEntry.getValue();
            if (null != entry.will && nowMs - entry.willAtMs >= 0)
            {
                publishWill(gateway, entry);
                workCount++;
            }
            if (nowMs - entry.expiresAtMs >= 0)
            {
                expire(gateway, mapEntry.getKey(), entry);
                entries.remove(mapEntry.getKey());
                workCount++;
            }
            else if (null == entry.will && entry.expiresAtMs == Long.MAX_VALUE)
            {
                entries.remove(mapEntry.getKey());
            }
        }
        return workCount;
    }

    private static void expire(final MqttGateway gateway, final String clientId, final Entry entry)
    {
        gateway.forgetExactlyOnce(clientId);
        final List<MessageQueue> subscriptions = gateway.durableSubscriptions(clientId);
        if (subscriptions.isEmpty())
        {
            return;
        }
        final long connectionId = gateway.openTransient(entry.principal);
        for (final MessageQueue subscription : subscriptions)
        {
            gateway.engine().onUnsubscribe(connectionId, gateway.nextCorrelationId(),
                MqttSubscriber.nameOf(subscription));
        }
        gateway.closeTransient(connectionId);
    }

    private static final class Entry
    {
        final Principal principal;
        MqttCommand.Will will;
        long willAtMs = Long.MAX_VALUE;
        long expiresAtMs = Long.MAX_VALUE;

        Entry(final Principal principal)
        {
            this.principal = principal;
        }
    }
}
