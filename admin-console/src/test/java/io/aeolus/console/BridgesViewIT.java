package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.admin.AdminBridges;
import io.aeolus.management.BridgeInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javafx.scene.control.Button;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #18, the console's part: a broker with a JMS bridge from one of its queues to another (both sides of the
 * bridge point at the same Aeolus broker); the Bridges tab shows it with its forwarded count once a message crossed,
 * Pause makes it PAUSED, Resume runs it again, and Delete asks first and removes it.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class BridgesViewIT
{
    private static final String BRIDGE = "it-bridge";
    private static final String JNDI = "io.aeolus.jms.jndi.AeolusInitialContextFactory";

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private RealConsole console;
    private Stage stage;

    @BeforeAll
    static void startBroker() throws Exception
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
        final String url = broker.ipcUrl();
        withBridges((bridges) -> bridges.create(BRIDGE, Map.of(
            "source.jndi.java.naming.factory.initial", JNDI,
            "source.jndi.connectionFactory.ConnectionFactory", url,
            "source.destination", "queue:console.it.bridge.a",
            "target.jndi.java.naming.factory.initial", JNDI,
            "target.jndi.connectionFactory.ConnectionFactory", url,
            "target.destination", "queue:console.it.bridge.b")));
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
        console = RealConsole.open(stage, broker.ipcUrl(), "", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        console.close(stage);
    }

    @Test
    void theTabShowsTheBridgeItsFiguresAndPausesResumesAndDeletesIt(final FxRobot robot) throws Exception
    {
        send(broker, "console.it.bridge.a", "order 1");
        assertEquals("order 1", receive(broker, "console.it.bridge.b", 20_000), "the bridge forwarded it");
        waitUntil(20, () -> bridge().forwarded() == 1);

        console.showTab(robot, "bridgesTab");
        waitUntil(20, () -> cellTexts(robot, "#bridgesTable").contains(BRIDGE));
        final List<String> shown = cellTexts(robot, "#bridgesTable");
        assertTrue(shown.contains("RUNNING"), shown.toString());
        assertTrue(shown.contains("1"), "its forwarded count: " + shown);

        robot.clickOn(cell(robot, "#bridgesTable", BRIDGE));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#resumeBridge").queryAs(Button.class).isDisabled(), "a running bridge");
        robot.clickOn("#pauseBridge");
        waitUntil(20, () -> "PAUSED".equals(bridge().state()));
        waitUntil(20, () -> cellTexts(robot, "#bridgesTable").contains("PAUSED"));
        waitUntil(20, () -> FxQueries.windowShows("Paused bridge " + BRIDGE + "."));

        robot.clickOn(cell(robot, "#bridgesTable", BRIDGE));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#resumeBridge");
        waitUntil(20, () -> "RUNNING".equals(bridge().state()));
        waitUntil(20, () -> cellTexts(robot, "#bridgesTable").contains("RUNNING"));

        robot.clickOn(cell(robot, "#bridgesTable", BRIDGE));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#deleteBridge");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Delete this bridge?"), "it asks first");
        robot.clickOn("#confirmOk");
        waitUntil(20, () -> null == bridge());
        waitUntil(20, () -> !cellTexts(robot, "#bridgesTable").contains(BRIDGE));
        assertTrue(FxQueries.windowShows("No JMS bridges"), "the tab is empty");
    }

    private static BridgeInfo bridge() throws Exception
    {
        final List<BridgeInfo> found = new ArrayList<>();
        withBridges((bridges) -> found.addAll(bridges.list()));
        return found.stream().filter((b) -> b.name().equals(BRIDGE)).findFirst().orElse(null);
    }

    private static void withBridges(final BridgesCall call) throws Exception
    {
        BrokerClients.admin(broker, (admin) -> call.accept(new AdminBridges(admin)));
    }

    /**
     * A call on the broker's bridges.
     */
    @FunctionalInterface
    interface BridgesCall
    {
        void accept(AdminBridges bridges) throws Exception;
    }
}
