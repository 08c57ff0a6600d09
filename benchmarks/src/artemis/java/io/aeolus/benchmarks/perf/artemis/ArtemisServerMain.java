package io.aeolus.benchmarks.perf.artemis;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import java.io.File;

/**
 * Runs an embedded ActiveMQ Artemis server on its defaults, with persistence on: a Netty acceptor on
 * {@code 127.0.0.1:<port>}, an MQTT acceptor ({@code protocols=MQTT}, from artemis-mqtt-protocol) on
 * {@code 127.0.0.1:<mqtt port>}, its file journal (ASYNCIO where libaio is present, else NIO) under the given
 * directory, security off. Prints {@code ARTEMIS-READY url=... mqtt=... journal=...} once it accepts connections, and
 * stops when its standard input closes (the parent closed it, or died).
 * <p>
 * Usage: {@code ArtemisServerMain <port> <mqtt port> <directory> [<journal buffer timeout ns>]}: the optional timeout
 * replaces the default (3.33 ms for NIO, 0.5 ms for ASYNCIO), as {@code artemis create} does after timing the disk.
 */
public final class ArtemisServerMain
{
    private ArtemisServerMain()
    {
    }

    /**
     * Starts the server and runs until standard input closes.
     *
     * @param args the port, the MQTT port, the data directory and optionally the journal buffer timeout.
     * @throws Exception if the server does not start.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length != 3 && args.length != 4)
        {
            System.err.println(
                "usage: ArtemisServerMain <port> <mqtt port> <directory> [<journal buffer timeout ns>]");
            System.exit(2);
        }
        final int port = Integer.parseInt(args[0]);
        final int mqttPort = Integer.parseInt(args[1]);
        final File dir = new File(args[2]);
        final JournalType journalType = AIOSequentialFileFactory.isSupported(dir) ?
            JournalType.ASYNCIO : JournalType.NIO;
        final Configuration configuration = new ConfigurationImpl()
            .setPersistenceEnabled(true)
            .setSecurityEnabled(false)
            .setJMXManagementEnabled(false)
            .setJournalType(journalType)
            .setJournalDirectory(new File(dir, "journal").getPath())
            .setBindingsDirectory(new File(dir, "bindings").getPath())
            .setPagingDirectory(new File(dir, "paging").getPath())
            .setLargeMessagesDirectory(new File(dir, "large-messages").getPath())
            .addAcceptorConfiguration("netty", "tcp://127.0.0.1:" + port)
            .addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + mqttPort + "?protocols=MQTT");
        if (args.length == 4)
        {
            final int timeoutNs = Integer.parseInt(args[3]);
            configuration.setJournalBufferTimeout_NIO(timeoutNs).setJournalBufferTimeout_AIO(timeoutNs);
        }
        final EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration);
        server.start();
        System.out.println("ARTEMIS-READY url=tcp://127.0.0.1:" + port + " mqtt=tcp://127.0.0.1:" + mqttPort +
            " journal=" + journalType +
            " buffer-timeout-ns=" + configuration.getJournalBufferTimeout_NIO());
        System.out.flush();
        while (System.in.read() != -1)
        {
            // Nothing is sent on standard input: it only tells when the parent has gone.
        }
        server.stop();
        System.exit(0);
    }
}
