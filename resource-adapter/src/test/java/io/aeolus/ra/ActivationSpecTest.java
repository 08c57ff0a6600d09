package io.aeolus.ra;

import io.aeolus.ra.fake.FakeBootstrapContext;
import io.aeolus.ra.fake.RecordingEndpointFactory;
import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ActivationSpecTest
{
    private static AeolusActivationSpec spec(final Consumer<AeolusActivationSpec> change)
    {
        final AeolusActivationSpec spec = new AeolusActivationSpec();
        spec.setDestination("orders");
        change.accept(spec);
        return spec;
    }

    private static void assertNames(final String property, final AeolusActivationSpec spec)
    {
        final InvalidPropertyException ex = assertThrows(InvalidPropertyException.class, spec::validate);
        assertTrue(ex.getMessage().contains("property " + property + " "), ex.getMessage());
        assertEquals(property, ex.getInvalidPropertyDescriptors()[0].getName());
    }

    @Test
    void shouldAcceptAQueueWithDefaults()
    {
        assertDoesNotThrow(spec((s) -> { })::validate);
    }

    @Test
    void shouldNameEachBadProperty()
    {
        assertNames("destination", spec((s) -> s.setDestination(" ")));
        assertNames("destinationType", spec((s) -> s.setDestinationType("jakarta.jms.Queeu")));
        assertNames("acknowledgeMode", spec((s) -> s.setAcknowledgeMode("Client-acknowledge")));
        assertNames("subscriptionDurability", spec((s) -> s.setSubscriptionDurability("Forever")));
        assertNames("subscriptionDurability", spec((s) -> s.setSubscriptionDurability("Durable")));
        assertNames("maxSessions", spec((s) -> s.setMaxSessions(0)));
        assertNames("maxMessages", spec((s) -> s.setMaxMessages(-1)));
        assertNames("serverUrl", spec((s) -> s.setServerUrl("tcp://localhost:61616")));
        assertNames("reconnectInitialDelayMs", spec((s) -> s.setReconnectInitialDelayMs(0)));
    }

    @Test
    void shouldRequireWhatATopicSubscriptionNeeds()
    {
        assertNames("subscriptionName", spec((s) ->
        {
            s.setDestinationType(AeolusActivationSpec.TOPIC);
            s.setSubscriptionDurability(AeolusActivationSpec.DURABLE);
            s.setClientId("c");
        }));
        assertNames("clientId", spec((s) ->
        {
            s.setDestinationType(AeolusActivationSpec.TOPIC);
            s.setSubscriptionDurability(AeolusActivationSpec.DURABLE);
            s.setSubscriptionName("sub");
        }));
        assertNames("subscriptionName", spec((s) ->
        {
            s.setDestinationType(AeolusActivationSpec.TOPIC);
            s.setShareSubscriptions(true);
        }));
        assertDoesNotThrow(spec((s) ->
        {
            s.setDestinationType(AeolusActivationSpec.TOPIC);
            s.setSubscriptionDurability(AeolusActivationSpec.DURABLE);
            s.setSubscriptionName("sub");
            s.setShareSubscriptions(true);
        })::validate, "a shared durable subscription needs no client id");
    }

    @Test
    void shouldUseOneSessionForATopicSubscriptionThatIsNotShared()
    {
        final AeolusActivationSpec topic = spec((s) -> s.setDestinationType("jakarta.jms.Topic"));
        assertEquals(1, topic.effectiveSessions());
        topic.setShareSubscriptions(true);
        assertEquals(10, topic.effectiveSessions());
    }

    @Test
    void shouldRefuseAnEndpointBeforeTheAdapterStartsOrWithABadSpec() throws Exception
    {
        final AeolusResourceAdapter adapter = new AeolusResourceAdapter();
        final RecordingEndpointFactory endpoints = new RecordingEndpointFactory(true);
        assertThrows(jakarta.resource.spi.IllegalStateException.class,
            () -> adapter.endpointActivation(endpoints, spec((s) -> { })));
        try (FakeBootstrapContext container = new FakeBootstrapContext())
        {
            adapter.start(container);
            final InvalidPropertyException ex = assertThrows(InvalidPropertyException.class,
                () -> adapter.endpointActivation(endpoints, spec((s) -> s.setMaxSessions(0))));
            assertTrue(ex.getMessage().contains("maxSessions"), ex.getMessage());
            assertEquals(0, adapter.activeEndpoints());
            adapter.stop();
        }
    }

    @Test
    void shouldRefuseABadServerUrlAtStart()
    {
        final AeolusResourceAdapter adapter = new AeolusResourceAdapter();
        adapter.setServerUrl("http://broker");
        final Exception ex = assertThrows(jakarta.resource.spi.ResourceAdapterInternalException.class,
            () -> adapter.start(new FakeBootstrapContext()));
        assertTrue(ex.getMessage().contains("serverUrl 'http://broker'"), ex.getMessage());
    }

    @Test
    void shouldRefuseAnotherAdapter()
    {
        assertThrows(jakarta.resource.spi.IllegalStateException.class, () -> spec((s) -> { })
            .setResourceAdapter(null));
    }
}
