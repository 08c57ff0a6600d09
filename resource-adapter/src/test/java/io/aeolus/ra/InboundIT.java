package io.aeolus.ra;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.ra.fake.FakeBootstrapContext;
import io.aeolus.ra.fake.RecordingEndpointFactory;
import io.aeolus.ra.fake.RecordingEndpointFactory.Delivery;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message-driven delivery through the adapter in a fake container (a work manager on threads, endpoints that play
 * the transaction manager) against an embedded broker.
 */
@Timeout(90)
class InboundIT
{
    private static final long DEADLINE_MS = 20_000;
    private static final long QUIET_MS = 300;

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private FakeBootstrapContext container;
    private AeolusResourceAdapter adapter;
    private Connection connection;
    private Session session;

    @BeforeEach
    void setUp() throws Exception
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dir.resolve("data"))
            .destinationSetting("ra.#", "max.delivery.attempts", "3"));
        container = new FakeBootstrapContext();
        adapter = new AeolusResourceAdapter();
        adapter.setServerUrl(broker.udpUrl());
        adapter.start(container);
        connection = new AeolusConnectionFactory(broker.udpUrl()).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void tearDown() throws Exception
    {
        adapter.stop();
        container.close();
        connection.close();
        broker.close();
    }

    private AeolusActivationSpec queueSpec(final String queue) throws Exception
    {
        final AeolusActivationSpec spec = new AeolusActivationSpec();
        spec.setResourceAdapter(adapter);
        spec.setDestination(queue);
        spec.setMaxSessions(2);
        return spec;
    }

    private void send(final String destination, final String... texts) throws Exception
    {
        try (MessageProducer producer = session.createProducer(session.createQueue(destination)))
        {
            for (final String text : texts)
            {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    private static int sharedConsumers(final AdminClient admin, final String subscription)
    {
        try
        {
            return admin.subscriptions().stream()
                .filter((info) -> info.shared() && info.name().equals(subscription))
                .mapToInt(SubscriptionInfo::consumers)
                .sum();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError("listing subscriptions failed", ex);
        }
    }

    private static void assertStaysTrue(final String what, final long periodMs, final BooleanSupplier condition)
        throws InterruptedException
    {
        final long end = System.currentTimeMillis() + periodMs;
        while (System.currentTimeMillis() < end)
        {
            assertTrue(condition.getAsBoolean(), what);
            Thread.sleep(20);
        }
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("not within " + DEADLINE_MS + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void shouldDeliverEachMessageInAnXaBranchOnTheContainersThreads() throws Exception
    {
        final RecordingEndpointFactory endpoints = new RecordingEndpointFactory(true);
        final AeolusActivationSpec spec = queueSpec("ra.xa");
        adapter.endpointActivation(endpoints, spec);

        send("ra.xa", "a", "b", "c", "d", "e");

        await("5 deliveries", () -> endpoints.deliveries().size() >= 5);
        for (final Delivery delivery : endpoints.deliveries())
        {
            assertTrue(delivery.inBranch(), "delivered inside the endpoint's XA branch: " + delivery);
            assertTrue(delivery.thread().startsWith("fake-work-"), "on a work manager thread: " + delivery);
            assertEquals(1, delivery.deliveryCount());
        }
        assertEquals(2, endpoints.endpointsCreated(), "one endpoint per session (maxSessions 2)");
        adapter.endpointDeactivation(endpoints, spec);
        assertNull(session.createConsumer(session.createQueue("ra.xa")).receive(300), "every receive committed");
        assertEquals(2, endpoints.endpointsReleased(), "endpoints released on deactivation");
        assertEquals(0, adapter.activeEndpoints());
    }

    @Test
    void shouldRedeliverWhatARolledBackDeliveryReceivedAndDeadLetterItAtTheLimit() throws Exception
    {
        final RecordingEndpointFactory endpoints = new RecordingEndpointFactory(true);
        final AeolusActivationSpec spec = queueSpec("ra.poison");
        adapter.endpointActivation(endpoints, spec);

        send("ra.poison", "fail-1", "once-1");

        final Message dead = session.createConsumer(session.createQueue("DLQ.ra.poison")).receive(DEADLINE_MS);
        assertNotNull(dead, "the poison message is dead-lettered after 3 deliveries");
        assertEquals("fail-1", ((TextMessage)dead).getText());
        await("once-1 delivered again", () -> endpoints.deliveries((d) -> d.text().equals("once-1")).size() >= 2);
        final List<Integer> counts = endpoints.deliveries((d) -> d.text().equals("fail-1")).stream()
            .map(Delivery::deliveryCount).toList();
        assertEquals(List.of(1, 2, 3), counts);
        assertEquals(2, endpoints.deliveries((d) -> d.text().equals("once-1")).get(1).deliveryCount());
        assertEquals(1, adapter.connects(endpoints, spec), "a bean's failure is not a connection failure");
    }

    @Test
    void shouldAcknowledgeWhenANonTransactedEndpointReturnsAndRedeliverWhenItThrows() throws Exception
    {
        final RecordingEndpointFactory endpoints = new RecordingEndpointFactory(false);
        final AeolusActivationSpec spec = queueSpec("ra.local");
        adapter.endpointActivation(endpoints, spec);

        send("ra.local", "once-2", "plain");

        await("once-2 twice and plain once", () -> endpoints.deliveries().size() >= 3);
        assertEquals(List.of(1, 2), endpoints.deliveries((d) -> d.text().equals("once-2")).stream()
            .map(Delivery::deliveryCount).toList());
        assertTrue(endpoints.deliveries().stream().noneMatch(Delivery::inBranch));
        adapter.endpointDeactivation(endpoints, spec);
        assertNull(session.createConsumer(session.createQueue("ra.local")).receive(300));
        assertEquals(endpoints.endpointsCreated(), endpoints.endpointsReleased(), "endpoints released on stop");
    }

    @Test
    void shouldAcknowledgeInBatchesWithDupsOk() throws Exception
    {
        final RecordingEndpointFactory endpoints = new RecordingEndpointFactory(false);
        final AeolusActivationSpec spec = queueSpec("ra.dupsok");
        spec.setAcknowledgeMode(AeolusActivationSpec.DUPS_OK_ACKNOWLEDGE);
        spec.setMaxMessages(4);
        adapter.endpointActivation(endpoints, spec);

        send("ra.dupsok", "1", "2", "3", "4", "5", "6", "7");

        await("7 deliveries", () -> endpoints.deliveries().size() >= 7);
        adapter.endpointDeactivation(endpoints, spec);
        assertNull(session.createConsumer(session.createQueue("ra.dupsok")).receive(300), "all acknowledged");
        assertEquals(7, endpoints.deliveries().size());
    }

    @Test
    void shouldShareATopicSubscriptionAmongTheSessions() throws Exception
    {
        final AeolusActivationSpec spec = new AeolusActivationSpec();
        spec.setResourceAdapter(adapter);
        spec.setDestination("ra.shared");
        spec.setDestinationType(AeolusActivationSpec.TOPIC);
        spec.setShareSubscriptions(true);
        spec.setSubscriptionName("workers");
        spec.setMaxSessions(3);
        final RecordingEndpointFactory endpoints = new RecordingEndpointFactory(true);
        adapter.endpointActivation(endpoints, spec);
        final MessageProducer producer = session.createProducer(session.createTopic("ra.shared"));
        await("3 endpoints", () -> endpoints.endpointsCreated() == 3);
        try (AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            await("the shared subscription's 3 consumers at the broker", () -> sharedConsumers(admin, "workers") == 3);
        }

        for (int i = 0; i < 30; i++)
        {
            producer.send(session.createTextMessage("m" + i));
        }

        await("30 deliveries", () -> endpoints.deliveries().size() >= 30);
        assertEquals(30, endpoints.deliveries().stream().map(Delivery::text).distinct().count());
        // A message dispatched to two of the subscription's consumers would arrive within the same moments as the
        // rest; watch the count for a quiet period.
        assertStaysTrue("no second delivery of any message", QUIET_MS, () -> endpoints.deliveries().size() == 30);
    }

    @Test
    void shouldKeepADurableSelectedSubscriptionWhileTheEndpointIsAway() throws Exception
    {
        final AeolusActivationSpec spec = new AeolusActivationSpec();
        spec.setResourceAdapter(adapter);
        spec.setDestination("ra.prices");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("prices-sub");
        spec.setClientId("ra-durable-client");
        spec.setMessageSelector("region = 'eu'");
        final RecordingEndpointFactory first = new RecordingEndpointFactory(true);
        adapter.endpointActivation(first, spec);
        final Topic topic = session.createTopic("ra.prices");
        final MessageProducer producer = session.createProducer(topic);
        await("subscribed", () -> adapter.activeEndpoints() == 1);
        awaitSubscribed(producer, first);

        adapter.endpointDeactivation(first, spec);
        publish(producer, "while-away", "eu");
        publish(producer, "not-for-us", "us");
        final RecordingEndpointFactory second = new RecordingEndpointFactory(true);
        adapter.endpointActivation(second, spec);

        await("the message sent while away", () -> !second.deliveries().isEmpty());
        assertEquals("while-away", second.deliveries().get(0).text());
        publish(producer, "after", "eu");
        await("the next one", () -> second.deliveries().size() >= 2);
        assertEquals(List.of("while-away", "after"), second.deliveries().stream().map(Delivery::text).toList());
    }

    private void awaitSubscribed(final MessageProducer producer, final RecordingEndpointFactory endpoints)
        throws Exception
    {
        // The durable subscription exists once a probe published now arrives; a marker published after the probes
        // arrives after every probe the subscription holds.
        final long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (endpoints.deliveries().isEmpty() && System.currentTimeMillis() < deadline)
        {
            publish(producer, "probe", "eu");
            Thread.sleep(200);
        }
        publish(producer, "marker", "eu");
        await("the marker", () -> !endpoints.deliveries((d) -> d.text().equals("marker")).isEmpty());
    }

    private void publish(final MessageProducer producer, final String text, final String region) throws Exception
    {
        final TextMessage message = session.createTextMessage(text);
        message.setStringProperty("region", region);
        producer.send(message);
    }

    @Test
    void shouldReconnectWithBackOffWhenTheBrokerComesBack() throws Exception
    {
        final RecordingEndpointFactory endpoints = new RecordingEndpointFactory(true);
        final AeolusActivationSpec spec = queueSpec("ra.reconnect");
        spec.setReconnectInitialDelayMs(50);
        spec.setReconnectMaxDelayMs(500);
        adapter.endpointActivation(endpoints, spec);
        send("ra.reconnect", "before");
        await("before", () -> endpoints.deliveries().size() == 1);
        final String endpoint = broker.broker().context().udpEndpoint();
        connection.close();
        broker.close();

        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dir.resolve("data")).udpEndpoint(endpoint)
            .destinationSetting("ra.#", "max.delivery.attempts", "3"));
        connection = new AeolusConnectionFactory(broker.udpUrl()).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        send("ra.reconnect", "after");

        await("after, on a new connection", () -> !endpoints.deliveries((d) -> d.text().equals("after")).isEmpty());
        assertTrue(adapter.connects(endpoints, spec) >= 2, "connected again");
    }
}
