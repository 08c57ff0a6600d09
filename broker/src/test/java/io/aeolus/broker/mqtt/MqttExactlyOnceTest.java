package io.aeolus.broker.mqtt;

import io.aeolus.broker.conductor.ProtocolGateway;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.engine.MessagingEngine;
import io.aeolus.broker.engine.TopicWildcards;
import io.aeolus.broker.security.BrokerSecurity;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QoS 2 across a restart, in the order the events arrive rather than their timing: a persistent session resumes with
 * a delivery its subscriber had received (PUBREC journaled) but not completed; the broker sends PUBREL again, and the
 * message, not acknowledged yet, comes back to the subscription. Whichever of the subscriber's PUBCOMP and the
 * message's return comes first, the message is taken off the subscription and not delivered a second time. The
 * gateway runs on a real engine (no journal); the marker of the received delivery is handed to it as the journal
 * hands it back at start.
 */
@Timeout(10)
class MqttExactlyOnceTest
{
    private static final String CLIENT = "sensor-7";
    private static final String FILTER = "plant/+/temperature";
    private static final int PACKET_ID = 17;
    private static final long MESSAGE_ID = 4242;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MqttMessages messages = new MqttMessages(new MqttTopics(TopicWildcards.DEFAULT));
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private MqttExactlyOnce exactlyOnce;
    private MqttSession session;

    @BeforeEach
    void resumeASessionWithAReceivedDelivery()
    {
        final BrokerSecurity security = BrokerSecurity.development(new CachedEpochClock());
        final MqttGateway gateway = new MqttGateway(new MqttSettings(new InetSocketAddress("127.0.0.1", 0), 4096, 16,
            1024, false, TopicWildcards.DEFAULT), security);
        final MessagingEngine engine = new MessagingEngine(new EngineSettings(DestinationPolicies.defaults(),
            List.of(), List.of(), 1000), 64 * 1024, 0, security, gateway);
        gateway.doWork(engine, 0);
        exactlyOnce = new MqttExactlyOnce(gateway, ProtocolGateway.CONNECTION_ID_BASE + (1L << 41), messages, buffer);
        final List<long[]> acks = new ArrayList<>();
        exactlyOnce.onDelivery(1, receivedMarker(), acks);
        assertEquals(List.of(), acks, "the marker is kept");
        session = new MqttSession(new MqttCommand.Connect(ProtocolGateway.CONNECTION_ID_BASE + 1, channel, CLIENT,
            "", Set.of(), "127.0.0.1", false, false, -1, 16, 0, false, null),
            security.authorizer().anonymous("127.0.0.1"), new MqttFlusher());

        exactlyOnce.resume(session);

        final MqttMessage pubRel = channel.readOutbound();
        assertEquals(MqttMessageType.PUBREL, pubRel.fixedHeader().messageType());
        assertEquals(List.of(PACKET_ID), exactlyOnce.releasesOf(CLIENT), "waiting for its PUBCOMP");
    }

    @AfterEach
    void closeChannel()
    {
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldNotDeliverAgainAMessageThatComesBackAfterItsPubComp()
    {
        exactlyOnce.onAck(session, new MqttCommand.Ack(session.connectionId, PACKET_ID, MqttCommand.AckKind.PUBCOMP));

        assertEquals(List.of(), exactlyOnce.releasesOf(CLIENT), "completed");
        assertTrue(exactlyOnce.wasReceived(CLIENT, FILTER, MESSAGE_ID),
            "the message coming back after PUBCOMP is taken off, not delivered under a new packet id");
        assertFalse(exactlyOnce.wasReceived(CLIENT, FILTER, MESSAGE_ID), "remembered until it came back, not after");
    }

    @Test
    void shouldNotDeliverAgainAMessageThatComesBackBeforeItsPubComp()
    {
        assertTrue(exactlyOnce.wasReceived(CLIENT, FILTER, MESSAGE_ID),
            "the message coming back before PUBCOMP is taken off");

        exactlyOnce.onAck(session, new MqttCommand.Ack(session.connectionId, PACKET_ID, MqttCommand.AckKind.PUBCOMP));

        assertEquals(List.of(), exactlyOnce.releasesOf(CLIENT), "completed");
        assertFalse(exactlyOnce.wasReceived(CLIENT, FILTER, MESSAGE_ID), "nothing is left of it");
    }

    @Test
    void shouldDeliverAMessageOfAnotherSubscription()
    {
        exactlyOnce.onAck(session, new MqttCommand.Ack(session.connectionId, PACKET_ID, MqttCommand.AckKind.PUBCOMP));

        assertFalse(exactlyOnce.wasReceived(CLIENT, "plant/#", MESSAGE_ID), "another filter's copy is delivered");
        assertFalse(exactlyOnce.wasReceived("sensor-8", FILTER, MESSAGE_ID), "another client's copy is delivered");
    }

    /**
     * The journaled marker of the delivery: client, direction, packet id, the message's broker id and the filter, as
     * {@link MqttExactlyOnce#onReceived} journals it.
     */
    private BrokerMessage receivedMarker()
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("MQTT_QOS2_CLIENT", CLIENT);
        values.put("MQTT_QOS2_DIRECTION", "out");
        values.put("MQTT_QOS2_PACKET", PACKET_ID);
        values.put("MQTT_QOS2_MESSAGE", MESSAGE_ID);
        values.put("MQTT_QOS2_FILTER", FILTER);
        final int length = messages.encodeState(MqttExactlyOnce.QUEUE, values, "ID:mqtt-state-1", 0, buffer);
        return BrokerMessage.decode(1, buffer, 0, length);
    }
}
