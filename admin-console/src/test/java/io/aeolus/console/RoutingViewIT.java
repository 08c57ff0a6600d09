package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminRoutes;
import io.aeolus.management.RouteInfo;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static io.aeolus.console.BrokerClients.receive;
import static io.aeolus.console.BrokerClients.send;
import static io.aeolus.console.FxQueries.cell;
import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issues #17 and #20 item 7, the console's part: the Routing tab lists the broker's rules; a rule made in the New
 * rule dialog routes a message (a JMS consumer on its target gets it); a rule that would loop is refused with the
 * broker's reason shown in the dialog, which stays open; a rule with a transformer is made there (an unknown one
 * refused first) and transforms what it routes; Delete asks first and removes the rule.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class RoutingViewIT
{
    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private static int tests;
    private RealConsole console;
    private Stage stage;
    private String prefix;

    @BeforeAll
    static void startBroker() throws Exception
    {
        final Path config = Files.writeString(dataDir.resolve("broker.properties"), String.join("\n",
            "aeolus.route.it-declared.source=queue:console.it.declared.in",
            "aeolus.route.it-declared.targets=queue:console.it.declared.out",
            "aeolus.destination.console.it.events.retention.size=1m",
            ""));
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir.resolve("data")).configFile(config));
    }

    @AfterAll
    static void stopBroker()
    {
        broker.close();
    }

    @Start
    void start(final Stage stage) throws Exception
    {
        this.stage = stage;
        tests++;
        prefix = "console.it.route." + tests;
        console = RealConsole.open(stage, broker.ipcUrl(), "", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        console.close(stage);
    }

    @Test
    void aRuleMadeInTheDialogIsListedAndRoutesAMessage(final FxRobot robot) throws Exception
    {
        showTab(robot);
        final String rule = "it-copy-" + tests;
        newRule(robot, rule, "queue:" + prefix + ".in", "", "queue:" + prefix + ".copy", "exclusive");
        robot.clickOn("#createRouteOk");

        waitUntil(20, () -> cellTexts(robot, "#routesTable").contains(rule));
        waitUntil(20, () -> !FxQueries.windowShows("Send matching messages of a source"));
        assertTrue(cellTexts(robot, "#routesTable").contains("exclusive"), "its mode is shown");
        assertTrue(cellTexts(robot, "#routesTable").contains("run time"), "made at run time");
        assertEquals(1, routes().stream().filter((r) -> r.name().equals(rule)).count(), "the broker has it");

        send(broker, prefix + ".in", "order 1");
        assertEquals("order 1", receive(broker, prefix + ".copy", 10_000), "the rule routed the message");
    }

    @Test
    void aLoopIsRefusedInTheDialogThenARuleIsDeleted(final FxRobot robot) throws Exception
    {
        final String forward = "it-fwd-" + tests;
        withRoutes((routes) -> routes.create(forward, "queue:" + prefix + ".a", "", "queue:" + prefix + ".b",
            "copy"));
        showTab(robot);
        robot.clickOn("#refreshRoutes");
        waitUntil(20, () -> cellTexts(robot, "#routesTable").contains(forward));

        newRule(robot, "it-back-" + tests, "queue:" + prefix + ".b", "", "queue:" + prefix + ".a", "copy");
        robot.clickOn("#createRouteOk");
        waitUntil(20, () -> FxQueries.windowShows("would make a loop"));
        assertTrue(FxQueries.windowShows("Send matching messages of a source"), "the dialog stays open");
        assertTrue(routes().stream().noneMatch((r) -> r.name().equals("it-back-" + tests)), "nothing made");
        robot.clickOn("#createRouteCancel");
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn(cell(robot, "#routesTable", forward));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#deleteRoute");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Delete this routing rule?"), "it asks first");
        robot.clickOn("#confirmOk");
        waitUntil(20, () -> !cellTexts(robot, "#routesTable").contains(forward));
        assertTrue(routes().stream().noneMatch((r) -> r.name().equals(forward)), "the broker no longer has it");
        assertTrue(robot.lookup("#deleteRoute").queryAs(Button.class).isDisabled(), "nothing selected");
    }

    @Test
    void aRuleWithATransformerIsMadeInTheDialogAfterAnUnknownOneIsRefused(final FxRobot robot) throws Exception
    {
        showTab(robot);
        final String rule = "it-transform-" + tests;
        newRule(robot, rule, "queue:" + prefix + ".raw", "", "queue:" + prefix + ".tagged", "exclusive");
        robot.interact(() -> robot.lookup("#newRouteTransformer").queryAs(TextField.class).setText("xslt"));
        robot.clickOn("#createRouteOk");
        waitUntil(20, () -> FxQueries.windowShows("unknown transformer 'xslt'"));
        assertTrue(routes().stream().noneMatch((r) -> r.name().equals(rule)), "nothing made");

        robot.interact(() ->
        {
            robot.lookup("#newRouteTransformer").queryAs(TextField.class).setText("properties");
            robot.lookup("#newRouteParameters").queryAs(TextArea.class).setText("set.origin=console");
        });
        robot.clickOn("#createRouteOk");

        waitUntil(20, () -> cellTexts(robot, "#routesTable").contains("properties(set.origin=console), " +
            "invalid: refuse"));
        final RouteInfo made = routes().stream().filter((r) -> r.name().equals(rule)).findFirst().orElseThrow();
        assertEquals("properties", made.transformer());
        assertEquals("set.origin=console", made.parameters());
        send(broker, prefix + ".raw", "tag me");
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final TextMessage message = (TextMessage)session.createConsumer(session.createQueue(prefix + ".tagged"))
                .receive(10_000);
            assertNotNull(message, "the rule routed the message");
            assertEquals("console", message.getStringProperty("origin"), "the rule's transformer set it");
        }
    }

    @Test
    void aDeclaredRuleIsListedAndCannotBeDeleted(final FxRobot robot) throws Exception
    {
        showTab(robot);
        waitUntil(20, () -> cellTexts(robot, "#routesTable").contains("it-declared"));
        assertTrue(cellTexts(robot, "#routesTable").contains("queue:console.it.declared.out"), "its targets");
        assertTrue(cellTexts(robot, "#routesTable").contains("declared"), "its origin");

        robot.clickOn(cell(robot, "#routesTable", "it-declared"));
        WaitForAsyncUtils.waitForFxEvents();
        final Button delete = robot.lookup("#deleteRoute").queryAs(Button.class);
        assertTrue(delete.isDisabled(), "a declared rule is not deleted from the console");
        assertTrue(delete.getTooltip().getText().contains("declared in the broker's configuration"),
            delete.getTooltip().getText());
    }

    @Test
    void aTopicWithRetentionIsListedWithWhatItRetains(final FxRobot robot) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createTopic("console.it.events"));
            producer.send(session.createTextMessage("e1"));
            producer.send(session.createTextMessage("e2"));
        }
        showTab(robot);
        robot.clickOn("#refreshRoutes");

        waitUntil(20, () -> cellTexts(robot, "#retentionTable").contains("console.it.events"));
        assertTrue(cellTexts(robot, "#retentionTable").contains("1048576"), "its size bound");
        // The retained count: both messages, once a refresh has seen them.
        waitUntil(20, () ->
        {
            robot.clickOn("#refreshRoutes");
            return cellTexts(robot, "#retentionTable").contains("2");
        });
    }

    private void showTab(final FxRobot robot) throws Exception
    {
        console.showTab(robot, "routingTab");
    }

    private static void newRule(final FxRobot robot, final String name, final String source, final String selector,
        final String targets, final String mode) throws Exception
    {
        robot.clickOn("#newRoute");
        waitUntil(20, () -> FxQueries.windowShows("Send matching messages of a source"));
        robot.clickOn("#newRouteName").write(name);
        robot.interact(() ->
        {
            robot.lookup("#newRouteSource").queryAs(TextField.class).setText(source);
            robot.lookup("#newRouteSelector").queryAs(TextField.class).setText(selector);
            robot.lookup("#newRouteTargets").queryAs(TextField.class).setText(targets);
            robot.lookup("#newRouteMode").<javafx.scene.control.ChoiceBox<String>>query().setValue(mode);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<RouteInfo> routes() throws Exception
    {
        final List<List<RouteInfo>> found = new java.util.ArrayList<>();
        withRoutes((routes) -> found.add(routes.list()));
        return found.get(0);
    }

    private static void withRoutes(final RoutesCall call) throws Exception
    {
        BrokerClients.admin(broker, (admin) -> call.accept(new AdminRoutes(admin)));
    }

    /**
     * A call on the broker's routing rules.
     */
    @FunctionalInterface
    interface RoutesCall
    {
        void accept(AdminRoutes routes) throws Exception;
    }
}
