package io.aeolus.broker.engine;

import io.aeolus.broker.management.ManagedBroker;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A realistic mixed workload, played at an engine's inputs: several connections; queues and topics; durable,
 * shared and non-durable subscriptions; selectors; priorities; message groups; transactions committed and rolled
 * back; recover; redelivery past the limit into the dead-letter queue; expiry; delivery delay; a backlog that pages;
 * a client that dies. Each call is a client command or a duty-cycle step as an adapter would make it.
 */
final class ReplayWorkload
{
    private final EngineRig rig;
    private final EngineInputs in;
    private long correlationId = 1;
    private long nowMs = EngineRig.START_MS;

    ReplayWorkload(final EngineRig rig)
    {
        this.rig = rig;
        this.in = rig.inputs();
    }

    /**
     * Plays the workload in stages; {@code afterStage} runs after each (the snapshot test cuts there).
     */
    void run(final Runnable afterStage)
    {
        setUp();
        afterStage.run();
        queuesWithPrioritiesGroupsAndSelectors();
        afterStage.run();
        topicsAndSubscriptions();
        afterStage.run();
        transactionsAndRecover();
        afterStage.run();
        redeliveryExpiryAndDelay();
        afterStage.run();
        backlogAndDeath();
        afterStage.run();
    }

    private void setUp()
    {
        in.onConnected(1, "alice", rig.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        in.onConnected(2, "", rig.authorizer().anonymous("aeron:udp 10.0.0.2:4000"), "aeron:udp 10.0.0.2:4000");
        in.onConnected(3, "carol", rig.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        in.onSetClientId(2, next(), "bob");
        in.onSetClientId(3, next(), "bob");
        in.onCreateSession(1, next(), 1, AckMode.CLIENT);
        in.onCreateSession(1, next(), 2, AckMode.TRANSACTED);
        in.onCreateSession(2, next(), 1, AckMode.AUTO);
        in.onCreateSession(2, next(), 2, AckMode.CLIENT);
        in.onCreateSession(3, next(), 1, AckMode.CLIENT);
        in.onCreateSession(3, next(), 1, AckMode.AUTO);
        in.onCreateProducer(1, next(), 1, 1, DestinationType.QUEUE, "orders");
        in.onCreateProducer(1, next(), 2, 2, DestinationType.NONE, "");
        in.onCreateProducer(2, next(), 1, 1, DestinationType.TOPIC, "prices");
        in.onCreateProducer(3, next(), 1, 1, DestinationType.QUEUE, "");
        rig.settle();
    }

    private void queuesWithPrioritiesGroupsAndSelectors()
    {
        for (int i = 0; i < 6; i++)
        {
            send(1, 1, 1, message("orders", "order-" + i).priority(i % 2 == 0 ? 4 : 8)
                .property("region", i % 3 == 0 ? "us" : "eu").property("JMSXGroupID", "g" + (i % 2)));
        }
        send(1, 1, 1, message("orders", "plain").nonPersistent());
        rig.settle();
        consumer(2, 1, 1, "orders", "region = 'eu'", 10);
        consumer(2, 2, 2, "orders", "", 2);
        consumer(3, 1, 3, "orders", "region = ", 1);
        rig.settle();
        in.onAck(2, 1, 2, true);
        in.onAckComplete(2, next());
        in.onConsumerCredit(2, 2, 3);
        rig.settle();
        in.onPull(2, next(), 99, 0);
        in.onCloseConsumer(2, next(), 2, 1);
        rig.settle();
        in.onConnectionFlow(2, next(), false, Map.of(1L, 1L));
        send(1, 1, 1, message("orders", "while-stopped").property("region", "eu"));
        rig.settle();
        in.onConnectionFlow(2, next(), true, Map.of(1L, 1L));
        rig.settle();
    }

    private void topicsAndSubscriptions()
    {
        consumerRequest(1, new ConsumerRequest(next(), 1, 10, DestinationType.TOPIC, "prices", "price > 10", "feed",
            5, false, true, false, false));
        consumerRequest(2, new ConsumerRequest(next(), 2, 11, DestinationType.TOPIC, "prices", "", "shared-feed", 5,
            false, false, true, false));
        consumerRequest(3, new ConsumerRequest(next(), 1, 12, DestinationType.TOPIC, "prices", "", "shared-feed", 5,
            false, false, true, false));
        consumerRequest(2, new ConsumerRequest(next(), 1, 13, DestinationType.TOPIC, "prices", "", "", 10, true,
            false, false, false));
        consumerRequest(3, new ConsumerRequest(next(), 1, 14, DestinationType.TOPIC, "prices", "", "feed2", 5,
            false, true, false, false));
        rig.settle();
        for (int i = 0; i < 6; i++)
        {
            send(2, 1, 1, message("prices", "tick-" + i).topic().property("price", i * 5).nonPersistent());
        }
        send(2, 1, 1, message("prices", "persistent-tick").topic().property("price", 50));
        rig.settle();
        in.onAck(1, 10, 2, true);
        in.onAckComplete(1, 0);
        in.onCloseConsumer(1, next(), 10, 0);
        in.onCloseConsumer(3, next(), 14, 0);
        consumerRequest(3, new ConsumerRequest(next(), 1, 17, DestinationType.TOPIC, "prices", "", "feed2", 5,
            true, true, false, false));
        in.onCloseConsumer(3, next(), 17, 0);
        in.onUnsubscribe(1, next(), "feed");
        in.onUnsubscribe(1, next(), "nothing");
        in.onCreateTemporaryDestination(1, next(), DestinationType.TEMPORARY_QUEUE, "tmp-1");
        consumer(1, 1, 15, "tmp-1", "", 5);
        consumerRequest(2, new ConsumerRequest(next(), 1, 16, DestinationType.TEMPORARY_QUEUE, "tmp-1", "", "", 5,
            false, false, false, false));
        send(3, 1, 1, message("tmp-1", "reply").temporaryQueue());
        rig.settle();
    }

    private void transactionsAndRecover()
    {
        consumer(1, 2, 20, "jobs", "", 4);
        send(3, 1, 1, message("jobs", "job-a"));
        send(3, 1, 1, message("jobs", "job-b"));
        send(3, 1, 1, message("jobs", "job-c"));
        rig.settle();
        send(1, 2, 2, message("orders", "tx-order-1"));
        send(1, 2, 2, message("orders", "tx-order-2"));
        in.onCommit(1, next(), 2, Map.of(20L, 2L));
        rig.settle();
        send(1, 2, 2, message("orders", "tx-rolled-back"));
        in.onRollback(1, next(), 2, Map.of(20L, 3L));
        rig.settle();
        in.onCommit(1, next(), 1, Map.of());
        in.onRecover(2, next(), 2, new TreeMap<>());
        in.onRecover(3, next(), 1, Map.of(3L, 0L));
        rig.settle();
    }

    private void redeliveryExpiryAndDelay()
    {
        consumer(3, 1, 30, "poison", "", 1);
        send(3, 1, 1, message("poison", "bad"));
        rig.settle();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            in.onRecover(3, next(), 1, Map.of(30L, 1000L));
            advance(150);
        }
        send(1, 1, 1, message("orders", "short-lived").expiration(nowMs + 20));
        send(1, 1, 1, message("orders", "later").deliveryTime(nowMs + 500));
        advance(60);
        advance(600);
        in.onPull(2, next(), 1, 30);
        advance(40);
    }

    private void backlogAndDeath()
    {
        for (int i = 0; i < 30; i++)
        {
            send(3, 1, 1, message("backlog", "b-" + i).priority(i % 10));
        }
        rig.settle();
        consumer(2, 2, 40, "backlog", "", 5);
        rig.settle();
        for (int round = 0; round < 4; round++)
        {
            in.onAck(2, 40, 1000, true);
            in.onConsumerCredit(2, 40, 5);
            advance(20);
        }
        in.onConnectionClosed(2);
        advance(200);
        consumer(1, 1, 41, "backlog", "", 50);
        advance(20);
        in.onCloseSession(1, next(), 1);
        in.onConnectionClosed(3);
        in.onConnectionClosed(99);
        advance(200);
    }

    /**
     * XA, after {@link #run}: a branch that sends and acknowledges, is prepared and committed; another suspended,
     * resumed, prepared, its connection gone, then rolled back from another connection; and a transaction left open.
     * Then producer flow control and a browser. Not part of the kept recording.
     */
    void xaStage()
    {
        final XaInputs xa = in.xa();
        final BranchId first = new BranchId(7, "order-batch-1".getBytes(StandardCharsets.UTF_8), new byte[]{ 1 });
        final BranchId second = new BranchId(7, "order-batch-2".getBytes(StandardCharsets.UTF_8), new byte[]{ 2 });
        in.onConnected(4, "dave", rig.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        in.onConnected(5, "", rig.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        in.onCreateSession(4, next(), 1, AckMode.TRANSACTED);
        in.onCreateSession(4, next(), 2, AckMode.TRANSACTED);
        in.onCreateSession(5, next(), 1, AckMode.TRANSACTED);
        in.onCreateProducer(4, next(), 1, 1, DestinationType.QUEUE, "xa-out");
        in.onCreateProducer(4, next(), 2, 2, DestinationType.QUEUE, "xa-out");
        in.onCreateProducer(5, next(), 1, 1, DestinationType.QUEUE, "xa-in");
        for (int i = 0; i < 4; i++)
        {
            send(5, 1, 1, message("xa-in", "xa-in-" + i).priority(i));
        }
        in.onCommit(5, next(), 1, Map.of());
        rig.settle();
        consumer(4, 1, 60, "xa-in", "", 5);
        rig.settle();
        xa.onXaStart(4, next(), 1, first, XaInputs.TMNOFLAGS, 60);
        send(4, 1, 1, message("xa-out", "xa-result-1"));
        xa.onXaEnd(4, next(), 1, first, XaInputs.TMSUCCESS, Map.of(60L, 2L));
        xa.onXaPrepare(4, next(), first);
        rig.settle();
        xa.onXaStart(4, next(), 2, second, XaInputs.TMNOFLAGS, 0);
        send(4, 2, 2, message("xa-out", "xa-result-2"));
        xa.onXaEnd(4, next(), 2, second, XaInputs.TMSUSPEND, Map.of());
        send(5, 1, 1, message("xa-in", "left-open"));
        advance(30);
        xa.onXaCommit(4, next(), first, false);
        rig.settle();
        xa.onXaStart(4, next(), 2, second, XaInputs.TMRESUME, 0);
        xa.onXaEnd(4, next(), 2, second, XaInputs.TMSUCCESS, Map.of());
        xa.onXaPrepare(4, next(), second);
        rig.settle();
        in.onConnectionClosed(4);
        advance(100);
        xa.onXaRecover(5, next());
        xa.onXaRollback(5, next(), second);
        rig.settle();
        consumer(5, 1, 61, "xa-in", "", 10);
        advance(20);
        flowControlAndBrowsing();
    }

    /**
     * Routing, after {@link #xaStage}: rules made at run time (copy; exclusive with a selector; a chain of two; one
     * into the composite destination the config file declares), one refused for the loop it would make, rules
     * deleted while messages wait where they led; then a last-value queue whose keys are replaced while a consumer
     * holds one in flight, and the one in flight recovered back beside its newer value. Not part of the kept
     * recording.
     */
    void routingStage()
    {
        final ManagedBroker manage = rig.management();
        in.onConnected(6, "erin", rig.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        in.onCreateSession(6, next(), 1, AckMode.AUTO);
        in.onCreateSession(6, next(), 2, AckMode.CLIENT);
        in.onCreateProducer(6, next(), 1, 1, DestinationType.NONE, "");
        manage.putRoute("audit", "queue:trades", null, "queue:trades-audit", "copy");
        manage.putRoute("eu", "queue:trades", "region = 'EU'", "queue:trades-eu", "exclusive");
        manage.putRoute("archive", "queue:trades-audit", null, "queue:trades-archive", "copy");
        manage.putRoute("eu-big", "queue:trades-eu", "amount > 100", "queue:fanout", "copy");
        manage.putRoute("loop", "queue:trades-archive", null, "queue:trades", "copy");
        for (int i = 0; i < 4; i++)
        {
            send(6, 1, 1, message("trades", "trade-" + i).property("region", i % 2 == 0 ? "EU" : "US")
                .property("amount", 50 + 40 * i));
        }
        rig.settle();
        consumer(6, 2, 70, "trades-eu", "", 2);
        rig.settle();
        manage.deleteRoute("eu");
        manage.deleteRoute("composite:queue:fanout");
        manage.putRoute("audit", "queue:trades", "amount < 200", "queue:trades-audit", "copy");
        send(6, 1, 1, message("trades", "trade-4").property("region", "EU").property("amount", 150));
        manage.putRoute("spare", "queue:trades", null, "queue:trades-spare", "exclusive");
        send(6, 1, 1, message("trades", "trade-5").property("region", "US").property("amount", 250).nonPersistent());
        manage.deleteRoute("spare");
        send(6, 1, 1, message("fanout", "fan-0"));
        rig.settle();
        lastValues();
    }

    /**
     * Event streaming: the topic {@code events} retains 1 s or 4 KiB ({@link EngineRig#routedSettings()}). A
     * subscription starts from the earliest, a durable one from 500 ms ago with a selector, a bad start is refused;
     * a replay copies a time range into a queue while a send goes on; the window then drops the oldest on the timer.
     */
    void retentionStage()
    {
        final ManagedBroker manage = rig.management();
        for (int i = 0; i < 6; i++)
        {
            final Message event = message("events", "event-" + i).topic().property("seq", i);
            send(6, 1, 1, i % 3 == 2 ? event.nonPersistent() : event);
            advance(200);
        }
        rig.settle();
        consumerRequest(6, new ConsumerRequest(next(), 2, 80, DestinationType.TOPIC, "events?start=earliest", "",
            "", 2, false, false, false, false));
        consumerRequest(6, new ConsumerRequest(next(), 2, 81, DestinationType.TOPIC, "events?start=-500ms",
            "seq > 1", "late", 5, false, true, false, false));
        consumerRequest(6, new ConsumerRequest(next(), 2, 82, DestinationType.TOPIC, "events?start=soon", "", "", 2,
            false, false, false, false));
        rig.settle();
        manage.replay("events", "events-replay", nowMs - 900, nowMs + 1);
        send(6, 1, 1, message("events", "event-6").topic().property("seq", 6));
        rig.settle();
        // The persistent retained messages are read from the journal a page per tick: two ticks for the replay.
        advance(10);
        advance(10);
        in.onAck(6, 80, 1000, true);
        rig.settle();
        advance(700);
        send(6, 1, 1, message("events", "event-7").topic().property("seq", 7));
        advance(10);
        // The policy of "events" gives the queue of that name retention too: what it is given stays in its log
        // (persistent under rq/events, non-persistent in memory), and a replay copies from it.
        send(6, 1, 1, message("events", "order-1").property("seq", 1));
        send(6, 1, 1, message("events", "order-2").property("seq", 2).nonPersistent());
        rig.settle();
        manage.replay("queue:events", "orders-replay", nowMs - 100, nowMs + 1);
        advance(10);
        advance(10);
    }

    /**
     * A last-value queue: AAPL-2 is replaced by AAPL-3 while AAPL-1 is in flight; recovered, AAPL-1 waits again
     * while AAPL-3 (higher priority) goes out, so AAPL-4 finds the key's last entry in flight and replaces nothing,
     * though AAPL-1 waits with the same key (an index rebuilt from the waiting entries would replace AAPL-1).
     */
    private void lastValues()
    {
        consumer(6, 2, 71, "quotes", "", 1);
        rig.settle();
        send(6, 1, 1, quote("AAPL", 1));
        rig.settle();
        send(6, 1, 1, quote("AAPL", 2).priority(9));
        send(6, 1, 1, quote("MSFT", 1));
        send(6, 1, 1, quote("AAPL", 3).priority(9));
        send(6, 1, 1, message("quotes", "no-symbol"));
        rig.settle();
        in.onRecover(6, next(), 2, Map.of(70L, 0L, 71L, 0L));
        rig.settle();
        send(6, 1, 1, quote("AAPL", 4));
        send(6, 1, 1, quote("MSFT", 2).nonPersistent());
        rig.settle();
        in.onAck(6, 71, 1000, true);
        rig.settle();
        send(6, 1, 1, quote("AAPL", 5));
        advance(10);
    }

    private static Message quote(final String symbol, final int version)
    {
        return message("quotes", symbol + "-" + version).property("symbol", symbol);
    }

    /**
     * A queue over its memory limit blocks its producer until a consumer makes room; a browser pages through it.
     */
    private void flowControlAndBrowsing()
    {
        in.onCreateSession(5, next(), 2, AckMode.CLIENT);
        in.onCreateProducer(5, next(), 2, 3, DestinationType.QUEUE, "tiny");
        for (int i = 0; i < 4; i++)
        {
            send(5, 2, 3, message("tiny", "tiny-" + i));
        }
        rig.settle();
        consumerRequest(5, new ConsumerRequest(next(), 2, 62, DestinationType.QUEUE, "tiny", "", "", 1, false, false,
            false, true));
        rig.settle();
        consumer(5, 2, 63, "tiny", "", 2);
        rig.settle();
        in.onConsumerCredit(5, 62, 1);
        in.onAck(5, 63, 1000, true);
        in.onConsumerCredit(5, 63, 2);
        rig.settle();
        in.onConsumerCredit(5, 62, 2);
        in.onAck(5, 63, 1000, true);
        in.onConsumerCredit(5, 63, 2);
        advance(10);
    }

    private void advance(final long ms)
    {
        nowMs += ms;
        rig.advance(nowMs);
    }

    private long next()
    {
        return correlationId++;
    }

    private void consumer(final long connectionId, final long sessionId, final long consumerId,
        final String queue, final String selector, final int prefetch)
    {
        consumerRequest(connectionId, new ConsumerRequest(next(), sessionId, consumerId,
            queue.startsWith("tmp-") ? DestinationType.TEMPORARY_QUEUE : DestinationType.QUEUE, queue, selector, "",
            prefetch, false, false, false, false));
    }

    private void consumerRequest(final long connectionId, final ConsumerRequest request)
    {
        in.onCreateConsumer(connectionId, request);
    }

    private void send(final long connectionId, final long sessionId, final long producerId, final Message message)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final int length = message.encode(buffer, connectionId, nowMs);
        in.onSend(connectionId, next(), sessionId, producerId, buffer, 0, length);
    }

    private static Message message(final String destination, final String text)
    {
        return new Message(destination, text);
    }

    /**
     * A JMS message as a client encodes it.
     */
    static final class Message
    {
        private final String destination;
        private final String text;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private DestinationType type = DestinationType.QUEUE;
        private int priority = 4;
        private boolean persistent = true;
        private long expirationMs;
        private long deliveryTimeMs;

        Message(final String destination, final String text)
        {
            this.destination = destination;
            this.text = text;
        }

        Message topic()
        {
            type = DestinationType.TOPIC;
            return this;
        }

        Message temporaryQueue()
        {
            type = DestinationType.TEMPORARY_QUEUE;
            return this;
        }

        Message priority(final int priority)
        {
            this.priority = priority;
            return this;
        }

        Message nonPersistent()
        {
            persistent = false;
            return this;
        }

        Message expiration(final long expirationMs)
        {
            this.expirationMs = expirationMs;
            return this;
        }

        Message deliveryTime(final long deliveryTimeMs)
        {
            this.deliveryTimeMs = deliveryTimeMs;
            return this;
        }

        Message property(final String name, final Object value)
        {
            properties.put(name, value);
            return this;
        }

        int encode(final ExpandableArrayBuffer buffer, final long producerConnectionId, final long timestampMs)
        {
            final ExpandableArrayBuffer encodedProperties = new ExpandableArrayBuffer(256);
            final int propertiesLength = properties.isEmpty() ?
                0 : PropertiesCodec.encode(properties, encodedProperties, 0);
            final byte[] body = text.getBytes(StandardCharsets.UTF_8);
            final JmsMessageEncoder encoder = new JmsMessageEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                .bodyType(BodyType.TEXT)
                .deliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT)
                .priority((short)priority)
                .destinationType(type)
                .replyToType(DestinationType.NONE)
                .timestamp(timestampMs)
                .expiration(expirationMs)
                .deliveryTime(deliveryTimeMs)
                .producerConnectionId(producerConnectionId);
            encoder.flags().clear();
            encoder.messageId("ID:" + text)
                .destination(destination)
                .replyTo("")
                .putCorrelationId(new byte[0], 0, 0)
                .jmsType("")
                .putProperties(encodedProperties, 0, propertiesLength)
                .putBody(body, 0, body.length);
            return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        }
    }
}
