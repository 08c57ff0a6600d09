package io.aeolus.ra.app;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends through the adapter's pooled connection factory in the container's transaction (rolled back on request),
 * and reads the orders table.
 */
@Stateless
public class SenderBean
{
    @Resource(lookup = OrderApp.CONNECTION_FACTORY)
    private ConnectionFactory factory;

    @Resource(lookup = OrderApp.DATA_SOURCE)
    private DataSource dataSource;

    @Resource
    private SessionContext context;

    public void send(final String queue, final String text, final boolean rollback) throws JMSException
    {
        try (Connection connection = factory.createConnection())
        {
            final Session session = connection.createSession();
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
        }
        if (rollback)
        {
            context.setRollbackOnly();
        }
    }

    public void sendWithContext(final String queue, final String text, final boolean rollback)
    {
        try (JMSContext jms = factory.createContext())
        {
            jms.createProducer().send(jms.createQueue(queue), text);
        }
        if (rollback)
        {
            context.setRollbackOnly();
        }
    }

    public String refusals() throws JMSException
    {
        final StringBuilder refused = new StringBuilder();
        try (Connection connection = factory.createConnection())
        {
            try
            {
                connection.setClientID("nope");
            }
            catch (final jakarta.jms.IllegalStateException ex)
            {
                refused.append("setClientID ");
            }
            try
            {
                connection.stop();
            }
            catch (final jakarta.jms.IllegalStateException ex)
            {
                refused.append("stop ");
            }
            connection.createSession();
            try
            {
                connection.createSession();
            }
            catch (final jakarta.jms.IllegalStateException ex)
            {
                refused.append("secondSession");
            }
        }
        return refused.toString().trim();
    }

    public List<String> rows() throws SQLException
    {
        final List<String> rows = new ArrayList<>();
        try (java.sql.Connection connection = dataSource.getConnection();
            PreparedStatement select = connection.prepareStatement("SELECT text, delivery FROM orders ORDER BY text");
            ResultSet result = select.executeQuery())
        {
            while (result.next())
            {
                rows.add(result.getString(1) + "#" + result.getInt(2));
            }
        }
        return rows;
    }
}
