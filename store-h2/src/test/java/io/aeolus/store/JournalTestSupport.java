package io.aeolus.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

final class JournalTestSupport
{
    private JournalTestSupport()
    {
    }

    static H2Journal open(final Path directory)
    {
        return H2Journal.open(new H2Journal.Context().dataDirectory(directory));
    }

    static byte[] payload(final long messageId)
    {
        return ("message-" + messageId).getBytes(StandardCharsets.UTF_8);
    }

    static JournalCommand.StoreMessage store(final long messageId)
    {
        return new JournalCommand.StoreMessage(messageId, 4, 0, 0, payload(messageId));
    }

    static JournalCommand.AddReference add(final String queue, final long messageId, final long sequence)
    {
        return new JournalCommand.AddReference(queue, messageId, sequence);
    }

    static JournalCommand.RemoveReference remove(final String queue, final long messageId)
    {
        return new JournalCommand.RemoveReference(queue, messageId);
    }

    static List<Long> messageIds(final List<StoredReference> references)
    {
        final List<Long> ids = new ArrayList<>();
        for (final StoredReference reference : references)
        {
            ids.add(reference.messageId());
        }
        return ids;
    }

    static long count(final String jdbcUrl, final String sql) throws Exception
    {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
            Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery(sql))
        {
            resultSet.next();
            return resultSet.getLong(1);
        }
    }
}
