package io.aeolus.broker.engine;

import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.MessageSelectorSource;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.broker.engine.routing.RoutingConfig;
import io.aeolus.broker.engine.routing.RoutingRule;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.store.StoredRoute;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing rules, composite destinations and last-value queues through the engine's ports, with a simulated journal:
 * copy and exclusive, selectors, patterns, chains, loops refused, bad rules refused, rules made at run time
 * journaled and read back, and a last-value queue replacing waiting messages.
 */
@Timeout(10)
class RoutingTest
{
    private static final long NOW_MS = EngineRig.START_MS;

    private final List<String> outputs = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private DestinationPolicies policies = DestinationPolicies.defaults();
    private MessagingEngine engine;
    private BrokerSecurity security;
    private EngineManagement management;
    private long correlationId = 1000;

    private void start()
    {
        security = BrokerSecurity.development(new CachedEpochClock());
        final List<RoutingRule> rules = RoutingConfig.read(options, TopicWildcards.DEFAULT);
        engine = new MessagingEngine(new EngineSettings(policies, List.of(), List.of(), 50, 0, 0, 10,
            TopicWildcards.DEFAULT, rules), 64 * 1024, NOW_MS, security, new RecordingEgress(outputs));
        engine.durability(new SimulatedJournal(outputs), 1000);
        management = new EngineManagement(engine, EngineSettings.defaults(), (id, reason) -> false, null);
        engine.onConnected(2, "pub", security.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        engine.onCreateSession(2, next(), 1, AckMode.AUTO);
        engine.onCreateProducer(2, next(), 1, 1, DestinationType.NONE, "");
    }

    private void rule(final String name, final String source, final String selector, final String targets,
        final String mode)
    {
        options.put(RoutingConfig.ROUTE_PREFIX + name + ".source", source);
        if (null != selector)
        {
            options.put(RoutingConfig.ROUTE_PREFIX + name + ".selector", selector);
        }
        options.put(RoutingConfig.ROUTE_PREFIX + name + ".targets", targets);
        options.put(RoutingConfig.ROUTE_PREFIX + name + ".mode", mode);
    }

    @Test
    void shouldCopyAMessageToTheTargetsAndItsDestination()
    {
        rule("audit", "queue:orders", null, "queue:audit,queue:archive", "copy");
        start();

        send("orders", false, "region", "EU");

        assertEquals(1, depth("orders"));
        assertEquals(1, depth("audit"));
        assertEquals(1, depth("archive"));
    }

    @Test
    void shouldSendOnlyToTheTargetsOfAnExclusiveRuleWhoseSelectorMatches()
    {
        rule("eu", "queue:orders", "region = 'EU'", "queue:orders.eu", "exclusive");
        start();

        send("orders", false, "region", "EU");
        send("orders", false, "region", "US");

        assertEquals(1, depth("orders"));
        assertEquals(1, depth("orders.eu"));
    }

    @Test
    void shouldRouteFromATopicPatternToAQueue()
    {
        rule("ticks", "topic:stock.#", null, "queue:ticks", "copy");
        start();

        send("stock.us.AAPL", true, "price", 1);
        send("bond.X", true, "price", 1);

        assertEquals(1, depth("ticks"));
    }

    @Test
    void shouldForwardAMessageSentToACompositeToEveryMember()
    {
        options.put(RoutingConfig.COMPOSITE_PREFIX + "queue.orders.all", "queue:orders.a, queue:orders.b");
        start();

        send("orders.all", false, "x", 1);

        assertEquals(0, depth("orders.all"));
        assertEquals(1, depth("orders.a"));
        assertEquals(1, depth("orders.b"));
    }

    @Test
    void shouldCreateADeclaredCompositeWhereDestinationsAreNotCreatedOnFirstUse()
    {
        policies = DestinationPolicies.defaults().put("#", PolicySetting.AUTO_CREATE, false);
        options.put(RoutingConfig.COMPOSITE_PREFIX + "topic.prices.all", "topic:prices.eu");

        start();

        assertTrue(engine.destinations().topics().containsKey("prices.all"));
        assertTrue(management.putRoute("r", "queue:a", null, "queue:missing", "copy").contains("does not exist"));
    }

    @Test
    void shouldFollowAChainOfRulesAndDeliverOncePerDestination()
    {
        rule("r1", "queue:a", null, "queue:b,queue:c", "copy");
        rule("r2", "queue:b", null, "queue:c", "exclusive");
        start();

        send("a", false, "x", 1);

        assertEquals(1, depth("a"));
        assertEquals(0, depth("b"));
        assertEquals(1, depth("c"));
    }

    @Test
    void shouldJournalAPersistentMessageOfAnExclusiveRuleInExactlyItsTargetsAsOneGroup()
    {
        rule("eu", "queue:orders", null, "queue:orders.eu,queue:orders.audit", "exclusive");
        start();
        outputs.clear();

        send("orders", false, "region", "EU", true);

        final List<String> appends = outputs.stream().filter((line) -> line.startsWith("append") &&
            line.contains("StoreMessage(")).toList();
        assertEquals(1, appends.size(), outputs.toString());
        final String group = appends.get(0);
        assertTrue(group.contains("Group("), group);
        assertTrue(group.contains("AddReference(\"q/orders.eu\"") && group.contains("AddReference(\"q/orders.audit\""),
            group);
        assertTrue(!group.contains("AddReference(\"q/orders\""), group);
    }

    @Test
    void shouldRefuseARuleThatWouldLoopNamingTheChain()
    {
        start();
        assertNull(management.putRoute("r1", "queue:a", null, "queue:b", "copy"));

        final String problem = management.putRoute("r2", "queue:b", null, "queue:c,queue:a", "copy");
        final String self = management.putRoute("r3", "topic:stock.#", null, "topic:stock.copy", "copy");

        assertTrue(problem.contains("would make a loop: queue:b -> queue:a (rule 'r2') -> queue:b (rule 'r1')"),
            problem);
        assertTrue(self.contains("would make a loop"), self);
        assertEquals(1, management.routes().size());
    }

    @Test
    void shouldRefuseALoopInTheConfigFile()
    {
        rule("r1", "queue:a", null, "queue:b", "copy");
        rule("r2", "queue:b", null, "queue:a", "exclusive");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, this::start);

        assertTrue(ex.getMessage().contains("would make a loop"), ex.getMessage());
    }

    @Test
    void shouldRefuseBadRulesNamingTheProblem()
    {
        start();

        assertTrue(management.putRoute("r", "queue:a", null, "queue:b", "broadcast")
            .contains("unknown mode 'broadcast'"));
        assertTrue(management.putRoute("r", "queue:a", "price >", "queue:b", "copy").contains("invalid selector"));
        assertTrue(management.putRoute("r", "queue:a", null, "topic:stock.*", "copy").contains("contains a wildcard"));
        assertTrue(management.putRoute("r", "orders", null, "queue:b", "copy").contains("must start with queue:"));
        assertTrue(management.putRoute("r", "queue:a", null, "", "copy").contains("no targets"));
        assertTrue(management.putRoute("r x", "queue:a", null, "queue:b", "copy").contains("contains a space"));
        assertEquals(List.of(), management.routes());
    }

    @Test
    void shouldJournalRulesMadeAtRunTimeAndReadThemBack()
    {
        start();

        assertNull(management.putRoute("eu", "queue:orders", "region = 'EU'", "queue:orders.eu", "exclusive"));
        assertNull(management.putRoute("tmp", "queue:x", null, "queue:y", null));
        assertNull(management.deleteRoute("tmp"));

        assertTrue(outputs.contains("append 1 PutRoute(StoredRoute(\"eu\" \"queue:orders\" \"region = 'EU'\" " +
            "\"queue:orders.eu\" \"exclusive\"))") || outputs.stream().anyMatch((line) ->
            line.contains("PutRoute(StoredRoute(\"eu\"")), outputs.toString());
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("DeleteRoute(\"tmp\")")), outputs.toString());

        outputs.clear();
        start();
        engine.destinations().routing.recover(List.of(
            new StoredRoute("eu", "queue:orders", "region = 'EU'", "queue:orders.eu", "exclusive")));
        send("orders", false, "region", "EU");

        assertEquals(0, depth("orders"));
        assertEquals(1, depth("orders.eu"));
    }

    @Test
    void shouldTransformThroughARuleMadeAtRunTimeAndJournalItsTransformation()
    {
        start();

        assertNull(management.putRoute("kind", "queue:in", null, "queue:out", "exclusive", "properties",
            "set.origin=plant-7\nrename.region=area", "{\"type\":\"string\"}", "dead-letter"));
        send("in", false, "region", "EU");

        assertEquals(0, depth("in"));
        assertEquals(0, depth("out"), "the body is not a JSON string: invalid");
        assertEquals(1, depth("DLQ.in"));
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("PutRoute(StoredRoute(\"kind\"") &&
            line.contains("\"properties\"") && line.contains("\"dead-letter\"")), outputs.toString());
        final io.aeolus.management.RouteInfo listed = management.routes().get(0);
        assertEquals("properties", listed.transformer());
        assertEquals("rename.region=area\nset.origin=plant-7", listed.parameters());
        assertEquals("{\"type\":\"string\"}", listed.schema());
        assertEquals("dead-letter", listed.invalid());
    }

    @Test
    void shouldReadBackARuleMadeAtRunTimeWithItsTransformer()
    {
        start();
        engine.destinations().routing.recover(List.of(new StoredRoute("kind", "queue:in", null, "queue:out",
            "exclusive", "properties", "set.origin=plant-7", null, "refuse"),
            new StoredRoute("gone", "queue:a", null, "queue:b", "copy", "xslt", null, null, "refuse")));

        send("in", false, "region", "EU");

        assertEquals(1, depth("out"));
        assertEquals("plant-7", new MessageSelectorSource().wrap(engine.destinations().queues().get("out")
            .waitingEntries().get(0).message()).valueOf("origin"));
        assertEquals(1, management.routes().size());
        assertTrue(engine.destinations().routing.recoveryProblems().get(0).contains("unknown transformer 'xslt'"),
            engine.destinations().routing.recoveryProblems().toString());
    }

    @Test
    void shouldRefuseAnUnknownTransformerOrABadSchemaMadeAtRunTimeNamingIt()
    {
        start();

        assertTrue(management.putRoute("r", "queue:a", null, "queue:b", "copy", "xslt", null, null, null)
            .contains("routing rule 'r': unknown transformer 'xslt' (known: "));
        assertTrue(management.putRoute("r", "queue:a", null, "queue:b", "copy", null, null, "{\"type\": 12}", null)
            .contains("the inline schema is not a valid schema"));
        assertTrue(management.putRoute("r", "queue:a", null, "queue:b", "copy", null, null, "/etc/s.json", null)
            .contains("must be the JSON Schema itself (starting with '{'), not '/etc/s.json'"));
        assertTrue(management.putRoute("r", "queue:a", null, "queue:b", "copy", "xml-to-json", "rot=keep", null,
            null).contains("unknown parameter 'rot'"));
        assertTrue(management.putRoute("r", "queue:a", null, "queue:b", "copy", "properties", "set.a", null, null)
            .contains("transformer parameter 'set.a' is not name=value"));
        assertTrue(management.putRoute("r", "queue:a", null, "queue:b", "copy", null, null, null, "dead-letter")
            .contains("'invalid' is given but neither a transformer nor a schema"));
        assertEquals(List.of(), management.routes());
    }

    @Test
    void shouldChangeARuleMadeAtRunTimeByItsName()
    {
        start();
        assertNull(management.putRoute("eu", "queue:orders", null, "queue:orders.eu", "copy"));
        send("orders", false, "region", "EU");

        assertNull(management.putRoute("eu", "queue:orders", "region = 'EU'", "queue:orders.eu", "exclusive"));
        send("orders", false, "region", "EU");
        send("orders", false, "region", "US");

        assertEquals(2, depth("orders"));
        assertEquals(2, depth("orders.eu"));
        assertEquals("exclusive", management.routes().get(0).mode());
        assertEquals(2, outputs.stream().filter((line) -> line.contains("PutRoute(StoredRoute(\"eu\"")).count());
    }

    @Test
    void shouldKeepDeclaredRulesFromChangesAtRunTime()
    {
        rule("audit", "queue:orders", null, "queue:audit", "copy");
        start();

        assertTrue(management.deleteRoute("audit").contains("config file"));
        assertTrue(management.putRoute("audit", "queue:orders", null, "queue:b", "copy").contains("config file"));
        assertTrue(management.deleteRoute("nothing").contains("no routing rule 'nothing'"));
        assertTrue(management.routes().get(0).declared());
    }

    @Test
    void shouldReplaceTheWaitingMessageWithTheSameLastValueKey()
    {
        policies = DestinationPolicies.defaults().put("prices", PolicySetting.LAST_VALUE_KEY, "symbol");
        start();

        send("prices", false, "symbol", "AAPL", true);
        send("prices", false, "symbol", "MSFT", true);
        send("prices", false, "symbol", "AAPL", true);
        send("prices", false, "other", "no key", true);

        assertEquals(3, depth("prices"));
        final MessageQueue queue = engine.destinations().queues().get("prices");
        final List<Long> ids = queue.waitingEntries().stream().map((entry) -> entry.message().messageId()).toList();
        assertEquals(3, ids.size());
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("RemoveReference(\"q/prices\"")),
            outputs.toString());
    }

    @Test
    void shouldListTheLastValueQueuesWithTheirKeyAndTheKeysWaiting()
    {
        policies = DestinationPolicies.defaults().put("prices", PolicySetting.LAST_VALUE_KEY, "symbol");
        start();
        engine.destinations().createQueue("plain", DestinationType.QUEUE);

        send("prices", false, "symbol", "MSFT", true);
        send("prices", false, "symbol", "AAPL", true);
        send("prices", false, "symbol", "AAPL", true);
        send("prices", false, "other", "no key", true);

        assertEquals(List.of(new io.aeolus.management.LastValueInfo("prices", "symbol", 3, 2, "AAPL,MSFT")),
            management.lastValueQueues());
    }

    @Test
    void shouldNotReplaceTheLastValueInFlight()
    {
        policies = DestinationPolicies.defaults().put("prices", PolicySetting.LAST_VALUE_KEY, "symbol");
        start();
        engine.onConnected(1, "sub", security.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        engine.onCreateSession(1, next(), 1, AckMode.CLIENT);
        engine.onCreateConsumer(1, new ConsumerRequest(next(), 1, 1, DestinationType.QUEUE, "prices", "", "", 1,
            false, false, false, false));

        send("prices", false, "symbol", "AAPL", true);
        engine.dispatch();
        send("prices", false, "symbol", "AAPL", true);
        send("prices", false, "symbol", "AAPL", true);

        final MessageQueue queue = engine.destinations().queues().get("prices");
        assertEquals(1, queue.inFlightCount());
        assertEquals(1, queue.depth());
    }

    @Test
    void shouldKeepOneWaitingMessagePerLastValueKeyAfterARecover()
    {
        policies = DestinationPolicies.defaults().put("prices", PolicySetting.LAST_VALUE_KEY, "symbol");
        start();
        consumer(1, 2);

        send("prices", false, "symbol", "AAPL", true);
        engine.dispatch();
        send("prices", false, "symbol", "AAPL", true);
        engine.dispatch();
        engine.onRecover(1, next(), 1, Map.of(1L, Long.MAX_VALUE));

        final MessageQueue queue = engine.destinations().queues().get("prices");
        assertEquals(1, queue.depth());
        assertEquals(List.of("AAPL#1"), waiting(queue));
    }

    @Test
    void shouldReplaceAMessageARecoverBroughtBackWhileTheIndexNamesOneInFlight()
    {
        policies = DestinationPolicies.defaults().put("prices", PolicySetting.LAST_VALUE_KEY, "symbol");
        start();
        consumer(1, 1);
        consumer(3, 1);

        send("prices", false, "symbol", "AAPL", true);
        engine.dispatch();
        send("prices", false, "symbol", "AAPL", true);
        engine.dispatch();
        engine.onRecover(1, next(), 1, Map.of(1L, Long.MAX_VALUE));
        send("prices", false, "symbol", "AAPL", true);

        final MessageQueue queue = engine.destinations().queues().get("prices");
        assertEquals(1, queue.inFlightCount());
        assertEquals(1, queue.depth());
        assertEquals(List.of("AAPL#2"), waiting(queue));
    }

    private void consumer(final long connectionId, final int prefetch)
    {
        engine.onConnected(connectionId, "sub" + connectionId, security.authorizer().anonymous("aeron:ipc"),
            "aeron:ipc");
        engine.onCreateSession(connectionId, next(), 1, AckMode.CLIENT);
        engine.onCreateConsumer(connectionId, new ConsumerRequest(next(), 1, 1, DestinationType.QUEUE, "prices", "",
            "", prefetch, false, false, false, false));
    }

    private static List<String> waiting(final MessageQueue queue)
    {
        final List<String> keys = new ArrayList<>();
        for (final QueueEntry entry : queue.waitingEntries())
        {
            keys.add(new MessageSelectorSource().wrap(entry.message()).valueOf("symbol") + "#" + entry.sequence());
        }
        return keys;
    }

    private int depth(final String queue)
    {
        final MessageQueue found = engine.destinations().queues().get(queue);
        return null == found ? 0 : found.depth();
    }

    private void send(final String destination, final boolean topic, final String property, final Object value)
    {
        send(destination, topic, property, value, false);
    }

    private void send(final String destination, final boolean topic, final String property, final Object value,
        final boolean persistent)
    {
        final ReplayWorkload.Message message = new ReplayWorkload.Message(destination, "body").property(property,
            value);
        if (topic)
        {
            message.topic();
        }
        if (!persistent)
        {
            message.nonPersistent();
        }
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final int length = message.encode(buffer, 2, NOW_MS);
        engine.onSend(2, next(), 1, 1, buffer, 0, length);
    }

    private long next()
    {
        return ++correlationId;
    }
}
