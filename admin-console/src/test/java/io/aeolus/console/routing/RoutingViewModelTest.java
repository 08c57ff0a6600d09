package io.aeolus.console.routing;

import io.aeolus.console.backend.ActionsOnlyBackend;
import io.aeolus.console.backend.BrokerActions;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import io.aeolus.management.BridgeInfo;
import io.aeolus.management.LastValueInfo;
import io.aeolus.management.RetentionInfo;
import io.aeolus.management.RouteInfo;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Routing and Bridges tabs' state over a scripted broker: the rows, which actions apply, the outcome or the
 * broker's refusal shown plainly (a refused rule's reason handed back for the dialog), and the lists reloaded.
 */
@Timeout(10)
class RoutingViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");
    private static final RouteInfo DECLARED =
        new RouteInfo("eu", "queue:orders", "region = 'EU'", "queue:orders.eu", "exclusive", true);
    private static final RouteInfo RUNTIME = new RouteInfo("audit", "queue:orders", "", "queue:audit", "copy", false);
    private static final BridgeInfo RUNNING =
        new BridgeInfo("copy", "RUNNING", "queue:in", "queue:out", "", 5, 1, 2, 2, "connection lost");
    private static final BridgeInfo PAUSED =
        new BridgeInfo("other", "PAUSED", "queue:a", "queue:b", "", 0, 0, 0, 0, "");

    private final ScriptedActions actions = new ScriptedActions();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final RoutingViewModel routing =
        new RoutingViewModel(ActionsOnlyBackend.of(actions), new ImmediateTaskRunner(), notifier, BUNDLE);
    private final BridgesViewModel bridges =
        new BridgesViewModel(ActionsOnlyBackend.of(actions), new ImmediateTaskRunner(), notifier, BUNDLE);

    @Test
    void listsTheRulesAndOnlyARunTimeRuleCanBeDeleted()
    {
        actions.routes.add(RUNTIME);
        actions.routes.add(DECLARED);

        routing.reload();

        assertEquals(List.of(RUNTIME, DECLARED), routing.routes());
        assertEquals("2 rule(s), 1 declared", routing.statusProperty().get());
        assertEquals("declared", routing.origin(DECLARED));
        assertEquals("run time", routing.origin(RUNTIME));
        assertTrue(routing.canDelete(RUNTIME));
        assertFalse(routing.canDelete(DECLARED), "a declared rule lives in the configuration");
        assertFalse(routing.canDelete(null));
        assertTrue(routing.deleteHint(DECLARED).contains("declared in the broker's configuration"),
            routing.deleteHint(DECLARED));
    }

    @Test
    void listsTheLastValueQueuesWithTheRules()
    {
        actions.lastValues.add(new LastValueInfo("prices", "symbol", 2, 2, "AAPL,MSFT"));

        routing.reload();

        assertEquals(List.of(new LastValueInfo("prices", "symbol", 2, 2, "AAPL,MSFT")), routing.lastValues());
    }

    @Test
    void listsTheTopicsWithRetentionAndForgetsThemOnClear()
    {
        final RetentionInfo clicks = new RetentionInfo("shop.clicks", 3_600_000, 0, 12, 4096, 1_000, 12, 0);
        actions.retention.add(clicks);

        routing.reload();
        assertEquals(List.of(clicks), routing.retention());

        routing.clear();
        assertTrue(routing.retention().isEmpty(), "nothing of the last broker stays on screen");
    }

    @Test
    void aNewRuleCarriesItsTransformerParametersSchemaAndInvalidAction()
    {
        final AtomicReference<String> answer = new AtomicReference<>();

        routing.create("json", "queue:in", "", "queue:out", RoutingViewModel.EXCLUSIVE, " xml-to-json ",
            "root = keep\n\n", "{\"type\": \"object\"}", RoutingViewModel.DEAD_LETTER, answer::set);

        assertEquals("", answer.get());
        assertEquals(List.of("create json queue:in  queue:out exclusive xml-to-json {root=keep} " +
            "{\"type\": \"object\"} dead-letter"), actions.calls);
        assertEquals("xml-to-json(root=keep) + schema, invalid: dead-letter",
            routing.transform(routing.routes().get(0)));
        assertEquals("", routing.transform(RUNTIME));
    }

    @Test
    void aMalformedTransformerParameterIsRefusedBeforeTheBrokerIsAsked()
    {
        final AtomicReference<String> answer = new AtomicReference<>();

        routing.create("json", "queue:in", "", "queue:out", RoutingViewModel.COPY, "properties", "set.a",
            "", "", answer::set);
        final String withoutName = answer.get();
        routing.create("json", "queue:in", "", "queue:out", RoutingViewModel.COPY, "", "root=keep", "", "",
            answer::set);

        assertEquals("A parameter is name=value: 'set.a'", withoutName);
        assertEquals("Parameters need a transformer.", answer.get());
        assertEquals(List.of(), actions.calls);
    }

    @Test
    void theFormIsCheckedBeforeTheBrokerIsAsked()
    {
        assertEquals("A rule needs a name.", routing.validate(" ", "queue:a", "queue:b"));
        assertEquals("A rule's name has no spaces or commas.", routing.validate("a b", "queue:a", "queue:b"));
        assertEquals("A rule's name has no spaces or commas.", routing.validate("a,b", "queue:a", "queue:b"));
        assertEquals("A rule needs a source (queue:<name> or topic:<name>).", routing.validate("r", "", "queue:b"));
        assertEquals("A rule needs at least one target.", routing.validate("r", "queue:a", null));
        assertEquals("", routing.validate("r", "queue:a", "queue:b"));

        final AtomicReference<String> answer = new AtomicReference<>();
        routing.create("", "queue:a", "", "queue:b", "copy", answer::set);
        assertEquals("A rule needs a name.", answer.get());
        assertTrue(actions.calls.isEmpty(), "nothing sent");
    }

    @Test
    void aCreatedRuleIsListedAndTheDialogToldToClose()
    {
        final AtomicReference<String> answer = new AtomicReference<>();

        routing.create(" audit ", "queue:orders", " ", "queue:audit", "copy", answer::set);

        assertEquals("", answer.get(), "success: the dialog closes");
        assertEquals(List.of("create audit queue:orders  queue:audit copy"), actions.calls);
        assertEquals(List.of(RUNTIME), routing.routes(), "reloaded");
        assertEquals("Created routing rule audit. 1 rule(s), 0 declared", routing.statusProperty().get());
        assertEquals(NoticeLevel.INFO, notifier.history().get(0).level());
    }

    @Test
    void aRefusedRuleHandsTheBrokersReasonToTheDialog()
    {
        actions.failure = new JMSException("rule 'back' would make a loop: queue:b -> queue:a -> queue:b",
            "INVALID_ARGUMENT");
        final AtomicReference<String> answer = new AtomicReference<>();

        routing.create("back", "queue:b", "", "queue:a", "copy", answer::set);

        assertEquals("rule 'back' would make a loop: queue:b -> queue:a -> queue:b", answer.get());
        assertTrue(routing.routes().isEmpty());
        assertTrue(notifier.history().isEmpty(), "the dialog shows it; no notification on top");
    }

    @Test
    void deleteRemovesARunTimeRuleAndNeverSendsADeclaredOne()
    {
        actions.routes.add(RUNTIME);
        actions.routes.add(DECLARED);
        routing.reload();

        routing.delete(DECLARED);
        assertTrue(actions.calls.isEmpty(), "a declared rule is not sent");
        assertTrue(routing.confirmation(RUNTIME).contains("queue:audit"), routing.confirmation(RUNTIME));

        routing.delete(RUNTIME);

        assertEquals(List.of("deleteRoute audit"), actions.calls);
        assertEquals(List.of(DECLARED), routing.routes());
        assertEquals("Deleted routing rule audit. 1 rule(s), 1 declared", routing.statusProperty().get());
    }

    @Test
    void aFailedLoadShowsTheRefusalAndNothingStale()
    {
        actions.routes.add(RUNTIME);
        routing.reload();
        actions.listFailure = new JMSSecurityException("user 'carol' is not allowed to manage 'aeolus.management'");

        routing.reload();

        assertTrue(routing.routes().isEmpty());
        assertEquals("Failed: user 'carol' is not allowed to manage 'aeolus.management'",
            routing.statusProperty().get());
        assertEquals("Loading routing rules failed", notifier.history().get(0).title());
    }

    @Test
    void listsTheBridgesAndTheActionsThatApply()
    {
        actions.bridges.add(RUNNING);
        actions.bridges.add(PAUSED);

        bridges.reload();

        assertEquals(List.of(RUNNING, PAUSED), bridges.bridges());
        assertEquals("2 bridge(s), 1 paused", bridges.statusProperty().get());
        assertTrue(bridges.can(RUNNING, BridgesViewModel.Action.PAUSE));
        assertFalse(bridges.can(RUNNING, BridgesViewModel.Action.RESUME));
        assertTrue(bridges.can(PAUSED, BridgesViewModel.Action.RESUME));
        assertFalse(bridges.can(PAUSED, BridgesViewModel.Action.PAUSE));
        assertTrue(bridges.can(PAUSED, BridgesViewModel.Action.DELETE));
        assertFalse(bridges.can(null, BridgesViewModel.Action.DELETE));
        assertTrue(bridges.confirmation(RUNNING).contains("queue:in"), bridges.confirmation(RUNNING));
    }

    @Test
    void pauseTellsTheOutcomeAndAFailureTheBrokersError()
    {
        actions.bridges.add(RUNNING);
        bridges.reload();

        bridges.act(RUNNING, BridgesViewModel.Action.PAUSE);

        assertEquals(List.of("bridge pause copy"), actions.calls);
        assertEquals("PAUSED", bridges.bridges().get(0).state());
        assertEquals("Paused bridge copy. 1 bridge(s), 1 paused", bridges.statusProperty().get());

        actions.failure = new JMSException("no bridge named 'copy'", "NOT_FOUND");
        bridges.act(bridges.bridges().get(0), BridgesViewModel.Action.DELETE);

        assertEquals("Failed: no bridge named 'copy' 1 bridge(s), 1 paused", bridges.statusProperty().get());
        assertEquals("Deleting bridge copy failed", notifier.history().get(1).title());
    }

    @Test
    void theDemoBackendHasNoRulesAndNoBridges()
    {
        final RoutingViewModel demoRouting =
            new RoutingViewModel(new FakeBackend(), new ImmediateTaskRunner(), notifier, BUNDLE);
        final BridgesViewModel demoBridges =
            new BridgesViewModel(new FakeBackend(), new ImmediateTaskRunner(), notifier, BUNDLE);

        demoRouting.reload();
        demoBridges.reload();

        assertTrue(demoRouting.routes().isEmpty());
        assertEquals("0 rule(s), 0 declared", demoRouting.statusProperty().get());
        assertTrue(demoBridges.bridges().isEmpty());
        assertEquals("0 bridge(s), 0 paused", demoBridges.statusProperty().get());
    }

    /**
     * Rules and bridges as a test sets them; changes apply to them as the broker would.
     */
    private static final class ScriptedActions implements BrokerActions
    {
        final List<RouteInfo> routes = new ArrayList<>();
        final List<LastValueInfo> lastValues = new ArrayList<>();
        final List<RetentionInfo> retention = new ArrayList<>();
        final List<BridgeInfo> bridges = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        Exception listFailure;
        Exception failure;

        @Override
        public List<RouteInfo> routes() throws Exception
        {
            if (null != listFailure)
            {
                throw listFailure;
            }
            return List.copyOf(routes);
        }

        @Override
        public void createRoute(final String name, final String source, final String selector,
            final String targets, final String mode) throws Exception
        {
            if (null != failure)
            {
                throw failure;
            }
            calls.add("create " + name + " " + source + " " + selector + " " + targets + " " + mode);
            routes.add(new RouteInfo(name, source, selector, targets, mode, false));
        }

        @Override
        public void createRoute(final String name, final String source, final String selector,
            final String targets, final String mode, final String transformer, final Map<String, String> parameters,
            final String schema, final String invalid) throws Exception
        {
            if (null != failure)
            {
                throw failure;
            }
            calls.add("create " + name + " " + source + " " + selector + " " + targets + " " + mode + " " +
                transformer + " " + parameters + " " + schema + " " + invalid);
            routes.add(new RouteInfo(name, source, selector, targets, mode, false, transformer,
                String.join("\n", parameters.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue())
                    .toList()), schema, invalid));
        }

        @Override
        public List<LastValueInfo> lastValueQueues()
        {
            return List.copyOf(lastValues);
        }

        @Override
        public List<RetentionInfo> retention()
        {
            return List.copyOf(retention);
        }

        @Override
        public void deleteRoute(final String name) throws Exception
        {
            if (null != failure)
            {
                throw failure;
            }
            calls.add("deleteRoute " + name);
            routes.removeIf((route) -> route.name().equals(name));
        }

        @Override
        public List<BridgeInfo> bridges()
        {
            return List.copyOf(bridges);
        }

        @Override
        public void bridgeAction(final String name, final String action) throws Exception
        {
            if (null != failure)
            {
                throw failure;
            }
            calls.add("bridge " + action + " " + name);
            bridges.replaceAll((b) -> b.name().equals(name) ? new BridgeInfo(b.name(),
                "pause".equals(action) ? "PAUSED" : "RUNNING", b.source(), b.target(), b.selector(), b.forwarded(),
                b.duplicatesDropped(), b.failures(), b.reconnects(), b.lastError()) : b);
            if ("delete".equals(action))
            {
                bridges.removeIf((b) -> b.name().equals(name));
            }
        }
    }
}
