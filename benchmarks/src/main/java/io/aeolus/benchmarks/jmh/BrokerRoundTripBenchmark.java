package io.aeolus.benchmarks.jmh;

import io.aeolus.benchmarks.perf.TemporaryFiles;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One message through the broker, in process: an {@link EmbeddedBroker} with its own Aeron directory, a JMS
 * producer and a consumer (each on its own connection, over IPC or UDP), and per operation one non-persistent
 * 64-byte send and the synchronous receive of it. The time is the one-way trip client, broker conductor, client;
 * with {@code -prof gc} the allocation is that of client and broker together per message. {@code idle} picks the
 * broker conductor's idle strategy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED"})
public class BrokerRoundTripBenchmark
{
    /** How the clients reach the broker. */
    @Param({"ipc", "udp"})
    private String channel;

    /** The broker conductor's idle strategy: backoff (the default) or yield. */
    @Param({"backoff"})
    private String idle;

    private Path dataDir;
    private EmbeddedBroker broker;
    private Connection producerConnection;
    private Connection consumerConnection;
    private MessageProducer producer;
    private MessageConsumer consumer;
    private BytesMessage message;

    /**
     * Starts the broker and connects producer and consumer.
     *
     * @throws IOException  if the data directory cannot be created.
     * @throws JMSException if the clients cannot connect.
     */
    @Setup
    public void setUp() throws IOException, JMSException
    {
        dataDir = Files.createTempDirectory("aeolus-jmh-broker");
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .aeronDirectoryName(TemporaryFiles.sharedMemoryDirectory("aeolus-jmh-broker"))
            .set(BrokerConfiguration.IDLE_STRATEGY, idle));
        final AeolusConnectionFactory factory =
            new AeolusConnectionFactory("udp".equals(channel) ? broker.udpUrl() : broker.ipcUrl());
        producerConnection = factory.createConnection();
        consumerConnection = factory.createConnection();
        final Session producerSession = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final Session consumerSession = consumerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = producerSession.createProducer(producerSession.createQueue("jmh.roundtrip"));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        consumer = consumerSession.createConsumer(consumerSession.createQueue("jmh.roundtrip"));
        consumerConnection.start();
        message = producerSession.createBytesMessage();
        message.writeBytes(new byte[64]);
    }

    /**
     * Sends one message and receives it.
     *
     * @return the received message.
     * @throws JMSException if the broker does not deliver within 10 seconds.
     */
    @Benchmark
    public Message sendAndReceive() throws JMSException
    {
        producer.send(message);
        final Message received = consumer.receive(10_000);
        if (null == received)
        {
            throw new JMSException("no delivery within 10 s");
        }
        return received;
    }

    /**
     * Closes the clients and the broker and deletes the data directory.
     *
     * @throws JMSException if a close fails.
     */
    @TearDown
    public void tearDown() throws JMSException
    {
        producerConnection.close();
        consumerConnection.close();
        broker.close();
        TemporaryFiles.deleteRecursively(dataDir);
    }
}
