package io.aeolus.jms.spring;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How most Java applications meet a JMS provider: Spring's JmsTemplate and DefaultMessageListenerContainer.
 */
@Timeout(60)
class SpringJmsIT
{
    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private AeolusConnectionFactory factory;

    @BeforeEach
    void startBroker()
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
        factory = new AeolusConnectionFactory(broker.ipcUrl());
    }

    @AfterEach
    void stopBroker()
    {
        broker.close();
    }

    @Test
    void shouldSendAndReceiveWithJmsTemplate()
    {
        final JmsTemplate template = new JmsTemplate(factory);
        template.setReceiveTimeout(5_000);

        template.convertAndSend("spring.orders", "order-1");
        template.convertAndSend("spring.orders", java.util.Map.of("sku", "A-1", "quantity", 3));

        assertEquals("order-1", template.receiveAndConvert("spring.orders"));
        assertEquals(java.util.Map.of("sku", "A-1", "quantity", 3), template.receiveAndConvert("spring.orders"));
    }

    @Test
    void shouldDeliverToADefaultMessageListenerContainer() throws Exception
    {
        final List<String> received = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(20);
        final DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
        container.setConnectionFactory(factory);
        container.setDestinationName("spring.events");
        container.setConcurrentConsumers(2);
        container.setReceiveTimeout(200);
        container.setMessageListener((MessageListener)(message) ->
        {
            try
            {
                received.add(((TextMessage)message).getText());
            }
            catch (final jakarta.jms.JMSException ex)
            {
                throw new IllegalStateException(ex);
            }
            done.countDown();
        });
        container.afterPropertiesSet();
        container.start();
        try
        {
            final JmsTemplate template = new JmsTemplate(factory);
            for (int i = 0; i < 20; i++)
            {
                template.convertAndSend("spring.events", "event-" + i);
            }

            assertTrue(done.await(20, TimeUnit.SECONDS), "received only " + received);
            assertEquals(20, received.stream().distinct().count());
        }
        finally
        {
            container.stop();
            container.shutdown();
        }
    }

    @Test
    void shouldSendAndReceiveInALocalTransactionWithJmsTemplate()
    {
        final JmsTemplate template = new JmsTemplate(factory);
        template.setSessionTransacted(true);
        template.setReceiveTimeout(5_000);

        template.convertAndSend("spring.tx", "committed");

        assertEquals("committed", template.receiveAndConvert("spring.tx"));
        template.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
        assertEquals(null, template.receiveAndConvert("spring.tx"));
    }
}
