package io.aeolus.broker;

import io.aeolus.broker.security.SecurityMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A broker inside an application or a test: start it, connect with its {@link #ipcUrl()} or {@link #udpUrl()},
 * close it. Thread-safe to close once.
 * <p>
 * {@link #start()}, {@link #startIsolated(Path)} and {@link #isolatedContext(Path)} are for tests, demos and
 * benchmarks: they run in development mode ({@link SecurityMode#DEV}), where clients on this host connect without
 * credentials, and say so on start. To test with security on, set it back on the context:
 * {@code EmbeddedBroker.isolatedContext(dir).securityMode(SecurityMode.ON)}. {@link #start(Broker.Context)} with a
 * context of your own is secure by default, as the broker process is.
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(tempDir))
 * {
 *     ConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable
{
    private final Broker broker;

    private EmbeddedBroker(final Broker broker)
    {
        this.broker = broker;
    }

    /**
     * Starts a broker on its defaults (system properties apply), in development mode: anonymous clients on this host
     * connect with full access.
     *
     * @return the running broker.
     */
    public static EmbeddedBroker start()
    {
        return start(new Broker.Context().securityMode(SecurityMode.DEV));
    }

    /**
     * Starts a broker with the given configuration.
     *
     * @param ctx the configuration, not reused afterwards.
     * @return the running broker.
     */
    public static EmbeddedBroker start(final Broker.Context ctx)
    {
        return new EmbeddedBroker(Broker.launch(ctx));
    }

    /**
     * Starts a broker that shares nothing with any other: its own Aeron directory under {@code /dev/shm} (deleted
     * on close), a free UDP port on loopback, and the given data directory; in development mode. For tests and
     * demos.
     *
     * @param dataDirectory where its data lives.
     * @return the running broker.
     */
    public static EmbeddedBroker startIsolated(final Path dataDirectory)
    {
        return start(isolatedContext(dataDirectory));
    }

    /**
     * A context for a broker that shares nothing with any other, to adjust before starting; in development mode
     * (anonymous clients on this host), unless set back with {@code securityMode(SecurityMode.ON)}.
     *
     * @param dataDirectory where its data lives.
     * @return the context.
     */
    public static Broker.Context isolatedContext(final Path dataDirectory)
    {
        final String shm = new java.io.File("/dev/shm").isDirectory() ?
            "/dev/shm" : System.getProperty("java.io.tmpdir");
        return new Broker.Context()
            .aeronDirectoryName(shm + "/aeolus-test-" + UUID.randomUUID())
            .udpEndpoint("127.0.0.1:" + freeUdpPort())
            .dataDirectory(dataDirectory)
            .securityMode(SecurityMode.DEV)
            .deleteAeronDirOnClose(true);
    }

    /**
     * @return the running broker.
     */
    public Broker broker()
    {
        return broker;
    }

    /**
     * @return the URL for clients on this host.
     */
    public String ipcUrl()
    {
        return broker.ipcUrl();
    }

    /**
     * @return the URL for clients over UDP, or null if disabled.
     */
    public String udpUrl()
    {
        return broker.udpUrl();
    }

    /**
     * Stops the broker.
     */
    public void close()
    {
        broker.close();
    }

    private static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free UDP port on loopback", ex);
        }
    }
}
