/**
 * How the console keeps the FX thread free: backend calls run as JavaFX {@code Task}s on one dedicated
 * executor, and pushed backend events are coalesced so the FX thread sees at most one update per tick.
 * View models depend on the {@link io.aeolus.console.tasks.TaskRunner} abstraction so they can be unit-tested
 * without the FX toolkit.
 */
package io.aeolus.console.tasks;
