/**
 * The JavaFX administration console; it reaches the broker only through the management protocol.
 */
package io.aeolus.console;
