/**
 * The JMS message types of the Aeolus client and their wire form. Each message sits over its encoded SBE
 * {@code JmsMessage} frame: a received message copies the frame once and decodes properties and body lazily (the
 * properties with {@code io.aeolus.transport.message.PropertiesCodec}, the codec the broker uses for selectors), and
 * re-encodes untouched parts by copying their bytes. Object message bodies are deserialized under a
 * {@link io.aeolus.jms.message.DeserializationPolicy}.
 */
package io.aeolus.jms.message;
