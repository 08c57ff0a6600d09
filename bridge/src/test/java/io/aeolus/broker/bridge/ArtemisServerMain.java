package io.aeolus.broker.bridge;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import java.io.File;
import java.io.IOException;

/**
 * An ActiveMQ Artemis server as a process of its own, for tests that kill it ({@code kill -9}) and start it again on
 * the same journal: {@code java -cp <test class path> io.aeolus.broker.bridge.ArtemisServerMain <data dir> <port>}.
 * It prints {@value #READY} and its process id on standard output once it accepts connections on
 * {@code tcp://127.0.0.1:<port>}, and stops when its standard input closes (the test ended or died). The journal is
 * Artemis's NIO file journal, synced on every persistent send and transaction commit (Artemis's defaults), so what it
 * confirmed survives a kill.
 */
public final class ArtemisServerMain
{
    /**
     * The first word of the line printed once the server runs.
     */
    public static final String READY = "ARTEMIS-READY";

    /** Artemis 2.40's native epoll transport does not match the Netty 4.2 the build pins for MQTT: plain NIO. */
    static final String NO_EPOLL = "?useEpoll=false";

    private ArtemisServerMain()
    {
    }

    /**
     * Runs the server until standard input closes.
     *
     * @param args the data directory and the acceptor's port.
     * @throws Exception if the server cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length != 2)
        {
            System.err.println("usage: ArtemisServerMain <data dir> <port>");
            System.exit(2);
        }
        final File data = new File(args[0]);
        final int port = Integer.parseInt(args[1]);
        final EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration(data, port));
        server.start();
        System.out.println(READY + " pid=" + ProcessHandle.current().pid() + " port=" + port);
        System.out.flush();
        try
        {
            while (System.in.read() >= 0)
            {
                // Nothing to read: the parent closes standard input to stop this server.
            }
        }
        catch (final IOException ex)
        {
            // The parent is gone: stop as if asked to.
        }
        server.stop();
        System.exit(0);
    }

    static Configuration configuration(final File data, final int port) throws Exception
    {
        return new ConfigurationImpl()
            .setPersistenceEnabled(true)
            .setSecurityEnabled(false)
            .setJMXManagementEnabled(false)
            .setJournalType(JournalType.NIO)
            .setMaxDiskUsage(100)
            .setJournalDirectory(new File(data, "journal").getPath())
            .setBindingsDirectory(new File(data, "bindings").getPath())
            .setPagingDirectory(new File(data, "paging").getPath())
            .setLargeMessagesDirectory(new File(data, "large-messages").getPath())
            .addAcceptorConfiguration("netty", "tcp://127.0.0.1:" + port + NO_EPOLL);
    }
}
