/**
 * The MQTT 3.1.1 and 5.0 gateway: a second adapter on the engine's inputs beside the Aeron one. Netty's event loop
 * reads and writes MQTT packets ({@link io.aeolus.broker.mqtt.MqttChannelHandler}) and hands each client's commands
 * through a bounded queue to the conductor, where {@link io.aeolus.broker.mqtt.MqttGateway} turns them into engine
 * inputs and the engine's answers and deliveries back into MQTT packets. MQTT topics map onto JMS topics
 * ({@code a/b/c} is {@code a.b.c}, {@code +} is {@code *}), so MQTT and JMS clients share subscriptions and
 * permissions. Retained messages and the QoS 2 packet ids of persistent sessions are kept in the broker's reserved
 * queues {@code aeolus.mqtt.retained} and {@code aeolus.mqtt.qos2}; TLS is the JDK's SSLEngine in Netty's
 * {@code SslHandler}.
 */
package io.aeolus.broker.mqtt;
