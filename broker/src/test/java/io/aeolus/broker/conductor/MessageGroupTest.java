package io.aeolus.broker.conductor;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.transport.codecs.AckMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.aeolus.broker.conductor.DispatchTest.texts;
import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@Timeout(30)
class MessageGroupTest
{
    private static final long SESSION_1 = 1;
    private static final long SESSION_2 = 2;

    private ConductorHarness harness;
    private TestClientPeer client;

    @BeforeEach
    void setUp()
    {
        harness = new ConductorHarness();
        client = harness.connect();
        client.createSession(SESSION_1, AckMode.CLIENT);
        client.createSession(SESSION_2, AckMode.CLIENT);
    }

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    private void send(final String group, final String text)
    {
        final TestMessage message = toQueue("orders", text);
        if (null != group)
        {
            message.property(BrokerMessage.GROUP_ID_PROPERTY, group);
        }
        client.sendConfirmed(SESSION_1, message);
    }

    @Test
    void shouldSendEveryMessageOfAGroupToOneConsumerInOrder()
    {
        client.createConsumer(SESSION_1, 1, "orders", "", 100);
        client.createConsumer(SESSION_2, 2, "orders", "", 100);

        for (int i = 1; i <= 3; i++)
        {
            send("A", "A" + i);
            send("A", "A" + (i + 10));
            send("B", "B" + i);
        }

        assertEquals(List.of("A1", "A11", "A2", "A12", "A3", "A13"), texts(client.deliveries(1)));
        assertEquals(List.of("B1", "B2", "B3"), texts(client.deliveries(2)));
    }

    @Test
    void shouldHoldAGroupsMessagesForItsConsumerWhileItHasNoCredit()
    {
        client.createConsumer(SESSION_1, 1, "orders", "", 1);
        client.createConsumer(SESSION_2, 2, "orders", "", 10);
        send("A", "A1");
        send("A", "A2");
        send(null, "free");

        final List<TestClientPeer.Frame> first = client.deliveries(1);
        final List<TestClientPeer.Frame> second = client.deliveries(2);
        client.ack(SESSION_1, 1, first.get(0).deliveryId, false);
        client.credit(1, 1);

        assertEquals(List.of("A1"), texts(first));
        assertEquals(List.of("free"), texts(second));
        assertEquals(List.of("A2"), texts(client.deliveries(1)));
    }

    @Test
    void shouldReassignAGroupWhenItsConsumerCloses()
    {
        client.createConsumer(SESSION_1, 1, "orders", "", 100);
        client.createConsumer(SESSION_2, 2, "orders", "", 100);
        send("A", "A1");
        send("A", "A2");
        final List<TestClientPeer.Frame> owned = client.deliveries(1);
        client.ack(SESSION_1, 1, owned.get(0).deliveryId, false);

        client.closeConsumer(1, owned.get(0).deliveryId);
        send("A", "A3");
        final List<TestClientPeer.Frame> reassigned = client.deliveries(2);

        assertEquals(List.of("A1", "A2"), texts(owned));
        assertEquals(List.of("A2", "A3"), texts(reassigned));
        assertFalse(reassigned.get(0).redelivered, "A2 never reached the application");
    }

    @Test
    void shouldForgetAGroupWhoseLastMessageCarriesSequenceMinusOne()
    {
        client.createConsumer(SESSION_1, 1, "orders", "", 100);
        client.createConsumer(SESSION_2, 2, "orders", "", 100);
        send("A", "A1");
        client.sendConfirmed(SESSION_1, toQueue("orders", "A-last")
            .property(BrokerMessage.GROUP_ID_PROPERTY, "A")
            .property(BrokerMessage.GROUP_SEQUENCE_PROPERTY, -1));

        send("A", "A-new");

        assertEquals(List.of("A1", "A-last"), texts(client.deliveries(1)));
        assertEquals(List.of("A-new"), texts(client.deliveries(2)));
    }
}
