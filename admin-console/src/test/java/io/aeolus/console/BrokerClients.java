package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.time.Duration;

/**
 * What the console's ITs do to their broker besides the console: send and receive a text message, and call the
 * broker's management as another client would, each on a connection of its own.
 */
final class BrokerClients
{
    private BrokerClients()
    {
    }

    /**
     * Sends a text message to a queue.
     *
     * @param broker the broker.
     * @param queue  the queue.
     * @param text   the message's text.
     * @throws Exception when the send fails.
     */
    static void send(final EmbeddedBroker broker, final String queue, final String text) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
        }
    }

    /**
     * Receives a text message from a queue.
     *
     * @param broker    the broker.
     * @param queue     the queue.
     * @param timeoutMs how long to wait for it.
     * @return its text, or null when none came in time.
     * @throws Exception when the receive fails.
     */
    static String receive(final EmbeddedBroker broker, final String queue, final long timeoutMs) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            final TextMessage message = (TextMessage)consumer.receive(timeoutMs);
            return null == message ? null : message.getText();
        }
    }

    /**
     * Calls the broker's management on a connection of its own.
     *
     * @param broker the broker.
     * @param call   what to do with the management client.
     * @throws Exception when the call fails.
     */
    static void admin(final EmbeddedBroker broker, final AdminCall call) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            call.accept(admin);
        }
    }

    /**
     * A call on the broker's management.
     */
    @FunctionalInterface
    interface AdminCall
    {
        /**
         * Makes the call.
         *
         * @param admin the management client.
         * @throws Exception when it fails.
         */
        void accept(AdminClient admin) throws Exception;
    }
}
