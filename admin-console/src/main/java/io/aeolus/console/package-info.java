/**
 * The JavaFX administration console: the main window, its view model and the launcher. It reaches the broker
 * only through the management protocol, behind {@link io.aeolus.console.backend.ConsoleBackend}; features
 * live in one package each (dashboard, destinations, dlq, browser, connect).
 */
package io.aeolus.console;
