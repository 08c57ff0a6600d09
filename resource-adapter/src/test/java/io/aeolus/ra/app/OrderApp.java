package io.aeolus.ra.app;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The test application's resources: the H2 XA data source, the pooled connection factory of the Aeolus adapter,
 * and the orders table created at start.
 */
@Singleton
@Startup
@DataSourceDefinition(
    name = OrderApp.DATA_SOURCE,
    className = "org.h2.jdbcx.JdbcDataSource",
    url = "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1",
    user = "sa",
    password = "sa",
    minPoolSize = 1,
    maxPoolSize = 4)
@ConnectionFactoryDefinition(
    name = OrderApp.CONNECTION_FACTORY,
    interfaceName = "jakarta.jms.ConnectionFactory",
    resourceAdapter = "aeolus-ra",
    transactionSupport = TransactionSupportLevel.XATransaction,
    maxPoolSize = 4,
    minPoolSize = 0)
public class OrderApp
{
    /** JNDI name of the data source. */
    public static final String DATA_SOURCE = "java:app/jdbc/orders";
    /** JNDI name of the adapter's connection factory. */
    public static final String CONNECTION_FACTORY = "java:app/jms/aeolus";

    @Resource(lookup = DATA_SOURCE)
    private DataSource dataSource;

    @PostConstruct
    void createTable()
    {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TABLE IF NOT EXISTS orders(text VARCHAR(200), delivery INT)");
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
