package io.aeolus.broker.mqtt;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MQTT's own filter matching (4.7), used for retained messages.
 */
@Timeout(10)
class MqttTopicsTest
{
    @ParameterizedTest
    @CsvSource({
        "a/b/c, a/b/c, true",
        "a/b/c, a/b, false",
        "a/b, a/b/c, false",
        "a/+/c, a/x/c, true",
        "a/+/c, a/x/y/c, false",
        "a/+, a/, true",
        "+/+, /x, true",
        "a/#, a, true",
        "a/#, a/b/c, true",
        "a/#, ab, false",
        "#, a/b, true",
        "#, $SYS/x, false",
        "+/x, $SYS/x, false",
        "$SYS/#, $SYS/x, true",
        "sensors/+/temp, sensors/kitchen/temp, true",
        "sensors/+/temp, sensors/kitchen/humidity, false",
        "abc, ab, false",
        "ab, abc, false"
    })
    void shouldMatchLikeMqtt(final String filter, final String topic, final boolean matches)
    {
        assertEquals(matches, MqttTopics.matches(filter, topic), filter + " vs " + topic);
    }
}
