/**
 * JNDI for Aeolus in the convention Java messaging users know: {@code connectionFactory.<name>=<url>},
 * {@code queue.<jndiName>=<name>} and {@code topic.<jndiName>=<name>} entries in {@code jndi.properties} or the
 * InitialContext environment, served by a read-only in-memory context.
 */
package io.aeolus.jms.jndi;
