package io.aeolus.jms.security;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MQTT logins against the broker's users and the JMS permissions, with security on.
 */
@Timeout(60)
class MqttSecurityIT
{
    private static final String PASSWORD = "mqtt-secret-1";

    @TempDir
    Path dataDir;

    @Test
    void shouldAuthenticateAgainstTheUsersAndAuthorizeWithTheJmsPermissions() throws Exception
    {
        SecureBroker.addUser(dataDir, "alice", PASSWORD, "app");
        SecureBroker.addUser(dataDir, "reader", PASSWORD, "reader");
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir)
            .securityRole("reader", "consume", "sensors.#")
            .set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0")))
        {
            final String uri = "tcp://127.0.0.1:" + broker.broker().mqttAddress().getPort();

            final MqttException wrong = assertThrows(MqttException.class, () -> connect(uri, "alice", "wrong"));
            assertEquals(0x86, wrong.getReasonCode(), "bad user name or password");
            final MqttException anonymous = assertThrows(MqttException.class, () -> connect(uri, null, null));
            assertEquals(0x87, anonymous.getReasonCode(), "not authorized");

            final MqttClient alice = connect(uri, "alice", PASSWORD);
            final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
            alice.subscribe(new MqttSubscription[]{ new MqttSubscription("sensors/#", 1) },
                new IMqttMessageListener[]{ (topic, message) ->
                inbox.add(new String(message.getPayload(), StandardCharsets.UTF_8)) });
            final MqttClient reader = connect(uri, "reader", PASSWORD);

            // The reader may consume sensors.# but not send there: PUBACK 0x87, and the message goes nowhere.
            reader.publish("sensors/x", "denied".getBytes(StandardCharsets.UTF_8), 1, false);
            alice.publish("sensors/x", "allowed".getBytes(StandardCharsets.UTF_8), 1, false);

            assertEquals("allowed", inbox.poll(10, TimeUnit.SECONDS));
            assertNull(inbox.poll(300, TimeUnit.MILLISECONDS));
            assertTrue(reader.isConnected(), "a refused QoS 1 publish keeps the MQTT 5 connection");
            alice.disconnect();
            reader.disconnect();
            alice.close();
            reader.close();
        }
    }

    private static MqttClient connect(final String uri, final String user, final String password)
        throws MqttException
    {
        final MqttClient client = new MqttClient(uri, null == user ? "anon" : user, new MemoryPersistence());
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(false);
        if (null != user)
        {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        try
        {
            client.connect(options);
        }
        catch (final MqttException ex)
        {
            client.close();
            throw ex;
        }
        return client;
    }
}
