/**
 * The broker's log: what it logs (through {@link java.lang.System.Logger}, so an application embedding the broker
 * routes it to its own logging) and, for the broker process, where: the console and rotating files.
 */
package io.aeolus.broker.logging;
