package io.aeolus.jms.foundation;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one consumer stream of the soak (a queue, or one durable subscription) delivered and committed: the keys
 * committed (a consumption counts once its transaction committed), those whose commit was in doubt (the broker was
 * killed under it), duplicates, per-producer order and redeliveries with and without {@code JMSRedelivered}.
 * One consumer at a time per stream, so per-producer order is meaningful; synchronized for the final checks.
 */
final class SoakStream
{
    final String name;
    private final Map<String, Integer> deliveredInEpoch = new HashMap<>();
    private final Set<String> committed = new HashSet<>();
    private final Set<String> inDoubt = new HashSet<>();
    private final Map<String, Long> lastSeq = new HashMap<>();
    private final List<String> examples = new ArrayList<>();
    private long duplicates;
    private long outOfOrder;
    private long flaggedRedeliveries;
    private long unflaggedAfterKill;
    private long unflaggedSameBroker;

    SoakStream(final String name)
    {
        this.name = name;
    }

    /**
     * A delivery, as received and before its commit.
     */
    record Delivery(String key, String producer, long seq, boolean redelivered)
    {
        static Delivery of(final Message message) throws JMSException
        {
            final String producer = message.getStringProperty("producer");
            final long seq = message.getLongProperty("seq");
            return new Delivery(producer + ":" + seq, producer, seq, message.getJMSRedelivered());
        }
    }

    synchronized void delivered(final Delivery delivery, final int brokerEpoch)
    {
        final Integer previous = deliveredInEpoch.put(delivery.key, brokerEpoch);
        if (null == previous)
        {
            return;
        }
        if (delivery.redelivered)
        {
            flaggedRedeliveries++;
        }
        else if (previous != brokerEpoch)
        {
            unflaggedAfterKill++;
        }
        else
        {
            unflaggedSameBroker++;
            example("delivered twice without JMSRedelivered: " + delivery.key);
        }
    }

    synchronized void committed(final List<Delivery> batch)
    {
        for (final Delivery delivery : batch)
        {
            if (!committed.add(delivery.key))
            {
                duplicates++;
                example("consumed twice: " + delivery.key);
                continue;
            }
            final Long last = lastSeq.get(delivery.producer);
            if (null != last && delivery.seq < last && !delivery.redelivered)
            {
                outOfOrder++;
                example("out of order: " + delivery.key + " after " + delivery.producer + ":" + last);
            }
            lastSeq.put(delivery.producer, null == last ? delivery.seq : Math.max(last, delivery.seq));
        }
    }

    synchronized void inDoubt(final List<Delivery> batch)
    {
        for (final Delivery delivery : batch)
        {
            inDoubt.add(delivery.key);
        }
    }

    /**
     * @return the confirmed keys neither committed nor in a commit in doubt.
     */
    synchronized Set<String> lost(final Set<String> confirmed)
    {
        final Set<String> lost = new HashSet<>(confirmed);
        lost.removeAll(committed);
        lost.removeAll(inDoubt);
        return lost;
    }

    synchronized int committedCount()
    {
        return committed.size();
    }

    synchronized long duplicates()
    {
        return duplicates;
    }

    synchronized long outOfOrder()
    {
        return outOfOrder;
    }

    synchronized long unflaggedSameBroker()
    {
        return unflaggedSameBroker;
    }

    synchronized List<String> examples()
    {
        return new ArrayList<>(examples);
    }

    synchronized String report()
    {
        return name + ": committed " + committed.size() + ", in doubt " + inDoubt.size() + ", duplicates " +
            duplicates + ", out of order " + outOfOrder + ", redeliveries flagged " + flaggedRedeliveries +
            ", unflagged after a kill " + unflaggedAfterKill + ", unflagged on one broker " + unflaggedSameBroker;
    }

    private void example(final String text)
    {
        if (examples.size() < 20)
        {
            examples.add(text);
        }
    }
}
