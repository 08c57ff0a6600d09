package io.aeolus.jms.foundation;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The journal on a small file system of its own (a tmpfs the test mounts and unmounts) that fills up during
 * persistent sends. With the free-space minimum, sends are refused with a {@link ResourceAllocationException} that
 * names the full disk before H2 ever meets "no space left", and accepted again as soon as space is freed; without
 * it, the disk really fills: the batch that hit it fails its sends cleanly, and after space is freed and the broker
 * restarted every confirmed message is there. JournalFailureIT covers an I/O error injected under H2.
 * <p>
 * Needs root to mount; skipped with the reason otherwise.
 */
@Timeout(180)
class DiskFullIT
{
    private static final int FILE_SYSTEM_MB = 32;
    private static final String BODY = "x".repeat(2000);

    private static Path mountPoint;
    private static String mountProblem;

    @BeforeAll
    static void mountSmallFileSystem() throws Exception
    {
        mountPoint = Files.createTempDirectory("aeolus-disk-full");
        final Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + FILE_SYSTEM_MB + "m",
            "aeolus-disk-full", mountPoint.toString()).redirectErrorStream(true).start();
        final boolean done = mount.waitFor(20, TimeUnit.SECONDS);
        if (!done || mount.exitValue() != 0)
        {
            mountProblem = "cannot mount a tmpfs (needs root): " +
                new String(mount.getInputStream().readAllBytes()).strip();
            mount.destroyForcibly();
        }
    }

    @AfterAll
    static void unmount() throws Exception
    {
        if (null == mountProblem)
        {
            new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(mountPoint);
    }

    @Test
    void shouldRefusePersistentSendsWhileTheDiskIsNearlyFullAndResumeOnceSpaceIsFreed() throws Exception
    {
        assumeTrue(null == mountProblem, mountProblem);
        final Path dataDir = Files.createDirectories(mountPoint.resolve("guarded"));
        final Path filler = mountPoint.resolve("filler-guarded");
        final List<String> confirmed = new ArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.JOURNAL_MIN_FREE_DISK, "8m"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("disk.guarded"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            fill(filler, 10L << 20);

            final ResourceAllocationException refused = sendUntilRefused(session, producer, "g-", confirmed);

            assertTrue(refused.getMessage().contains("disk is full") &&
                refused.getMessage().contains(dataDir.toString()), refused.getMessage());
            assertFalse(confirmed.isEmpty(), "the disk filled before anything was confirmed");
            final MessageProducer fast = session.createProducer(session.createQueue("disk.guarded.fast"));
            fast.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            fast.send(session.createTextMessage("non-persistent still flows"));

            Files.delete(filler);
            final String resumed = "g-after-" + confirmed.size();
            sendOnceAccepted(session, producer, resumed);
            confirmed.add(resumed);

            connection.start();
            assertEquals(confirmed, receiveAll(session, "disk.guarded"));
        }
        finally
        {
            Files.deleteIfExists(filler);
            IoUtil.delete(dataDir.toFile(), true);
        }
    }

    @Test
    void shouldFailTheBatchThatHitsAFullDiskAndKeepEveryConfirmedMessage() throws Exception
    {
        assumeTrue(null == mountProblem, mountProblem);
        final Path dataDir = Files.createDirectories(mountPoint.resolve("unguarded"));
        final Path filler = mountPoint.resolve("filler-unguarded");
        final List<String> confirmed = new ArrayList<>();
        final Broker.Context first = EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.JOURNAL_MIN_FREE_DISK, "0");
        try
        {
            try (EmbeddedBroker broker = EmbeddedBroker.start(first);
                Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("disk.full"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                fill(filler, 2L << 20);

                final ResourceAllocationException refused = sendUntilRefused(session, producer, "f-", confirmed);

                System.out.println("disk full: " + confirmed.size() + " confirmed, then: " + refused.getMessage());
                assertTrue(refused.getMessage().contains("journal") &&
                    refused.getMessage().contains("No space left on device"), refused.getMessage());
                final MessageProducer fast = session.createProducer(session.createQueue("disk.full.fast"));
                fast.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                fast.send(session.createTextMessage("non-persistent still flows"));
            }
            Files.delete(filler);

            try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir));
                Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
            {
                connection.start();
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                assertEquals(confirmed, receiveAll(session, "disk.full"));
            }
        }
        finally
        {
            Files.deleteIfExists(filler);
            IoUtil.delete(dataDir.toFile(), true);
        }
    }

    /**
     * Takes all but {@code leaveBytes} of the file system's usable space.
     */
    private static void fill(final Path filler, final long leaveBytes) throws IOException
    {
        final long usable = Files.getFileStore(filler.getParent()).getUsableSpace();
        assumeTrue(usable > leaveBytes, "the file system is already fuller than the test needs");
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw"))
        {
            final byte[] block = new byte[1 << 20];
            long left = usable - leaveBytes;
            while (left > 0)
            {
                final int length = (int)Math.min(block.length, left);
                file.write(block, 0, length);
                left -= length;
            }
        }
    }

    private static ResourceAllocationException sendUntilRefused(
        final Session session, final MessageProducer producer, final String prefix, final List<String> confirmed)
        throws JMSException
    {
        for (int i = 0; i < 100_000; i++)
        {
            final String text = prefix + i;
            try
            {
                producer.send(session.createTextMessage(text + BODY));
            }
            catch (final ResourceAllocationException ex)
            {
                return ex;
            }
            confirmed.add(text);
        }
        throw new AssertionError("the disk never filled");
    }

    private static void sendOnceAccepted(final Session session, final MessageProducer producer, final String text)
        throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true)
        {
            try
            {
                producer.send(session.createTextMessage(text + BODY));
                return;
            }
            catch (final ResourceAllocationException ex)
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "sends still refused after space was freed: " + ex);
                // Near the minimum the broker looks at the disk on every send; the pause only spaces the tries.
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static List<String> receiveAll(final Session session, final String queue) throws JMSException
    {
        final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        final List<String> received = new ArrayList<>();
        Message message;
        while (null != (message = consumer.receive(2_000)))
        {
            final String text = ((TextMessage)message).getText();
            assertNotNull(text);
            received.add(text.substring(0, text.length() - BODY.length()));
        }
        assertNull(consumer.receiveNoWait());
        return received;
    }
}
