/**
 * Charts of the broker's metrics history: depth and in/out rates of a destination, or of the broker as a whole, over
 * a chosen range (1 minute to 24 hours) read with the management protocol's history call, carried on by the live
 * metrics stream for the short ranges. The dashboard and the destination detail each show one.
 */
package io.aeolus.console.history;
