package io.aeolus.broker.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

@Timeout(10)
class MqttTopicAliasesTest
{
    @Test
    void shouldSendTheTopicOnceThenTheAliasAlone()
    {
        final MqttTopicAliases aliases = new MqttTopicAliases(4);

        final MqttPublishMessage first = aliases.apply(publish("sensors/1"));
        final MqttPublishMessage second = aliases.apply(publish("sensors/1"));

        assertEquals("sensors/1", first.variableHeader().topicName());
        assertEquals(1, alias(first));
        assertEquals("", second.variableHeader().topicName());
        assertEquals(1, alias(second));
        assertEquals(7, second.variableHeader().packetId(), "the packet id is kept");
        assertEquals("kept", second.variableHeader().properties()
            .getProperty(MqttProperties.CONTENT_TYPE).value(), "the other properties are kept");
    }

    @Test
    void shouldGiveTheLeastRecentlyUsedAliasToANewTopicWhenAllAreTaken()
    {
        final MqttTopicAliases aliases = new MqttTopicAliases(2);
        aliases.apply(publish("a/aaa"));
        aliases.apply(publish("b/bbb"));
        aliases.apply(publish("a/aaa"));

        final MqttPublishMessage third = aliases.apply(publish("c/ccc"));
        final MqttPublishMessage evicted = aliases.apply(publish("b/bbb"));

        assertEquals("c/ccc", third.variableHeader().topicName());
        assertEquals(2, alias(third), "b/bbb was the least recently used");
        assertEquals("b/bbb", evicted.variableHeader().topicName(), "sent with its topic again");
        assertEquals(1, alias(evicted), "a/aaa was the least recently used");
    }

    @Test
    void shouldLeaveThePacketAloneForAClientThatTakesNoAliasOrAVeryShortTopic()
    {
        final MqttPublishMessage packet = publish("sensors/1");
        final MqttPublishMessage shortTopic = publish("ab");

        assertSame(packet, new MqttTopicAliases(0).apply(packet));
        assertSame(shortTopic, new MqttTopicAliases(5).apply(shortTopic));
    }

    @Test
    void shouldUseNoMoreAliasesThanTheBrokersBound()
    {
        final MqttTopicAliases aliases = new MqttTopicAliases(65535);

        for (int i = 0; i < 2 * MqttTopicAliases.MAXIMUM_ALIASES; i++)
        {
            final MqttPublishMessage sent = aliases.apply(publish("topic/" + i));
            assertEquals(i % MqttTopicAliases.MAXIMUM_ALIASES + 1, alias(sent));
        }

        assertEquals(MqttTopicAliases.MAXIMUM_ALIASES, aliases.size());
    }

    private static MqttPublishMessage publish(final String topic)
    {
        final MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, "kept"));
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE,
            false, 0), new MqttPublishVariableHeader(topic, 7, properties), Unpooled.wrappedBuffer(new byte[]{1}));
    }

    private static Integer alias(final MqttPublishMessage publish)
    {
        final MqttProperties.MqttProperty<?> alias =
            publish.variableHeader().properties().getProperty(MqttProperties.TOPIC_ALIAS);
        return null == alias ? null : (Integer)alias.value();
    }
}
