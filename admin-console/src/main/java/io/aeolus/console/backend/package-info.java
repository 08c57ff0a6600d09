/**
 * The console's own view of the broker: a small {@link io.aeolus.console.backend.ConsoleBackend} interface and
 * the immutable records it returns. The real implementation will adapt the management protocol's
 * {@code AdminClient}; until then {@link io.aeolus.console.backend.FakeBackend} serves tests, screenshots and demos.
 */
package io.aeolus.console.backend;
