/**
 * MQTT measurements through the broker's MQTT gateway with the Eclipse Paho client: publish rates per QoS and
 * session kind.
 */
package io.aeolus.benchmarks.mqtt;
