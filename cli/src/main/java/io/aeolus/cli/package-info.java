/**
 * The {@code aeolus} command-line tool for administrators: talks to a running broker through the management
 * protocol (the JMS client's {@code AdminClient}) and manages a broker's users and config files offline (the broker
 * module's {@code user} and {@code config} commands). A management client like the console: the broker itself never
 * imports the JMS API, so these commands live in their own module and jar.
 */
package io.aeolus.cli;
