package io.aeolus.store;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.api.Trigger;

/**
 * Counts rows inserted into the table it is attached to, so a test can see what the journal actually wrote.
 */
public final class InsertCountingTrigger implements Trigger
{
    static final AtomicLong INSERTS = new AtomicLong();

    public void fire(final Connection connection, final Object[] oldRow, final Object[] newRow)
    {
        INSERTS.incrementAndGet();
    }

    static void attach(final String jdbcUrl, final String table) throws Exception
    {
        try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl, "sa", "");
            java.sql.Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TRIGGER count_" + table + " AFTER INSERT ON " + table +
                " FOR EACH ROW CALL \"" + InsertCountingTrigger.class.getName() + "\"");
        }
        INSERTS.set(0);
    }
}
