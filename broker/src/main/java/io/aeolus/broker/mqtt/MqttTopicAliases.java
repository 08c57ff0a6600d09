package io.aeolus.broker.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topic aliases the broker gives to one MQTT 5 connection's PUBLISH packets (MQTT 5 section 3.3.2.3.4), when the
 * client announced a Topic Alias Maximum in its CONNECT: the first PUBLISH of a topic carries the topic and a new
 * alias, the next ones the alias and an empty topic name. With every alias taken, the least recently used one is given
 * to the new topic (sent with the topic, which replaces the client's mapping). At most
 * {@link #MAXIMUM_ALIASES} per connection, fewer if the client says so; the aliases live as long as the connection
 * (a new connection starts with none, as the specification says). Packets must be written in the order they are passed
 * here (the conductor writes every PUBLISH of a connection, in order). Conductor thread only; allocates.
 */
final class MqttTopicAliases
{
    /** Most aliases the broker keeps per connection, whatever the client allows: bounds the memory per client. */
    static final int MAXIMUM_ALIASES = 64;

    /** A topic this short costs no more than the alias property (3 bytes), so it is sent as it is. */
    private static final int SHORTEST_ALIASED_TOPIC = 3;

    private final int maximum;
    /** Topic to alias, least recently used first. */
    private final LinkedHashMap<String, Integer> aliases = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param clientMaximum the Topic Alias Maximum of the client's CONNECT (0: it takes none).
     */
    MqttTopicAliases(final int clientMaximum)
    {
        this.maximum = Math.max(0, Math.min(clientMaximum, MAXIMUM_ALIASES));
    }

    /**
     * @param publish a PUBLISH about to be written to the client.
     * @return the packet to write: the same one, or one with the topic alias property (and an empty topic name when
     *         the client knows the alias already).
     */
    MqttPublishMessage apply(final MqttPublishMessage publish)
    {
        final MqttPublishVariableHeader header = publish.variableHeader();
        final String topic = header.topicName();
        if (0 == maximum || topic.length() < SHORTEST_ALIASED_TOPIC)
        {
            return publish;
        }
        Integer alias = aliases.get(topic);
        final boolean known = null != alias;
        if (!known)
        {
            if (aliases.size() < maximum)
            {
                alias = aliases.size() + 1;
            }
            else
            {
                final Iterator<Map.Entry<String, Integer>> eldest = aliases.entrySet().iterator();
                alias = eldest.next().getValue();
                eldest.remove();
            }
            aliases.put(topic, alias);
        }
        final MqttProperties properties = new MqttProperties();
        for (final MqttProperties.MqttProperty<?> property : header.properties().listAll())
        {
            properties.add(property);
        }
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias));
        return new MqttPublishMessage(publish.fixedHeader(),
            new MqttPublishVariableHeader(known ? "" : topic, header.packetId(), properties), publish.payload());
    }

    /**
     * @return how many aliases are in use.
     */
    int size()
    {
        return aliases.size();
    }
}
