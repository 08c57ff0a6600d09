package io.aeolus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the metrics history ({@code metrics_history}) on the journal thread: the points of a
 * {@link JournalCommand.RecordHistory} as one JDBC batch of merges (a point stored again at the same time and
 * series replaces the old one), then the deletion of the points older than its retention. Runs inside the caller's
 * transaction, which is never the transaction of a batch of messages.
 */
final class HistoryWriter
{
    private final PreparedStatement mergePoint;
    private final PreparedStatement deleteBefore;

    HistoryWriter(final Connection connection) throws SQLException
    {
        mergePoint = connection.prepareStatement(
            "MERGE INTO metrics_history (time_ms, series, depth, in_rate, out_rate) KEY (time_ms, series) " +
            "VALUES (?, ?, ?, ?, ?)");
        deleteBefore = connection.prepareStatement("DELETE FROM metrics_history WHERE time_ms < ?");
    }

    /**
     * Applies one command. Does not commit.
     *
     * @return the points deleted by the pruning.
     */
    int write(final JournalCommand.RecordHistory record) throws SQLException
    {
        final List<HistoryPoint> points = record.points();
        for (int i = 0, size = points.size(); i < size; i++)
        {
            final HistoryPoint point = points.get(i);
            mergePoint.setLong(1, point.timeMs());
            mergePoint.setString(2, point.series());
            mergePoint.setLong(3, point.depth());
            mergePoint.setDouble(4, point.inRate());
            mergePoint.setDouble(5, point.outRate());
            mergePoint.addBatch();
        }
        if (!points.isEmpty())
        {
            mergePoint.executeBatch();
        }
        if (Long.MIN_VALUE == record.pruneBeforeMs())
        {
            return 0;
        }
        deleteBefore.setLong(1, record.pruneBeforeMs());
        return deleteBefore.executeUpdate();
    }

    /**
     * Forgets statements added to a batch that failed.
     */
    void clear()
    {
        try
        {
            mergePoint.clearBatch();
        }
        catch (final SQLException ex)
        {
            // The statement is unusable after a failure of the connection; the next write reports that.
            return;
        }
    }
}
