/**
 * The broker's engine: a deterministic state machine that owns every destination, subscription, session, delivery,
 * acknowledgement and transaction. It has three doors: {@link io.aeolus.broker.engine.EngineInputs} (everything that
 * changes its state, time included), {@link io.aeolus.broker.engine.ClientEgress} (what it says to clients, keyed by
 * a plain connection id) and {@link io.aeolus.broker.engine.Durability} (append, group, and positions that become
 * durable, reported back as inputs). It reads no clock, no random numbers, no host facts and no thread identity,
 * and iterates nothing whose order its inputs do not define: the same inputs give the same outputs, which
 * {@code EngineReplayTest} and {@code EngineArchitectureTest} hold it to. Adapters (the Aeron conductor, the journal
 * thread) own all I/O. One thread at a time.
 */
package io.aeolus.broker.engine;
