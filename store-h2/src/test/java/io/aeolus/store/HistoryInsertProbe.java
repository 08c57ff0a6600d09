package io.aeolus.store;

import java.sql.Connection;

import org.h2.api.Trigger;

/**
 * Runs a test's hook on each row inserted into the table it is attached to, on the thread that writes it, so a test
 * can see what else had happened by then.
 */
public final class HistoryInsertProbe implements Trigger
{
    static volatile Runnable hook = () -> { };

    public void fire(final Connection connection, final Object[] oldRow, final Object[] newRow)
    {
        hook.run();
    }

    static void attach(final String jdbcUrl, final String table, final Runnable onInsert) throws Exception
    {
        try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl, "sa", "");
            java.sql.Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TRIGGER probe_" + table + " AFTER INSERT ON " + table +
                " FOR EACH ROW CALL \"" + HistoryInsertProbe.class.getName() + "\"");
        }
        hook = onInsert;
    }
}
