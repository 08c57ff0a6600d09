/**
 * The console's own view of the broker: a small {@link io.aeolus.console.backend.ConsoleBackend} interface and
 * the immutable records it returns. {@link io.aeolus.console.backend.AdminClientBackend} adapts the management
 * protocol's {@code AdminClient} (and sends messages with a plain JMS producer);
 * {@link io.aeolus.console.backend.FakeBackend} serves tests, screenshots and the demo mode.
 */
package io.aeolus.console.backend;
