package io.aeolus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes and reads the XA branches the journal keeps ({@code xa_branches}, {@code xa_branch_sends},
 * {@code xa_branch_acks}). Journal thread only, inside the batch's transaction for writes; reads at start.
 */
final class XaBranchStore
{
    private static final String KEY = "format_id = ? AND gtrid = ? AND bqual = ?";

    private final Connection connection;
    private final PreparedStatement mergeBranch;
    private final PreparedStatement insertSend;
    private final PreparedStatement insertAck;
    private final PreparedStatement updateState;
    private final PreparedStatement deleteBranch;
    private final PreparedStatement deleteSends;
    private final PreparedStatement deleteAcks;

    XaBranchStore(final Connection connection) throws SQLException
    {
        this.connection = connection;
        mergeBranch = connection.prepareStatement(
            "MERGE INTO xa_branches (format_id, gtrid, bqual, state, prepared_ms) KEY (format_id, gtrid, bqual) " +
            "VALUES (?, ?, ?, ?, ?)");
        insertSend = connection.prepareStatement(
            "INSERT INTO xa_branch_sends (format_id, gtrid, bqual, seq, payload) VALUES (?, ?, ?, ?, ?)");
        insertAck = connection.prepareStatement(
            "INSERT INTO xa_branch_acks (format_id, gtrid, bqual, seq, queue_name, message_id) " +
            "VALUES (?, ?, ?, ?, ?, ?)");
        updateState = connection.prepareStatement("UPDATE xa_branches SET state = ? WHERE " + KEY);
        deleteBranch = connection.prepareStatement("DELETE FROM xa_branches WHERE " + KEY);
        deleteSends = connection.prepareStatement("DELETE FROM xa_branch_sends WHERE " + KEY);
        deleteAcks = connection.prepareStatement("DELETE FROM xa_branch_acks WHERE " + KEY);
    }

    /**
     * @param command a command.
     * @return true if it was an XA command, now written.
     * @throws SQLException on a database error.
     */
    boolean apply(final JournalCommand command) throws SQLException
    {
        if (command instanceof JournalCommand.XaPrepare prepare)
        {
            prepare(prepare.branch());
            return true;
        }
        if (command instanceof JournalCommand.XaHeuristic heuristic)
        {
            deleteWork(heuristic.formatId(), heuristic.gtrid(), heuristic.bqual());
            updateState.setInt(1, heuristic.state());
            key(updateState, 2, heuristic.formatId(), heuristic.gtrid(), heuristic.bqual());
            updateState.executeUpdate();
            return true;
        }
        if (command instanceof JournalCommand.XaForget forget)
        {
            deleteWork(forget.formatId(), forget.gtrid(), forget.bqual());
            key(deleteBranch, 1, forget.formatId(), forget.gtrid(), forget.bqual());
            deleteBranch.executeUpdate();
            return true;
        }
        return false;
    }

    private void prepare(final XaBranchRecord branch) throws SQLException
    {
        deleteWork(branch.formatId(), branch.gtrid(), branch.bqual());
        key(mergeBranch, 1, branch.formatId(), branch.gtrid(), branch.bqual());
        mergeBranch.setInt(4, branch.state());
        mergeBranch.setLong(5, branch.preparedMs());
        mergeBranch.executeUpdate();
        final List<byte[]> sends = branch.sends();
        for (int i = 0, size = sends.size(); i < size; i++)
        {
            key(insertSend, 1, branch.formatId(), branch.gtrid(), branch.bqual());
            insertSend.setInt(4, i);
            insertSend.setBytes(5, sends.get(i));
            insertSend.executeUpdate();
        }
        final List<XaBranchRecord.Ack> acks = branch.acks();
        for (int i = 0, size = acks.size(); i < size; i++)
        {
            key(insertAck, 1, branch.formatId(), branch.gtrid(), branch.bqual());
            insertAck.setInt(4, i);
            insertAck.setString(5, acks.get(i).queue());
            insertAck.setLong(6, acks.get(i).messageId());
            insertAck.executeUpdate();
        }
    }

    private void deleteWork(final int formatId, final byte[] gtrid, final byte[] bqual) throws SQLException
    {
        key(deleteSends, 1, formatId, gtrid, bqual);
        deleteSends.executeUpdate();
        key(deleteAcks, 1, formatId, gtrid, bqual);
        deleteAcks.executeUpdate();
    }

    private static void key(final PreparedStatement statement, final int first, final int formatId,
        final byte[] gtrid, final byte[] bqual) throws SQLException
    {
        statement.setInt(first, formatId);
        statement.setBytes(first + 1, gtrid);
        statement.setBytes(first + 2, bqual);
    }

    /**
     * Every recorded branch, ordered by Xid, with its sends and acknowledgements. Allocates.
     *
     * @return the branches.
     * @throws SQLException on a database error.
     */
    List<XaBranchRecord> read() throws SQLException
    {
        final List<XaBranchRecord> branches = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT format_id, gtrid, bqual, state, prepared_ms FROM xa_branches ORDER BY format_id, gtrid, bqual");
            PreparedStatement selectSends = connection.prepareStatement(
                "SELECT payload FROM xa_branch_sends WHERE " + KEY + " ORDER BY seq");
            PreparedStatement selectAcks = connection.prepareStatement(
                "SELECT queue_name, message_id FROM xa_branch_acks WHERE " + KEY + " ORDER BY seq");
            ResultSet rows = select.executeQuery())
        {
            while (rows.next())
            {
                final int formatId = rows.getInt(1);
                final byte[] gtrid = rows.getBytes(2);
                final byte[] bqual = rows.getBytes(3);
                final List<byte[]> sends = new ArrayList<>();
                key(selectSends, 1, formatId, gtrid, bqual);
                try (ResultSet sendRows = selectSends.executeQuery())
                {
                    while (sendRows.next())
                    {
                        sends.add(sendRows.getBytes(1));
                    }
                }
                final List<XaBranchRecord.Ack> acks = new ArrayList<>();
                key(selectAcks, 1, formatId, gtrid, bqual);
                try (ResultSet ackRows = selectAcks.executeQuery())
                {
                    while (ackRows.next())
                    {
                        acks.add(new XaBranchRecord.Ack(ackRows.getString(1), ackRows.getLong(2)));
                    }
                }
                branches.add(new XaBranchRecord(formatId, Arrays.copyOf(gtrid, gtrid.length),
                    Arrays.copyOf(bqual, bqual.length), rows.getInt(4), rows.getLong(5), sends, acks));
            }
        }
        return branches;
    }
}
