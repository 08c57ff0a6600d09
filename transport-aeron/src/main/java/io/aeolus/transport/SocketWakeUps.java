package io.aeolus.transport;

import io.aeron.driver.DataPacketDispatcher;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ReceiveChannelEndpointSupplier;
import io.aeron.driver.SendChannelEndpointSupplier;
import io.aeron.driver.media.ReceiveChannelEndpoint;
import io.aeron.driver.media.SendChannelEndpoint;
import io.aeron.driver.media.UdpChannel;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Wake-ups around an embedded media driver's UDP sockets, for its one shared thread ({@code ThreadingMode.SHARED}).
 * <ul>
 *     <li><b>Frames that arrive wake the driver.</b> Once its thread has parked a few times in a row, it waits in
 *     {@link Selector#select(long)} on its UDP sockets instead of sleeping, so the kernel wakes it when a datagram
 *     arrives, as a broker blocked in {@code epoll} is woken: before, a frame waited out the rest of the driver's
 *     park, 0.1–1 ms between the frames of a conversation and up to 50 ms after a quiet spell. The first parks
 *     (under {@link #SELECT_PARK_MIN_NS}, about a third of a millisecond in all with Linux's timer slack) stay
 *     {@code parkNanos}, so work that no datagram announces (a status message to send once the reader has caught
 *     up, a NAK's delay) is looked at again within microseconds; a wait on the sockets lasts at least a millisecond,
 *     the selector's unit, unless a datagram or a wake-up of this process ends it.</li>
 *     <li><b>Frames received wake their readers.</b> After a duty cycle in which the driver put data into an image,
 *     it wakes the threads in this process that read its images (a broker's conductor, a client's receive thread),
 *     which would otherwise see the frame only when their own park ends: two of the four waits of a round trip
 *     over UDP.</li>
 * </ul>
 * {@link #park(long)}, the endpoints' hooks and {@link #afterDutyCycle()} run on the driver's thread only;
 * {@link #wakeUp()} and {@link #addReader(Runnable)} on any thread.
 */
final class SocketWakeUps implements AutoCloseable
{
    /** Parks at least this long wait on the sockets (at least a millisecond); shorter ones sleep. */
    static final long SELECT_PARK_MIN_NS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Selector selector;
    private final CopyOnWriteArrayList<Runnable> readers = new CopyOnWriteArrayList<>();
    private boolean dataReceived;
    private volatile long socketWakeUps;

    SocketWakeUps()
    {
        try
        {
            selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a selector for the media driver's sockets", ex);
        }
    }

    /**
     * Puts the driver's endpoints in a driver context: each opens its socket as Aeron's does, then lets this wake the
     * driver when a datagram arrives, and a receive endpoint notes that it received data.
     *
     * @param context the driver's context, before launch.
     * @return the context.
     */
    MediaDriver.Context installEndpoints(final MediaDriver.Context context)
    {
        final ReceiveChannelEndpointSupplier receive = (udpChannel, dispatcher, statusIndicator, ctx) ->
            new WakingReceiveEndpoint(udpChannel, dispatcher, statusIndicator, ctx, this);
        final SendChannelEndpointSupplier send = (udpChannel, statusIndicator, ctx) ->
            new WakingSendEndpoint(udpChannel, statusIndicator, ctx, this);
        return context.receiveChannelEndpointSupplier(receive).sendChannelEndpointSupplier(send);
    }

    /**
     * The driver's idle strategy with these wake-ups: a {@link ProgressiveIdleStrategy} parks on the sockets, and
     * every strategy wakes the readers after a duty cycle that received data.
     *
     * @param idleStrategy the strategy asked for.
     * @return the one to give the driver's shared thread.
     */
    IdleStrategy driverIdleStrategy(final IdleStrategy idleStrategy)
    {
        final IdleStrategy inner = idleStrategy instanceof ProgressiveIdleStrategy ?
            ((ProgressiveIdleStrategy)idleStrategy).withParker(this::park, this::wakeUp) : idleStrategy;
        return new ReadersWakingIdleStrategy(inner, this);
    }

    /**
     * @param driverIdleStrategy a strategy from {@link #driverIdleStrategy(IdleStrategy)}.
     * @return the strategy whose {@code wake()} wakes the driver's thread.
     */
    IdleStrategy wakeable(final IdleStrategy driverIdleStrategy)
    {
        return driverIdleStrategy instanceof ReadersWakingIdleStrategy ?
            ((ReadersWakingIdleStrategy)driverIdleStrategy).delegate() : driverIdleStrategy;
    }

    /**
     * Registers a thread's wake-up to run after the driver received data for the images it reads.
     *
     * @param reader wakes the reader; cheap when it is busy.
     * @return removes it again.
     */
    AutoCloseable addReader(final Runnable reader)
    {
        readers.add(reader);
        return () -> readers.remove(reader);
    }

    /**
     * Parks the driver's thread: on the sockets from {@link #SELECT_PARK_MIN_NS} on (for at least a millisecond,
     * unless a datagram or a wake-up comes first), else asleep for {@code ns}.
     *
     * @param ns the park.
     */
    void park(final long ns)
    {
        if (ns < SELECT_PARK_MIN_NS || selector.keys().isEmpty())
        {
            LockSupport.parkNanos(ns);
            return;
        }
        try
        {
            if (selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(ns))) > 0)
            {
                socketWakeUps++;
            }
            selector.selectedKeys().clear();
        }
        catch (final IOException ex)
        {
            LockSupport.parkNanos(ns);
        }
    }

    /**
     * Ends the driver thread's wait on its sockets at once, or makes the next one return at once; any thread. (A
     * sleeping park is ended by the idle strategy's unpark.)
     */
    void wakeUp()
    {
        selector.wakeup();
    }

    /**
     * After each duty cycle of the driver: wakes the readers if it received data.
     */
    void afterDutyCycle()
    {
        if (dataReceived)
        {
            dataReceived = false;
            for (final Runnable reader : readers)
            {
                reader.run();
            }
        }
    }

    /**
     * @return how many waits on the sockets a datagram ended (for tests and diagnostics; any thread).
     */
    long socketWakeUps()
    {
        return socketWakeUps;
    }

    void register(final DatagramChannel channel)
    {
        if (null == channel || !channel.isOpen())
        {
            return;
        }
        try
        {
            channel.register(selector, SelectionKey.OP_READ);
        }
        catch (final ClosedChannelException ex)
        {
            // Closed under us: nothing to wait on.
        }
    }

    void dataReceived(final int length)
    {
        if (length > DataHeaderFlyweight.HEADER_LENGTH)
        {
            dataReceived = true;
        }
    }

    /**
     * Closes the selector (the driver has stopped).
     */
    public void close()
    {
        try
        {
            selector.close();
        }
        catch (final IOException ex)
        {
            // Nothing left to wake.
        }
    }

    private static final class WakingReceiveEndpoint extends ReceiveChannelEndpoint
    {
        private final SocketWakeUps wakeUps;

        WakingReceiveEndpoint(
            final UdpChannel udpChannel,
            final DataPacketDispatcher dispatcher,
            final AtomicCounter statusIndicator,
            final MediaDriver.Context context,
            final SocketWakeUps wakeUps)
        {
            super(udpChannel, dispatcher, statusIndicator, context);
            this.wakeUps = wakeUps;
        }

        public void openDatagramChannel(final AtomicCounter statusIndicator)
        {
            super.openDatagramChannel(statusIndicator);
            wakeUps.register(receiveDatagramChannel());
        }

        public int onDataPacket(
            final DataHeaderFlyweight header,
            final UnsafeBuffer buffer,
            final int length,
            final InetSocketAddress srcAddress,
            final int transportIndex)
        {
            wakeUps.dataReceived(length);
            return super.onDataPacket(header, buffer, length, srcAddress, transportIndex);
        }
    }

    private static final class WakingSendEndpoint extends SendChannelEndpoint
    {
        private final SocketWakeUps wakeUps;

        WakingSendEndpoint(
            final UdpChannel udpChannel,
            final AtomicCounter statusIndicator,
            final MediaDriver.Context context,
            final SocketWakeUps wakeUps)
        {
            super(udpChannel, statusIndicator, context);
            this.wakeUps = wakeUps;
        }

        public void openDatagramChannel(final AtomicCounter statusIndicator)
        {
            super.openDatagramChannel(statusIndicator);
            wakeUps.register(receiveDatagramChannel());
        }
    }

    /**
     * The driver's idle strategy, waking the readers after each duty cycle that received data.
     */
    private static final class ReadersWakingIdleStrategy implements IdleStrategy
    {
        private final IdleStrategy delegate;
        private final SocketWakeUps wakeUps;

        ReadersWakingIdleStrategy(final IdleStrategy delegate, final SocketWakeUps wakeUps)
        {
            this.delegate = delegate;
            this.wakeUps = wakeUps;
        }

        public void idle(final int workCount)
        {
            wakeUps.afterDutyCycle();
            delegate.idle(workCount);
        }

        public void idle()
        {
            wakeUps.afterDutyCycle();
            delegate.idle();
        }

        public void reset()
        {
            delegate.reset();
        }

        public String alias()
        {
            return delegate.alias();
        }

        IdleStrategy delegate()
        {
            return delegate;
        }
    }
}
