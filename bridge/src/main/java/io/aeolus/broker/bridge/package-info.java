/**
 * The JMS bridge: forwards messages from a destination of one JMS provider to a destination of another, each reached
 * through JNDI (Aeolus through {@code io.aeolus.jms.jndi.AeolusInitialContextFactory}, connected to its own broker
 * over IPC). {@link io.aeolus.broker.bridge.BridgeConfig} reads and validates the {@code aeolus.bridge.<name>.*}
 * options, {@link io.aeolus.broker.bridge.JmsBridge} runs one bridge on a thread of its own (at least once, with
 * duplicate detection by message id, reconnecting with back-off), {@link io.aeolus.broker.bridge.Bridges} holds the
 * bridges of a process (create, delete, pause, resume, list with {@link io.aeolus.broker.bridge.BridgeMetrics}).
 */
package io.aeolus.broker.bridge;
