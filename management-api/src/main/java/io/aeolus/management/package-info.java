/**
 * The one management contract of Aeolus, shared by the broker (which answers), the JMS client's {@code AdminClient}
 * (which asks), the broker's JMX MBeans and the admin console: the {@link io.aeolus.management.Operation}s, the
 * names of their {@link io.aeolus.management.Argument}s and {@link io.aeolus.management.Reply} entries, the stable
 * {@link io.aeolus.management.ErrorCode}s, and the result records, each with its own encoding to and from the map
 * body of a management message. Every name of the protocol is written here and nowhere else. Plain Java 17: no JMS,
 * no Aeron, no broker internals (an enforcer rule keeps it so).
 */
package io.aeolus.management;
