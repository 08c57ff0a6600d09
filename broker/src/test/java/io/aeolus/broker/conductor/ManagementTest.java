package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.broker.management.ManagementException;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.aeolus.broker.conductor.DispatchTest.texts;
import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static io.aeolus.broker.conductor.TestMessage.toTopic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ManagementTest
{
    private static final long SESSION = 1;

    private ConductorHarness harness;
    private TestClientPeer client;
    private ManagementService management;

    @BeforeEach
    void setUp()
    {
        harness = new ConductorHarness();
        client = harness.connect();
        client.createSession(SESSION, AckMode.CLIENT);
        management = harness.conductor().management();
    }

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    @Test
    void shouldDeleteTheMessagesASelectorMatchesAndDeliverOnlyTheRest()
    {
        for (final String region : new String[]{"us", "eu", "us", "eu"})
        {
            client.sendConfirmed(SESSION, toQueue("orders", region).property("region", region));
        }
        final long heldBefore = harness.destinations().queues().get("orders").heldBytes();

        final Map<String, Object> reply = management.execute(
            Map.of("op", "deleteMessages", "name", "orders", "selector", "region = 'us'"));
        client.createConsumer(SESSION, 1, "orders", "", 10);

        assertEquals(2, reply.get("count"));
        assertEquals(List.of("eu", "eu"), texts(client.deliveries(1)));
        assertTrue(harness.destinations().queues().get("orders").heldBytes() < heldBefore);
    }

    @Test
    void shouldPurgeScheduledMessagesSoThatTheirTimerNeverDeliversThem()
    {
        client.sendConfirmed(SESSION, toQueue("orders", "later").deliveryTime(harness.nowMs() + 5_000));
        client.sendConfirmed(SESSION, toQueue("orders", "now"));

        final Map<String, Object> reply = management.execute(Map.of("op", "purge", "name", "orders"));
        client.createConsumer(SESSION, 1, "orders", "", 10);
        harness.advanceMs(10_000);

        assertEquals(2, reply.get("count"));
        assertEquals(List.of(), texts(client.deliveries(1)));
        assertEquals(0, harness.destinations().queues().get("orders").scheduledCount());
    }

    @Test
    void shouldMoveMessagesToAnotherQueueInTheirOrder()
    {
        for (int i = 0; i < 3; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "m" + i));
        }

        final Map<String, Object> reply = management.execute(
            Map.of("op", "move", "name", "orders", "target", "orders.held"));
        client.createConsumer(SESSION, 1, "orders.held", "", 10);

        assertEquals(3, reply.get("count"));
        assertEquals(List.of("m0", "m1", "m2"), texts(client.deliveries(1)));
        assertEquals(0, harness.destinations().queues().get("orders").depth());
    }

    @Test
    void shouldRefuseBadRequestsWithStableCodes()
    {
        client.createConsumer(SESSION, 1, "orders", "", 10);

        assertEquals(ManagementException.UNKNOWN_OPERATION, code(Map.of("op", "explode")));
        assertEquals(ManagementException.UNKNOWN_DESTINATION, code(Map.of("op", "purge", "name", "nowhere")));
        assertEquals(ManagementException.INVALID_SELECTOR,
            code(Map.of("op", "browse", "name", "orders", "selector", "a = = b")));
        assertEquals(ManagementException.INVALID_ARGUMENT,
            code(Map.of("op", "browse", "name", "orders", "limit", 100_000)));
        assertEquals(ManagementException.ILLEGAL_STATE, code(Map.of("op", "deleteDestination", "name", "orders")));
        assertEquals(ManagementException.ILLEGAL_STATE,
            code(Map.of("op", "deleteDestination", "name", "aeolus.management")));
    }

    private String code(final Map<String, Object> request)
    {
        return assertThrows(ManagementException.class, () -> management.execute(request)).code();
    }

    private Map<String, Object> run(final Object... keysAndValues)
    {
        return management.execute(request(keysAndValues));
    }

    private static Map<String, Object> request(final Object... keysAndValues)
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            request.put((String)keysAndValues[i], keysAndValues[i + 1]);
        }
        return request;
    }

    private Map<String, Object> destination(final String name)
    {
        final Map<String, Object> reply = run("op", "destinations");
        for (int i = 0; i < (int)reply.get("count"); i++)
        {
            if (name.equals(reply.get(i + ".name")))
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                final String prefix = i + ".";
                reply.forEach((key, value) ->
                {
                    if (key.startsWith(prefix))
                    {
                        row.put(key.substring(prefix.length()), value);
                    }
                });
                return row;
            }
        }
        throw new AssertionError("no destination " + name);
    }

    private static List<String> messageIds(final List<TestClientPeer.Frame> frames)
    {
        final List<String> ids = new ArrayList<>();
        for (final TestClientPeer.Frame frame : frames)
        {
            ids.add(frame.message.messageId);
        }
        return ids;
    }

    @Test
    void shouldHoldBackDeliveriesOfAPausedQueueButAcceptSendsAndBrowsing()
    {
        client.sendConfirmed(SESSION, toQueue("orders", "before"));

        final Map<String, Object> paused = run("op", "pause", "name", "orders");
        client.sendConfirmed(SESSION, toQueue("orders", "during"));
        client.createConsumer(SESSION, 1, "orders", "", 10);

        assertEquals(true, paused.get("changed"));
        assertEquals(List.of(), texts(client.deliveries(1)));
        assertEquals(2, run("op", "browse", "name", "orders").get("count"));
        assertEquals(true, destination("orders").get("paused"));
    }

    @Test
    void shouldDeliverWhatWaitedOnceAPausedQueueIsResumed()
    {
        client.createConsumer(SESSION, 1, "orders", "", 10);
        run("op", "pause", "name", "orders");
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        client.sendConfirmed(SESSION, toQueue("orders", "m1"));

        final Map<String, Object> resumed = run("op", "resume", "name", "orders");
        final Map<String, Object> again = run("op", "resume", "name", "orders");

        assertEquals(List.of("m0", "m1"), texts(client.deliveries(1)));
        assertEquals(true, resumed.get("changed"));
        assertEquals(false, again.get("changed"));
        assertEquals(false, destination("orders").get("paused"));
    }

    @Test
    void shouldCopyChosenMessagesWithNewIdsAndKeepTheOriginals()
    {
        for (int i = 0; i < 3; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "m" + i));
        }

        final Map<String, Object> reply = run("op", "copy", "name", "orders", "target", "orders.copy",
            "ids", "ID:m0\nID:m2");
        client.createConsumer(SESSION, 1, "orders.copy", "", 10);
        final List<TestClientPeer.Frame> copies = client.deliveries(1);

        assertEquals(2, reply.get("count"));
        assertEquals(List.of("m0", "m2"), texts(copies));
        assertTrue(copies.get(0).message.messageId.startsWith("ID:aeolus-broker-"), copies.get(0).message.messageId);
        assertTrue(!copies.get(0).message.messageId.equals(copies.get(1).message.messageId));
        assertEquals(3, harness.destinations().queues().get("orders").depth());
    }

    @Test
    void shouldCopyTheMessagesASelectorMatches()
    {
        for (final String region : new String[]{"us", "eu", "us"})
        {
            client.sendConfirmed(SESSION, toQueue("orders", region).property("region", region));
        }

        final Map<String, Object> reply = run("op", "copy", "name", "orders", "target", "orders.us",
            "selector", "region = 'us'");

        assertEquals(2, reply.get("count"));
        assertEquals(2, harness.destinations().queues().get("orders.us").depth());
        assertEquals(3, harness.destinations().queues().get("orders").depth());
    }

    @Test
    void shouldNotCreateTheTargetOfACopyOrMoveWhoseSelectorIsInvalid()
    {
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));

        final String copy = code(request("op", "copy", "name", "orders", "target", "nowhere.copy", "selector", "a ="));
        final String move = code(request("op", "move", "name", "orders", "target", "nowhere.move", "selector", "a ="));

        assertEquals(ManagementException.INVALID_SELECTOR, copy);
        assertEquals(ManagementException.INVALID_SELECTOR, move);
        assertFalse(harness.destinations().queues().containsKey("nowhere.copy"));
        assertFalse(harness.destinations().queues().containsKey("nowhere.move"));
    }

    @Test
    void shouldSendATextMessageWithItsHeadersAndProperties()
    {
        client.createConsumer(SESSION, 1, "orders", "", 10);

        final Map<String, Object> reply = run("op", "sendMessage", "name", "orders", "body", "hello",
            "jmsType", "greeting", "correlationId", "corr-1", "priority", 7, "timeToLive", 60_000L,
            "deliveryMode", "NON_PERSISTENT", "property.region", "eu", "property.count", 3);
        final List<TestClientPeer.Frame> deliveries = client.deliveries(1);
        final TestMessage message = deliveries.get(0).message;

        assertEquals(List.of("hello"), texts(deliveries));
        assertEquals(reply.get("messageId"), message.messageId);
        assertEquals(7, message.priority);
        assertEquals(harness.nowMs() + 60_000, message.expirationMs);
        assertEquals(harness.nowMs(), message.timestampMs);
        assertEquals(Map.of("region", "eu", "count", 3), message.properties);
    }

    @Test
    void shouldSendBytesAndMapBodiesThatReadBackByteForByte()
    {
        final byte[] bytes = {0, 1, 2, (byte)0xFF, 127};
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("city", "Berlin");
        map.put("count", 42L);
        map.put("raw", new byte[]{9, 8});

        final Map<String, Object> sentBytes = run("op", "sendMessage", "name", "orders", "bodyType", "bytes",
            "body", Base64.getEncoder().encodeToString(bytes));
        final Map<String, Object> sentMap = run("op", "sendMessage", "name", "orders", "bodyType", "map",
            "map.city", "Berlin", "map.count", 42L, "map.raw", new byte[]{9, 8});
        final Map<String, Object> readBytes = run("op", "getMessage", "name", "orders",
            "messageId", sentBytes.get("messageId"));
        final Map<String, Object> readMap = run("op", "getMessage", "name", "orders",
            "messageId", sentMap.get("messageId"));
        final byte[] encodedMap = (byte[])readMap.get("body");
        final Map<String, Object> decoded = PropertiesCodec.decode(new UnsafeBuffer(encodedMap), 0, encodedMap.length);

        assertEquals("BYTES", readBytes.get("bodyType"));
        assertArrayEquals(bytes, (byte[])readBytes.get("body"));
        assertEquals("MAP", readMap.get("bodyType"));
        assertEquals(List.of("city", "count", "raw"), new ArrayList<>(decoded.keySet()));
        assertEquals("Berlin", decoded.get("city"));
        assertEquals(42L, decoded.get("count"));
        assertArrayEquals(new byte[]{9, 8}, (byte[])decoded.get("raw"));
        assertEquals(true, readMap.get("persistent"));
    }

    @Test
    void shouldSendAMapBodyGivenAsItsEncodedBytesUnchanged()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = PropertiesCodec.encode(Map.of("k", "v"), buffer, 0);
        final byte[] encoded = Arrays.copyOf(buffer.byteArray(), length);

        final Map<String, Object> sent = run("op", "sendMessage", "name", "orders", "bodyType", "map",
            "body", encoded);
        final Map<String, Object> read = run("op", "getMessage", "name", "orders", "messageId", sent.get("messageId"));

        assertArrayEquals(encoded, (byte[])read.get("body"));
    }

    @Test
    void shouldHoldAMessageSentWithADeliveryDelayUntilItsTime()
    {
        client.createConsumer(SESSION, 1, "orders", "", 10);

        run("op", "sendMessage", "name", "orders", "body", "later", "deliveryDelay", 5_000L);
        final List<String> before = texts(client.deliveries(1));
        harness.advanceMs(5_000);

        assertEquals(List.of(), before);
        assertEquals(List.of("later"), texts(client.deliveries(1)));
    }

    @Test
    void shouldSendToEverySubscriptionOfATopicAndCreateAMissingQueue()
    {
        client.expectOk(client.requestConsumer(SESSION, 1, DestinationType.TOPIC, "prices", "", 10));
        client.expectOk(client.requestConsumer(SESSION, 2, DestinationType.TOPIC, "prices", "", 10));

        run("op", "sendMessage", "name", "prices", "type", "topic", "body", "tick");
        run("op", "sendMessage", "name", "brand.new", "body", "first");

        assertEquals(List.of("tick"), texts(client.deliveries(1)));
        assertEquals(List.of("tick"), texts(client.deliveries(2)));
        assertEquals(1, harness.destinations().queues().get("brand.new").depth());
    }

    @Test
    void shouldRefuseASendToADestinationOverItsMemoryLimit()
    {
        harness.close();
        harness = new ConductorHarness(new EngineSettings(DestinationPolicies.defaults()
            .put("#", PolicySetting.MEMORY_LIMIT, 1000L), List.of(), List.of(), 1000));
        management = harness.conductor().management();
        run("op", "sendMessage", "name", "orders", "body", "x".repeat(1200));

        final ManagementException ex = assertThrows(ManagementException.class,
            () -> run("op", "sendMessage", "name", "orders", "body", "one more"));

        assertEquals(ManagementException.RESOURCE_ALLOCATION, ex.code());
        assertTrue(ex.getMessage().contains("orders"), ex.getMessage());
    }

    @Test
    void shouldReturnOneMessageWithHeadersPropertiesAndTheSliceOfTheBodyAskedFor()
    {
        final Map<String, Object> sent = run("op", "sendMessage", "name", "orders", "body", "0123456789",
            "jmsType", "digits", "correlationId", "corr-9", "replyTo", "answers", "property.colour", "red");

        final Map<String, Object> slice = run("op", "getMessage", "name", "orders",
            "messageId", sent.get("messageId"), "offset", 4, "length", 3);
        final Map<String, Object> end = run("op", "getMessage", "name", "orders",
            "messageId", sent.get("messageId"), "offset", 10);

        assertEquals("456", new String((byte[])slice.get("body"), StandardCharsets.UTF_8));
        assertEquals(10, slice.get("bodySize"));
        assertEquals(4L, slice.get("bodyOffset"));
        assertEquals("TEXT", slice.get("bodyType"));
        assertEquals("digits", slice.get("type"));
        assertEquals("corr-9", slice.get("correlationId"));
        assertEquals("answers", slice.get("replyTo"));
        assertEquals("QUEUE", slice.get("replyToType"));
        assertEquals("orders", slice.get("destination"));
        assertEquals("red", slice.get("p.colour"));
        assertEquals(0, ((byte[])end.get("body")).length);
    }

    @Test
    void shouldShowAnObjectBodyAsItsClassNameAndRawBytesWithoutDeserializingIt() throws IOException
    {
        final ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(serialized))
        {
            out.writeObject(new ArrayList<>(List.of("a")));
        }

        final Map<String, Object> sent = run("op", "sendMessage", "name", "orders", "bodyType", "object",
            "body", serialized.toByteArray());
        final Map<String, Object> read = run("op", "getMessage", "name", "orders", "messageId", sent.get("messageId"));

        assertEquals("OBJECT", read.get("bodyType"));
        assertEquals("java.util.ArrayList", read.get("className"));
        assertArrayEquals(serialized.toByteArray(), (byte[])read.get("body"));
    }

    @Test
    void shouldFindMessagesByHeaderOrTextIgnoringCase()
    {
        client.sendConfirmed(SESSION, toQueue("orders", "Parcel for Mrs SMITH"));
        run("op", "sendMessage", "name", "orders", "body", "x", "jmsType", "OrderPlaced");
        run("op", "sendMessage", "name", "orders", "body", "y", "correlationId", "batch-XYZ-7");
        run("op", "sendMessage", "name", "orders", "bodyType", "map", "map.city", "Berlin", "map.zip", 10115);

        assertEquals(1, run("op", "search", "name", "orders", "text", "smith").get("total"));
        assertEquals(1, run("op", "search", "name", "orders", "text", "orderplaced").get("total"));
        assertEquals(1, run("op", "search", "name", "orders", "text", "xyz").get("total"));
        assertEquals(1, run("op", "search", "name", "orders", "text", "BERLIN").get("total"));
        assertEquals(1, run("op", "search", "name", "orders", "text", "1011").get("total"));
        assertEquals(1, run("op", "search", "name", "orders", "text", "ID:Parcel").get("total"));
        assertEquals(0, run("op", "search", "name", "orders", "text", "paris").get("total"));
    }

    @Test
    void shouldPageSearchResultsLikeBrowse()
    {
        for (int i = 0; i < 5; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "match " + i).property("index", i));
        }
        client.sendConfirmed(SESSION, toQueue("orders", "other"));

        final Map<String, Object> page = run("op", "search", "name", "orders", "text", "MATCH", "offset", 1,
            "limit", 2, "selector", "index < 4");

        assertEquals(2, page.get("count"));
        assertEquals(4, page.get("total"));
        assertEquals("match 1", page.get("0.body"));
        assertEquals("match 2", page.get("1.body"));
    }

    @Test
    void shouldDropADurableSubscriptionWithItsMessagesSoThatAResubscriberStartsEmpty()
    {
        final TestClientPeer subscriber = harness.connect("c1");
        subscriber.createSession(SESSION, AckMode.CLIENT);
        subscriber.createSubscriber(SESSION, 1, "prices", "audit", true, false);
        subscriber.closeConsumer(1, 0);
        client.sendConfirmed(SESSION, toTopic("prices", "p0"));
        client.sendConfirmed(SESSION, toTopic("prices", "p1"));

        final Map<String, Object> reply = run("op", "dropSubscription", "topic", "prices", "clientId", "c1",
            "name", "audit");
        subscriber.createSubscriber(SESSION, 2, "prices", "audit", true, false);

        assertEquals(2L, reply.get("dropped"));
        assertEquals(List.of(), texts(subscriber.deliveries(2)));
    }

    @Test
    void shouldDropASharedDurableSubscriptionMadeWithoutAClientId()
    {
        client.createSubscriber(SESSION, 1, "prices", "shared-audit", true, true);
        client.closeConsumer(1, 0);

        run("op", "dropSubscription", "topic", "prices", "name", "shared-audit", "shared", true);

        assertEquals(0, run("op", "subscriptions").get("count"));
    }

    @Test
    void shouldRefuseToDropASubscriptionWithAnActiveConsumer()
    {
        final TestClientPeer subscriber = harness.connect("c1");
        subscriber.createSession(SESSION, AckMode.CLIENT);
        subscriber.createSubscriber(SESSION, 1, "prices", "audit", true, false);

        final ManagementException ex = assertThrows(ManagementException.class, () -> run("op", "dropSubscription",
            "topic", "prices", "clientId", "c1", "name", "audit"));

        assertEquals(ManagementException.ILLEGAL_STATE, ex.code());
        assertTrue(ex.getMessage().contains("audit"), ex.getMessage());
        assertEquals(1, run("op", "subscriptions").get("count"));
    }

    @Test
    void shouldListSessionsConsumersAndProducersOfEachConnection()
    {
        client.createProducer(SESSION, 5, DestinationType.QUEUE, "orders");
        client.createConsumer(SESSION, 7, "orders", "region = 'eu'", 25);
        client.sendConfirmed(SESSION, toQueue("orders", "m0").property("region", "eu"));
        final List<TestClientPeer.Frame> delivered = client.deliveries(7);
        client.ack(SESSION, 7, delivered.get(0).deliveryId, false);

        final Map<String, Object> sessions = run("op", "sessions");
        final Map<String, Object> consumers = run("op", "consumers", "connectionId", client.connectionId());
        final Map<String, Object> producers = run("op", "producers");

        assertEquals(1, sessions.get("count"));
        assertEquals("CLIENT", sessions.get("0.ackMode"));
        assertEquals(1, sessions.get("0.consumers"));
        assertEquals(1, sessions.get("0.producers"));
        assertEquals(7L, consumers.get("0.consumerId"));
        assertEquals("orders", consumers.get("0.destination"));
        assertEquals("region = 'eu'", consumers.get("0.selector"));
        assertEquals(25, consumers.get("0.prefetch"));
        assertEquals(1L, consumers.get("0.delivered"));
        assertEquals(1L, consumers.get("0.acknowledged"));
        assertEquals(5L, producers.get("0.producerId"));
        assertEquals("orders", producers.get("0.destination"));
        assertEquals(SESSION, producers.get("0.sessionId"));
    }

    @Test
    void shouldForgetTheProducersOfAClosedSession()
    {
        client.createSession(2, AckMode.AUTO);
        client.createProducer(2, 9, DestinationType.QUEUE, "orders");

        client.closeSession(2);

        assertEquals(0, run("op", "producers").get("count"));
        assertEquals(0, run("op", "connections").get("0.producers"));
        assertEquals(1, run("op", "sessions").get("count"));
    }

    @Test
    void shouldReportTheOldestMessagesAgeTheProducersAndTheDeadLetterQueuesDepth()
    {
        final TestMessage old = toQueue("orders", "old");
        old.timestampMs = harness.nowMs();
        client.sendConfirmed(SESSION, old);
        client.createProducer(SESSION, 5, DestinationType.QUEUE, "orders");
        client.sendConfirmed(SESSION, toQueue("DLQ.orders", "dead"));

        harness.advanceMs(3_000);
        final Map<String, Object> orders = destination("orders");

        assertEquals(3_000L, orders.get("oldestAgeMs"));
        assertEquals(1, orders.get("producers"));
        assertEquals("DLQ.orders", orders.get("dlq"));
        assertEquals(1L, orders.get("dlqDepth"));
        assertEquals(0L, destination("DLQ.orders").get("oldestAgeMs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"badPauseAndCopyRequests", "badGetMessageRequests", "badSendRequests", "badSearchRequests",
        "badSubscriptionAndListingRequests"})
    void shouldRefuseEachBadArgumentWithAPreciseCodeAndMessage(
        final String what, final Map<String, Object> request, final String code, final String fragment)
    {
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        final TestClientPeer subscriber = harness.connect("c1");
        subscriber.createSession(SESSION, AckMode.CLIENT);
        subscriber.createSubscriber(SESSION, 1, "prices", "audit", true, false);
        subscriber.closeConsumer(1, 0);

        final ManagementException ex = assertThrows(ManagementException.class, () -> management.execute(request));

        assertEquals(code, ex.code(), ex.getMessage());
        assertTrue(ex.getMessage().contains(fragment), () -> "'" + ex.getMessage() + "' lacks '" + fragment + "'");
        assertEquals(1, harness.destinations().queues().get("orders").depth());
        assertNull(harness.destinations().queues().get("x"));
    }

    static Stream<Arguments> badPauseAndCopyRequests()
    {
        final String invalid = ManagementException.INVALID_ARGUMENT;
        final String unknown = ManagementException.UNKNOWN_DESTINATION;
        final String illegal = ManagementException.ILLEGAL_STATE;
        return Stream.of(
            bad("pause without name", invalid, "'name'", "op", "pause"),
            bad("pause of no queue", unknown, "nowhere", "op", "pause", "name", "nowhere"),
            bad("pause of a built-in", illegal, "built-in", "op", "pause", "name", "aeolus.management"),
            bad("resume with a stray argument", invalid, "'force'", "op", "resume", "name", "orders", "force", true),
            bad("pause with a name not a string", invalid, "'name'", "op", "pause", "name", 42),
            bad("copy without target", invalid, "'target'", "op", "copy", "name", "orders"),
            bad("copy onto itself", invalid, "same", "op", "copy", "name", "orders", "target", "orders"),
            bad("copy from no queue", unknown, "nowhere", "op", "copy", "name", "nowhere", "target", "x"),
            bad("copy with a bad selector", ManagementException.INVALID_SELECTOR, "a = = b", "op", "copy",
                "name", "orders", "target", "x", "selector", "a = = b"),
            bad("copy to a built-in", illegal, "built-in", "op", "copy", "name", "orders", "target",
                "aeolus.management"),
            bad("copy with ids not text", invalid, "'ids'", "op", "copy", "name", "orders", "target", "x", "ids", 5),
            bad("copy with a stray argument", invalid, "'limit'", "op", "copy", "name", "orders", "target", "x",
                "limit", 3));
    }

    static Stream<Arguments> badGetMessageRequests()
    {
        final String invalid = ManagementException.INVALID_ARGUMENT;
        final String unknown = ManagementException.UNKNOWN_DESTINATION;
        final String illegal = ManagementException.ILLEGAL_STATE;
        return Stream.of(
            bad("getMessage without id", invalid, "'messageId'", "op", "getMessage", "name", "orders"),
            bad("getMessage of no message", ManagementException.UNKNOWN_MESSAGE, "ID:none", "op", "getMessage",
                "name", "orders", "messageId", "ID:none"),
            bad("getMessage from no queue", unknown, "nowhere", "op", "getMessage", "name", "nowhere",
                "messageId", "ID:m0"),
            bad("getMessage at a negative offset", invalid, "'offset'", "op", "getMessage", "name", "orders",
                "messageId", "ID:m0", "offset", -1),
            bad("getMessage past the body", invalid, "'offset'", "op", "getMessage", "name", "orders",
                "messageId", "ID:m0", "offset", 1000),
            bad("getMessage of too long a slice", invalid, "'length'", "op", "getMessage", "name", "orders",
                "messageId", "ID:m0", "length", 5_000_000),
            bad("getMessage with a length not a number", invalid, "'length'", "op", "getMessage", "name", "orders",
                "messageId", "ID:m0", "length", "lots"));
    }

    static Stream<Arguments> badSendRequests()
    {
        final String invalid = ManagementException.INVALID_ARGUMENT;
        final String unknown = ManagementException.UNKNOWN_DESTINATION;
        final String illegal = ManagementException.ILLEGAL_STATE;
        return Stream.of(
            bad("sendMessage without name", invalid, "'name'", "op", "sendMessage", "body", "b"),
            bad("sendMessage to a mailbox", invalid, "'type'", "op", "sendMessage", "name", "x", "type", "mailbox"),
            bad("sendMessage of json", invalid, "'bodyType'", "op", "sendMessage", "name", "x", "bodyType", "json"),
            bad("sendMessage of bytes not base64", invalid, "'body'", "op", "sendMessage", "name", "x",
                "bodyType", "bytes", "body", "not base64!"),
            bad("sendMessage of an undecodable map", invalid, "'body'", "op", "sendMessage", "name", "x",
                "bodyType", "map", "body", new byte[]{1, 2, 3}),
            bad("sendMessage of map entries for text", invalid, "map.", "op", "sendMessage", "name", "x",
                "map.k", "v"),
            bad("sendMessage of a map given twice", invalid, "both", "op", "sendMessage", "name", "x",
                "bodyType", "map", "body", new byte[]{0, 0, 0, 0}, "map.k", "v"),
            bad("sendMessage of a body without a body", invalid, "'body'", "op", "sendMessage", "name", "x",
                "bodyType", "message", "body", "b"),
            bad("sendMessage of text not a string", invalid, "'body'", "op", "sendMessage", "name", "x", "body", 42),
            bad("sendMessage with a property not an identifier", invalid, "'property.1abc'", "op", "sendMessage",
                "name", "x", "property.1abc", "v"),
            bad("sendMessage with a reserved property name", invalid, "'property.NOT'", "op", "sendMessage",
                "name", "x", "property.NOT", "v"),
            bad("sendMessage with a JMS property name", invalid, "'property.JMSPriority'", "op", "sendMessage",
                "name", "x", "property.JMSPriority", 1),
            bad("sendMessage with a bytes property", invalid, "'property.raw'", "op", "sendMessage", "name", "x",
                "property.raw", new byte[]{1}),
            bad("sendMessage with a char property", invalid, "'property.initial'", "op", "sendMessage",
                "name", "x", "property.initial", 'c'),
            bad("sendMessage at priority 10", invalid, "'priority'", "op", "sendMessage", "name", "x",
                "priority", 10),
            bad("sendMessage at priority -1", invalid, "'priority'", "op", "sendMessage", "name", "x",
                "priority", -1),
            bad("sendMessage with a negative time to live", invalid, "'timeToLive'", "op", "sendMessage",
                "name", "x", "timeToLive", -5L),
            bad("sendMessage with a delay not a number", invalid, "'deliveryDelay'", "op", "sendMessage",
                "name", "x", "deliveryDelay", "soon"),
            bad("sendMessage with an unknown delivery mode", invalid, "'deliveryMode'", "op", "sendMessage",
                "name", "x", "deliveryMode", "SOMETIMES"),
            bad("sendMessage with a reply type and no reply", invalid, "'replyToType'", "op", "sendMessage",
                "name", "x", "replyToType", "queue"),
            bad("sendMessage with an unknown reply type", invalid, "'replyToType'", "op", "sendMessage",
                "name", "x", "replyTo", "r", "replyToType", "mailbox"),
            bad("sendMessage with a correlation id not text", invalid, "'correlationId'", "op", "sendMessage",
                "name", "x", "correlationId", 42),
            bad("sendMessage with a type not text", invalid, "'jmsType'", "op", "sendMessage", "name", "x",
                "jmsType", 42),
            bad("sendMessage with a stray argument", invalid, "'colour'", "op", "sendMessage", "name", "x",
                "colour", "red"),
            bad("sendMessage to a built-in", illegal, "built-in", "op", "sendMessage", "name", "aeolus.management"));
    }

    static Stream<Arguments> badSearchRequests()
    {
        final String invalid = ManagementException.INVALID_ARGUMENT;
        final String unknown = ManagementException.UNKNOWN_DESTINATION;
        final String illegal = ManagementException.ILLEGAL_STATE;
        return Stream.of(
            bad("search without text", invalid, "'text'", "op", "search", "name", "orders"),
            bad("search for too long a text", invalid, "'text'", "op", "search", "name", "orders",
                "text", "a".repeat(1001)),
            bad("search with a bad selector", ManagementException.INVALID_SELECTOR, "a = = b", "op", "search",
                "name", "orders", "text", "m", "selector", "a = = b"),
            bad("search for too many", invalid, "'limit'", "op", "search", "name", "orders", "text", "m",
                "limit", 1001),
            bad("search from a negative offset", invalid, "'offset'", "op", "search", "name", "orders",
                "text", "m", "offset", -1),
            bad("search of no queue", unknown, "nowhere", "op", "search", "name", "nowhere", "text", "m"),
            bad("search with a stray argument", invalid, "'caseSensitive'", "op", "search", "name", "orders",
                "text", "m", "caseSensitive", true));
    }

    static Stream<Arguments> badSubscriptionAndListingRequests()
    {
        final String invalid = ManagementException.INVALID_ARGUMENT;
        final String unknown = ManagementException.UNKNOWN_DESTINATION;
        final String illegal = ManagementException.ILLEGAL_STATE;
        return Stream.of(
            bad("dropSubscription without topic", invalid, "'topic'", "op", "dropSubscription", "name", "audit"),
            bad("dropSubscription without name", invalid, "'name'", "op", "dropSubscription", "topic", "prices"),
            bad("dropSubscription of no subscription", unknown, "'gone'", "op", "dropSubscription",
                "topic", "prices", "clientId", "c1", "name", "gone"),
            bad("dropSubscription on the wrong topic", unknown, "'quotes'", "op", "dropSubscription",
                "topic", "quotes", "clientId", "c1", "name", "audit"),
            bad("dropSubscription shared maybe", invalid, "'shared'", "op", "dropSubscription", "topic", "prices",
                "clientId", "c1", "name", "audit", "shared", "maybe"),
            bad("sessions of a connection not a number", invalid, "'connectionId'", "op", "sessions",
                "connectionId", "abc"),
            bad("consumers of no connection", ManagementException.UNKNOWN_CONNECTION, "999", "op", "consumers",
                "connectionId", 999L),
            bad("producers with a stray argument", invalid, "'destination'", "op", "producers",
                "destination", "orders"));
    }

    private static Arguments bad(final String what, final String code, final String fragment,
        final Object... keysAndValues)
    {
        return Arguments.of(what, request(keysAndValues), code, fragment);
    }
}
