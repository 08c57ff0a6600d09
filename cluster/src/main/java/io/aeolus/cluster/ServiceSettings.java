package io.aeolus.cluster;

import io.aeolus.broker.engine.EngineSettings;

/**
 * What the clustered service needs of the broker's configuration; the same on every member.
 *
 * @param engineSettings      destinations, their policies (memory limits among them) and routing rules.
 * @param brokerId            the name given to clients at connect.
 * @param maxEgressBacklog    bytes kept for a client that it has not acknowledged, above which its deliveries pause.
 * @param heartbeatIntervalMs how often the leader tells each client it is alive, ms.
 * @param maxMessageLength    largest message the engine takes, bytes.
 */
public record ServiceSettings(
    EngineSettings engineSettings,
    String brokerId,
    long maxEgressBacklog,
    long heartbeatIntervalMs,
    int maxMessageLength)
{
}
