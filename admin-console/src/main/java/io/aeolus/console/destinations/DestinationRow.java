package io.aeolus.console.destinations;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.SystemDestinations;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;

/**
 * One table row; keeps its identity across updates so the table keeps selection and only the changed cells
 * repaint. FX thread only.
 */
public final class DestinationRow
{
    private final String name;
    private final String lowerCaseName;
    private final DestinationType type;
    private final boolean deadLetterQueue;
    private final boolean temporary;
    private final boolean system;
    private final LongProperty depth = new SimpleLongProperty(this, "depth");
    private final LongProperty inFlight = new SimpleLongProperty(this, "inFlight");
    private final IntegerProperty consumers = new SimpleIntegerProperty(this, "consumers");
    private final LongProperty enqueued = new SimpleLongProperty(this, "enqueued");
    private final LongProperty deadLettered = new SimpleLongProperty(this, "deadLettered");
    private final DoubleProperty inRate = new SimpleDoubleProperty(this, "inRate");
    private final DoubleProperty outRate = new SimpleDoubleProperty(this, "outRate");
    private final LongProperty dlqDepth = new SimpleLongProperty(this, "dlqDepth");
    private final LongProperty oldestAgeSeconds = new SimpleLongProperty(this, "oldestAgeSeconds");
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");

    /**
     * Creates a row from a first snapshot.
     *
     * @param info the destination's statistics.
     */
    public DestinationRow(final DestinationInfo info)
    {
        name = info.name();
        // Kept once: the filter looks at every row's name on every metrics tick (10,000 rows and more).
        lowerCaseName = name.toLowerCase(java.util.Locale.ROOT);
        type = info.type();
        deadLetterQueue = info.deadLetterQueue();
        temporary = info.temporary();
        system = SystemDestinations.isSystem(info);
        update(info);
    }

    /**
     * Copies new statistics into the properties; FX thread, no allocation.
     *
     * @param info statistics of the same destination.
     */
    public void update(final DestinationInfo info)
    {
        depth.set(info.depth());
        inFlight.set(info.inFlight());
        consumers.set(info.consumers());
        enqueued.set(info.enqueued());
        deadLettered.set(info.deadLettered());
        inRate.set(Math.round(info.inRatePerSec() * 10) / 10.0);
        outRate.set(Math.round(info.outRatePerSec() * 10) / 10.0);
        dlqDepth.set(info.dlqDepth());
        oldestAgeSeconds.set(info.oldestAgeMs() / 1000);
        paused.set(info.paused());
    }

    /**
     * Whether the broker holds back the queue's deliveries.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty pausedProperty()
    {
        return paused;
    }

    /**
     * Messages enqueued per second over the last metrics interval, to a tenth.
     *
     * @return the property.
     */
    public ReadOnlyDoubleProperty inRateProperty()
    {
        return inRate;
    }

    /**
     * Messages acknowledged per second over the last metrics interval, to a tenth.
     *
     * @return the property.
     */
    public ReadOnlyDoubleProperty outRateProperty()
    {
        return outRate;
    }

    /**
     * Messages in the dead-letter queue this destination's dead letters go to.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty dlqDepthProperty()
    {
        return dlqDepth;
    }

    /**
     * Age of the oldest waiting message in seconds, as of the last full listing.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty oldestAgeSecondsProperty()
    {
        return oldestAgeSeconds;
    }

    /**
     * Destination name.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * The name in lower case, for a case-insensitive filter without allocating per look.
     *
     * @return the name, lower case.
     */
    public String lowerCaseName()
    {
        return lowerCaseName;
    }

    /**
     * Destination type.
     *
     * @return queue or topic.
     */
    public DestinationType type()
    {
        return type;
    }

    /**
     * Whether this is a dead-letter queue.
     *
     * @return true for a DLQ.
     */
    public boolean deadLetterQueue()
    {
        return deadLetterQueue;
    }

    /**
     * Whether this is a temporary destination.
     *
     * @return true for a temporary queue or topic.
     */
    public boolean temporary()
    {
        return temporary;
    }

    /**
     * Whether this is a system destination, hidden by default.
     *
     * @return true for the broker's own and temporary destinations.
     */
    public boolean system()
    {
        return system;
    }

    /**
     * Messages waiting.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty depthProperty()
    {
        return depth;
    }

    /**
     * Messages delivered and not acknowledged.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty inFlightProperty()
    {
        return inFlight;
    }

    /**
     * Attached consumers.
     *
     * @return the property.
     */
    public ReadOnlyIntegerProperty consumersProperty()
    {
        return consumers;
    }

    /**
     * Messages enqueued since broker start.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty enqueuedProperty()
    {
        return enqueued;
    }

    /**
     * Messages dead-lettered since broker start.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty deadLetteredProperty()
    {
        return deadLettered;
    }
}
