package io.aeolus.broker.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class BridgeConfigTest
{
    private static Properties valid()
    {
        final Properties options = new Properties();
        options.setProperty("aeolus.broker.data.dir", "ignored");
        options.setProperty("aeolus.bridge.out.source.jndi.java.naming.factory.initial",
            "io.aeolus.jms.jndi.AeolusInitialContextFactory");
        options.setProperty("aeolus.bridge.out.source.destination", "queue:orders");
        options.setProperty("aeolus.bridge.out.target.jndi.java.naming.factory.initial",
            "org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory");
        options.setProperty("aeolus.bridge.out.target.jndi.connectionFactory.Remote", "tcp://host:61616");
        options.setProperty("aeolus.bridge.out.target.connection.factory", "Remote");
        options.setProperty("aeolus.bridge.out.target.destination", "topic:orders.in");
        options.setProperty("aeolus.bridge.out.target.user", "bridge");
        options.setProperty("aeolus.bridge.out.target.password", "secret");
        options.setProperty("aeolus.bridge.out.selector", "region = 'EU'");
        options.setProperty("aeolus.bridge.out.reconnect.delay", "250ms");
        options.setProperty("aeolus.bridge.out.reconnect.max.delay", "1m");
        options.setProperty("aeolus.bridge.out.id.property", "_AMQ_DUPL_ID");
        options.setProperty("aeolus.bridge.out.duplicate.window", "500");
        return options;
    }

    @Test
    void shouldReadEveryOption()
    {
        final Map<String, BridgeConfig> bridges = BridgeConfig.parseAll(valid());
        assertEquals(1, bridges.size());
        final BridgeConfig bridge = bridges.get("out");
        assertEquals("out", bridge.name());
        assertEquals(BridgeEndpoint.DestinationType.QUEUE, bridge.source().destinationType());
        assertEquals("orders", bridge.source().destinationName());
        assertEquals("ConnectionFactory", bridge.source().connectionFactoryName());
        assertEquals(Map.of("java.naming.factory.initial", "io.aeolus.jms.jndi.AeolusInitialContextFactory"),
            bridge.source().jndiEnvironment());
        assertNull(bridge.source().user());
        assertEquals("topic:orders.in", bridge.target().destination());
        assertEquals("Remote", bridge.target().connectionFactoryName());
        assertEquals("tcp://host:61616", bridge.target().jndiEnvironment().get("connectionFactory.Remote"));
        assertEquals("bridge", bridge.target().user());
        assertEquals("secret", bridge.target().password());
        assertEquals("region = 'EU'", bridge.selector());
        assertEquals("_AMQ_DUPL_ID", bridge.idProperty());
        assertEquals(500, bridge.duplicateWindow());
        assertEquals(250, bridge.reconnectDelayMs());
        assertEquals(60_000, bridge.reconnectMaxDelayMs());
        assertTrue(!bridge.target().toString().contains("secret"), "no password in the description");
    }

    @Test
    void shouldApplyDefaults()
    {
        final BridgeConfig bridge = BridgeConfig.parse("b", Map.of("source.destination", "queue:a",
            "target.destination", "queue:b"));
        assertNull(bridge.selector());
        assertEquals(BridgeConfig.DEFAULT_ID_PROPERTY, bridge.idProperty());
        assertEquals(10_000, bridge.duplicateWindow());
        assertEquals(100, bridge.reconnectDelayMs());
        assertEquals(30_000, bridge.reconnectMaxDelayMs());
        assertTrue(BridgeConfig.parseAll(new Properties()).isEmpty());
    }

    @Test
    void shouldNameTheKeyOfBadInput()
    {
        assertBad("aeolus.bridge.out.colour", "aeolus.bridge.out.colour", "red");
        assertBad("aeolus.bridge.out.source.port", "aeolus.bridge.out.source.port", "1");
        assertBad("aeolus.bridge.out.target.subscription", "aeolus.bridge.out.target.subscription", "s");
        assertBad("aeolus.bridge.out.source.jndi.", "aeolus.bridge.out.source.jndi.", "x");
        assertBad("aeolus.bridge.out.source.destination", "aeolus.bridge.out.source.destination", "orders");
        assertBad("aeolus.bridge.out.source.destination", "aeolus.bridge.out.source.destination", "queue:");
        assertBad("aeolus.bridge.out.source.subscription", "aeolus.bridge.out.source.destination", "topic:t");
        assertBad("aeolus.bridge.out.source.subscription", "aeolus.bridge.out.source.subscription", "s");
        assertBad("aeolus.bridge.out.mode", "aeolus.bridge.out.mode", "exactly-once");
        assertBad("aeolus.bridge.out.id.property", "aeolus.bridge.out.id.property", "JMSMessageID");
        assertBad("aeolus.bridge.out.id.property", "aeolus.bridge.out.id.property", "not a name");
        assertBad("aeolus.bridge.out.duplicate.window", "aeolus.bridge.out.duplicate.window", "0");
        assertBad("aeolus.bridge.out.duplicate.window", "aeolus.bridge.out.duplicate.window", "many");
        assertBad("aeolus.bridge.out.reconnect.delay", "aeolus.bridge.out.reconnect.delay", "5 parsecs");
        assertBad("aeolus.bridge.out.reconnect.max.delay", "aeolus.bridge.out.reconnect.max.delay", "100ms");
        assertBad("aeolus.bridge.out.target.connection.factory", "aeolus.bridge.out.target.connection.factory", "");
        assertBad("aeolus.bridge.", "aeolus.bridge.", "x");
        assertBad("aeolus.bridge.out", "aeolus.bridge.out", "x");
        assertBad("bridge name 'b d'", "aeolus.bridge.b d.selector", "x");
    }

    @Test
    void shouldRefuseAMissingDestinationOrAPasswordWithoutUser()
    {
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> BridgeConfig.parse("b", Map.of("source.destination", "queue:a")));
        assertTrue(missing.getMessage().contains("aeolus.bridge.b.target.destination is missing"),
            missing.getMessage());
        final IllegalArgumentException password = assertThrows(IllegalArgumentException.class,
            () -> BridgeConfig.parse("b", Map.of("source.destination", "queue:a", "target.destination", "queue:b",
            "source.password", "p")));
        assertTrue(password.getMessage().contains("aeolus.bridge.b.source.password"), password.getMessage());
    }

    private static void assertBad(final String named, final String key, final String value)
    {
        final Properties options = valid();
        options.setProperty(key, value);
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BridgeConfig.parseAll(options), key + "=" + value);
        assertTrue(ex.getMessage().contains(named), ex.getMessage());
    }
}
