package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;

import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes every call the engine makes on its egress as a line: a delivery names the message by its broker id, its
 * destination and a checksum of its bytes. Always writable.
 */
final class RecordingEgress implements ClientEgress
{
    private final List<String> out;

    RecordingEgress(final List<String> out)
    {
        this.out = out;
    }

    public void ok(final long connectionId, final long correlationId, final long value)
    {
        out.add("ok " + connectionId + " " + correlationId + " " + value);
    }

    public void error(final long connectionId, final long correlationId, final EngineError error,
        final String message)
    {
        out.add("error " + connectionId + " " + correlationId + " " + error + " " + EngineRecording.quote(message));
    }

    public void deliver(final long connectionId, final long consumerId, final long deliveryId,
        final int deliveryCount, final BrokerMessage message)
    {
        out.add("deliver " + connectionId + " " + consumerId + " " + deliveryId + " " + deliveryCount + " " +
            message.messageId() + " " + message.destination() + " " + checksum(message.encodedBytes()));
    }

    public void noMessage(final long connectionId, final long consumerId, final long correlationId)
    {
        out.add("noMessage " + connectionId + " " + consumerId + " " + correlationId);
    }

    public void producerCredit(final long connectionId, final long producerId, final boolean blocked)
    {
        out.add("producerCredit " + connectionId + " " + producerId + " " + blocked);
    }

    public void xaRecovered(final long connectionId, final long correlationId, final List<BranchId> branches)
    {
        out.add("xaRecovered " + connectionId + " " + correlationId + " " + branches);
    }

    public boolean isWritable(final long connectionId)
    {
        return true;
    }

    static String checksum(final byte[] bytes)
    {
        final CRC32 crc = new CRC32();
        crc.update(bytes);
        return Long.toHexString(crc.getValue());
    }
}
