package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which workloads a JMS provider runs: xa only with an XA connection factory, mqtt only with an MQTT endpoint.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JmsProviderTest
{
    @Test
    void shouldRunXaOnlyWithAnXaConnectionFactory()
    {
        final ConnectionFactory plain = (ConnectionFactory)Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConnectionFactory.class}, (proxy, method, args) ->
            {
                throw new UnsupportedOperationException(method.getName());
            });
        final AeolusConnectionFactory aeolus = new AeolusConnectionFactory("aeolus:ipc");

        final JmsProvider withoutXa = new JmsProvider("jndi", "jndi", plain, plain, null, "unknown", null);
        final JmsProvider withXa = new JmsProvider("aeolus-ipc", "ipc", aeolus, aeolus, aeolus, "memory", null);

        assertFalse(withoutXa.supports(Workload.XA));
        assertTrue(withoutXa.supports(Workload.PERSISTENT_SYNC));
        assertTrue(withXa.supports(Workload.XA));
    }

    @Test
    void shouldRunMqttOnlyWithAnMqttEndpoint()
    {
        final AeolusConnectionFactory aeolus = new AeolusConnectionFactory("aeolus:ipc");
        final JmsProvider provider = new JmsProvider("aeolus-ipc", "ipc", aeolus, aeolus, aeolus, "memory", null);

        assertFalse(provider.supports(Workload.MQTT));

        provider.mqttUri("tcp://127.0.0.1:1883");

        assertTrue(provider.supports(Workload.MQTT));
        assertEquals("tcp://127.0.0.1:1883", provider.mqttUri());
    }

    @Test
    void shouldRejectAnMqttEndpointPahoCannotReach()
    {
        final AeolusConnectionFactory aeolus = new AeolusConnectionFactory("aeolus:ipc");
        final JmsProvider provider = new JmsProvider("aeolus-ipc", "ipc", aeolus, aeolus, aeolus, "memory", null);

        final IllegalArgumentException rejected =
            assertThrows(IllegalArgumentException.class, () -> provider.mqttUri("127.0.0.1:1883"));

        assertTrue(rejected.getMessage().contains("'127.0.0.1:1883'"), rejected.getMessage());
        assertFalse(provider.supports(Workload.MQTT));
    }
}
