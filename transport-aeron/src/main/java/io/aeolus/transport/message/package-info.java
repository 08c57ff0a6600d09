/**
 * Encodings carried inside the JMS message frame that the broker must read without knowing JMS: the typed-value
 * codec used for message properties (read by selectors one property at a time) and for map and stream bodies.
 */
package io.aeolus.transport.message;
