/**
 * Routing rules (diverts) and composite destinations: what a rule is
 * ({@link io.aeolus.broker.engine.routing.RoutingRule}, its source and target
 * {@link io.aeolus.broker.engine.routing.Endpoint}s, its {@link io.aeolus.broker.engine.routing.RouteMode}), how
 * rules are read from the broker's options ({@link io.aeolus.broker.engine.routing.RoutingConfig}), and the table
 * the engine's send path consults, which refuses a rule that would make a loop
 * ({@link io.aeolus.broker.engine.routing.RoutingTable}). Values and checks only: the engine applies them on its one
 * thread, deterministically (rules are kept and applied in name order).
 */
package io.aeolus.broker.engine.routing;
