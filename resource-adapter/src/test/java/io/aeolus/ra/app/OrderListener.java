package io.aeolus.ra.app;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The test application's message-driven bean (ContainerIT): writes each order into the database in the delivery's
 * transaction, and throws for an order whose text starts with "fail", which rolls back the row and the receive.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "ee.orders"),
    @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "2")
})
public class OrderListener implements MessageListener
{
    @Resource(lookup = OrderApp.DATA_SOURCE)
    private DataSource dataSource;

    @Override
    public void onMessage(final Message message)
    {
        try
        {
            final String text = ((TextMessage)message).getText();
            try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO orders(text, delivery) VALUES (?, ?)"))
            {
                insert.setString(1, text);
                insert.setInt(2, message.getIntProperty("JMSXDeliveryCount"));
                insert.executeUpdate();
            }
            if (text.startsWith("fail"))
            {
                throw new IllegalStateException("order " + text + " fails on purpose");
            }
        }
        catch (final JMSException | SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
