/**
 * The Send message dialog: destination, message type and body, JMSType, correlation id, typed properties,
 * delivery mode, priority, time to live and delivery delay, each field validated as it is typed (ControlsFX
 * {@code ValidationSupport} over rules in {@link io.aeolus.console.send.SendRules}); nothing is sent until every
 * field is valid. The backend sends with a plain JMS producer, as an application would.
 */
package io.aeolus.console.send;
