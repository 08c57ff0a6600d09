/**
 * The broker-side transformer SPI: a {@link io.aeolus.broker.transform.MessageTransformer} is found by name (built
 * in, on the classpath through {@link java.util.ServiceLoader}, or in a jar of the plugins directory), configured
 * once per routing rule into a {@link io.aeolus.broker.transform.Transformation}, and applied on the routing path to
 * a {@link io.aeolus.broker.transform.MessageView} of each message the rule takes. It depends on nothing of the
 * broker's internals, so a plugin needs only this package. The built-ins (XML to JSON, JSON to XML, property and
 * header mapping, JSON Schema validation) live here too.
 */
package io.aeolus.broker.transform;
