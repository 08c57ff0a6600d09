package io.aeolus.broker.engine;

import io.aeolus.broker.destination.DestinationOverrides;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.selector.Selector;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.store.Destination;
import io.aeolus.store.StoredSettings;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings given to one destination at run time: applied from creation or from a change, over the broker-wide and
 * per-pattern ones; journaled; in the snapshot (and a snapshot of the format before them still reads); read back at
 * recovery; changes that cannot apply to an existing destination refused saying why.
 */
@Timeout(10)
class DestinationSettingsTest
{
    private static final long NOW_MS = EngineRig.START_MS;

    private final List<String> outputs = new ArrayList<>();
    private MessagingEngine engine;
    private BrokerSecurity security;
    private EngineManagement management;
    private long correlationId = 1000;

    @BeforeEach
    void start()
    {
        engine = newEngine();
        management = new EngineManagement(engine, EngineSettings.defaults(), (id, reason) -> false, null);
        engine.onConnected(2, "pub", security.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        engine.onCreateSession(2, next(), 1, AckMode.AUTO);
        engine.onCreateProducer(2, next(), 1, 1, DestinationType.NONE, "");
    }

    private MessagingEngine newEngine()
    {
        security = BrokerSecurity.development(new CachedEpochClock());
        final DestinationPolicies policies = DestinationPolicies.defaults()
            .put("orders", PolicySetting.MAX_DELIVERY_ATTEMPTS, 3);
        final MessagingEngine fresh = new MessagingEngine(new EngineSettings(policies, List.of("orders"),
            List.of("prices"), 50), 64 * 1024, NOW_MS, security, new RecordingEgress(outputs));
        fresh.durability(new SimulatedJournal(outputs), 1000);
        return fresh;
    }

    private static DestinationOverrides settings(final String... nameValues)
    {
        final Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2)
        {
            texts.put(nameValues[i], nameValues[i + 1]);
        }
        return DestinationOverrides.parse(texts);
    }

    @Test
    void shouldCreateAQueueWithItsSettingsFromItsFirstMessage()
    {
        management.settings().create("quotes", false,
            settings("last.value.key", "symbol", "max.delivery.attempts", "1"));

        send("quotes", "symbol", "ACME");
        send("quotes", "symbol", "ACME");

        final MessageQueue quotes = engine.destinations().queues().get("quotes");
        assertEquals(1, quotes.depth());
        assertEquals(1, quotes.policy().maxDeliveryAttempts());
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("CreateDestination") &&
            line.contains("PutSettings") && line.contains("last.value.key=symbol")), String.join("\n", outputs));
    }

    @Test
    void shouldApplyAChangeToAnExistingQueueOverItsPatternSettingsAndResetToThem()
    {
        final MessageQueue orders = engine.destinations().queues().get("orders");
        assertEquals(3, orders.policy().maxDeliveryAttempts());

        management.settings().change("orders", false,
            settings("max.delivery.attempts", "7", "memory.limit", "1k"));

        assertEquals(7, orders.policy().maxDeliveryAttempts());
        assertEquals(1024, orders.policy().memoryLimitBytes());
        assertEquals(Map.of("max.delivery.attempts", "7", "memory.limit", "1k"),
            management.settings().of("orders", false).toText());

        management.settings().change("orders", false, DestinationOverrides.NONE);

        assertEquals(3, orders.policy().maxDeliveryAttempts());
        assertEquals(DestinationOverrides.NONE, management.settings().of("orders", false));
        assertTrue(outputs.get(outputs.size() - 1).contains("PutSettings"), outputs.get(outputs.size() - 1));
    }

    @Test
    void shouldApplyATopicsSettingsToItsSubscriptions()
    {
        final Topic prices = engine.destinations().topics().get("prices");
        final MessageQueue subscription = engine.destinations().createSubscription(prices, "sub", Selector.MATCH_ALL,
            0);

        management.settings().change("prices", true, settings("memory.limit", "2k"));

        assertEquals(2048, prices.policy().memoryLimitBytes());
        assertEquals(2048, subscription.policy().memoryLimitBytes());
    }

    @Test
    void shouldRefuseChangesThatCannotApplyToAnExistingDestination()
    {
        management.settings().create("events", true, settings("retention.time", "1h"));
        send("orders", "symbol", "ACME");

        final IllegalStateException retention = assertThrows(IllegalStateException.class,
            () -> management.settings().change("events", true, settings("retention.time", "2h")));
        final IllegalStateException lastValue = assertThrows(IllegalStateException.class,
            () -> management.settings().change("orders", false, settings("last.value.key", "symbol")));
        final IllegalStateException builtIn = assertThrows(IllegalStateException.class,
            () -> management.settings().change("aeolus.management", false, settings("memory.limit", "1k")));
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> management.settings().change("nowhere", false, settings("memory.limit", "1k")));

        assertTrue(retention.getMessage().startsWith("settings 'retention.time' and 'retention.size' cannot change " +
            "on the existing topic 'events'"), retention.getMessage());
        assertEquals("setting 'last.value.key' cannot change on queue 'orders' while it holds 1 message(s): purge it " +
            "first, or create a new one with it", lastValue.getMessage());
        assertEquals("'aeolus.management' is a built-in destination: its settings cannot change",
            builtIn.getMessage());
        assertEquals("no queue named 'nowhere'", missing.getMessage());
        assertEquals(3600_000, engine.destinations().topics().get("events").policy().retentionMs());
    }

    @Test
    void shouldForgetTheSettingsOfADeletedDestination()
    {
        management.settings().create("audit", false, settings("max.delivery.attempts", "1"));

        management.deleteDestination("audit", false);
        management.createQueue("audit");

        assertEquals(10, engine.destinations().queues().get("audit").policy().maxDeliveryAttempts());
    }

    @Test
    void shouldKeepTheSettingsInASnapshot()
    {
        management.settings().create("audit", false, settings("max.delivery.attempts", "1"));
        management.settings().change("prices", true, settings("memory.limit", "2k"));
        final EngineSnapshot.BytesSink sink = EngineSnapshot.bytesSink();
        EngineSnapshot.write(engine, sink);

        final MessagingEngine restored = newEngine();
        EngineSnapshot.restore(restored, sink.source());

        assertEquals(1, restored.destinations().queues().get("audit").policy().maxDeliveryAttempts());
        assertEquals(2048, restored.destinations().topics().get("prices").policy().memoryLimitBytes());
        assertEquals(Map.of("max.delivery.attempts", "1"), restored.destinations().settings.of("audit", false)
            .toText());
    }

    @Test
    void shouldReadASnapshotOfTheFormatBeforeSettings()
    {
        final EngineSnapshot.BytesSink sink = EngineSnapshot.bytesSink();
        EngineSnapshot.write(engine, sink);
        final byte[] current = sink.toByteArray();
        // Version 4 is version 5 without the settings section: two empty counts after the clock and counters.
        final int settingsAt = EngineSnapshot.HEADER_LENGTH + 8 + 8 + 8 + 1 + 4 + 8;
        final byte[] old = new byte[current.length - 8];
        System.arraycopy(current, 0, old, 0, settingsAt);
        System.arraycopy(current, settingsAt + 8, old, settingsAt, current.length - settingsAt - 8);
        final ByteBuffer header = ByteBuffer.wrap(old).order(ByteOrder.LITTLE_ENDIAN);
        final int bodyLength = old.length - EngineSnapshot.HEADER_LENGTH - EngineSnapshot.TRAILER_LENGTH;
        header.putInt(4, EngineSnapshot.OLDEST_VERSION).putLong(8, bodyLength);
        final CRC32 crc = new CRC32();
        crc.update(old, EngineSnapshot.HEADER_LENGTH, bodyLength);
        header.putInt(old.length - EngineSnapshot.TRAILER_LENGTH, (int)crc.getValue());

        final MessagingEngine restored = newEngine();
        EngineSnapshot.restore(restored, EngineSnapshot.source(old));

        assertEquals(Arrays.asList(0, 0), Arrays.asList(ByteBuffer.wrap(current).order(ByteOrder.LITTLE_ENDIAN)
            .getInt(settingsAt), ByteBuffer.wrap(current).order(ByteOrder.LITTLE_ENDIAN).getInt(settingsAt + 4)));
        assertEquals(3, restored.destinations().queues().get("orders").policy().maxDeliveryAttempts());
        assertEquals(engine.destinations().queues().keySet(), restored.destinations().queues().keySet());
    }

    @Test
    void shouldApplyTheSettingsReadBackAtRecovery()
    {
        final MessagingEngine recovered = newEngine();
        final Destination audit = new Destination("audit", io.aeolus.store.DestinationType.QUEUE);
        final Destination orders = new Destination("orders", io.aeolus.store.DestinationType.QUEUE);
        final RecoverySource store = recoverySource(List.of(audit, orders), List.of(
            new StoredSettings(audit, Map.of("max.delivery.attempts", "1")),
            new StoredSettings(orders, Map.of("memory.limit", "1k"))));

        recovered.recover(store, false);

        assertEquals(1, recovered.destinations().queues().get("audit").policy().maxDeliveryAttempts());
        assertEquals(1024, recovered.destinations().queues().get("orders").policy().memoryLimitBytes());
        assertEquals(3, recovered.destinations().queues().get("orders").policy().maxDeliveryAttempts());
    }

    @Test
    void shouldMarkAQueueThatADestinationsOwnSettingNamesAsADeadLetterQueue()
    {
        management.createQueue("orders.failed");
        assertFalse(engine.destinations().queues().get("orders.failed").isDeadLetterQueue());

        management.settings().change("orders", false, settings("dead.letter.queue", "orders.failed"));
        management.settings().create("invoices", false, settings("dead.letter.queue", "{destination}.dead"));
        management.createQueue("invoices.dead");
        management.settings().change("prices", true, settings("dead.letter.queue", "prices.failed"));
        management.createQueue("prices.failed");

        assertTrue(engine.destinations().queues().get("orders.failed").isDeadLetterQueue(), "existing when set");
        assertTrue(engine.destinations().queues().get("invoices.dead").isDeadLetterQueue(), "created after");
        assertTrue(engine.destinations().queues().get("prices.failed").isDeadLetterQueue(), "a topic's");
        assertFalse(engine.destinations().queues().get("invoices").isDeadLetterQueue());
    }

    @Test
    void shouldMarkADeadLetterQueueNamedByADestinationsOwnSettingAtRecovery()
    {
        final MessagingEngine recovered = newEngine();
        final Destination dead = new Destination("invoices.dead", io.aeolus.store.DestinationType.QUEUE);
        final Destination invoices = new Destination("invoices", io.aeolus.store.DestinationType.QUEUE);

        recovered.recover(recoverySource(List.of(dead, invoices),
            List.of(new StoredSettings(invoices, Map.of("dead.letter.queue", "invoices.dead")))), false);

        assertTrue(recovered.destinations().queues().get("invoices.dead").isDeadLetterQueue());
        assertFalse(recovered.destinations().queues().get("invoices").isDeadLetterQueue());
    }

    private static RecoverySource recoverySource(final List<Destination> destinations,
        final List<StoredSettings> settings)
    {
        return new RecoverySource()
        {
            public long readLastMessageId()
            {
                return 0;
            }

            public List<Destination> readDestinations()
            {
                return destinations;
            }

            public List<String> readPausedQueues()
            {
                return List.of();
            }

            public List<io.aeolus.store.DurableSubscription> readDurableSubscriptions()
            {
                return List.of();
            }

            public long readReferenceCount(final String queue)
            {
                return 0;
            }

            public List<io.aeolus.store.StoredReference> readReferences(final String queue, final long after,
                final int limit)
            {
                return List.of();
            }

            public long readLastSequence(final String queue)
            {
                return -1;
            }

            public List<StoredSettings> readSettings()
            {
                return settings;
            }
        };
    }

    private void send(final String destination, final String property, final Object value)
    {
        final ReplayWorkload.Message message = new ReplayWorkload.Message(destination, "body").property(property,
            value).nonPersistent();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final int length = message.encode(buffer, 2, NOW_MS);
        engine.onSend(2, next(), 1, 1, buffer, 0, length);
    }

    private long next()
    {
        return ++correlationId;
    }
}
