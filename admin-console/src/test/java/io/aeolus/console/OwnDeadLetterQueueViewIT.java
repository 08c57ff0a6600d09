package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dead-letter queue a queue's own {@code dead.letter.queue} setting names is listed in the Dead letters tab before
 * any dead letter reached it, and still after the broker restarts (it was a dead-letter queue only from its first
 * dead letter, and no longer after a restart), through the real console (headless) on an embedded broker.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class OwnDeadLetterQueueViewIT
{
    private static final String ORIGIN = "console.it.owndlq.payments";
    private static final String FAILED = "console.it.owndlq.payments-failed";
    private static final String NAMED_LATER = "console.it.owndlq.invoices-failed";

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private RealConsole console;
    private Stage stage;

    @Start
    void start(final Stage stage)
    {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception
    {
        if (null != console)
        {
            console.close(stage);
        }
        if (null != broker)
        {
            broker.close();
        }
    }

    @Test
    void aDeadLetterQueueNamedByAQueuesOwnSettingIsListedBeforeItsFirstDeadLetterAndAfterARestart(
        final FxRobot robot) throws Exception
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
        BrokerClients.admin(broker, (admin) ->
        {
            // One that exists before the setting names it, one created after.
            admin.createQueue(FAILED);
            admin.createQueue(ORIGIN, Map.of("dead.letter.queue", FAILED));
            admin.createQueue("console.it.owndlq.invoices", Map.of("dead.letter.queue", NAMED_LATER));
            admin.createQueue(NAMED_LATER);
        });
        open(robot);
        waitUntil(30, () -> chooserItems(robot).containsAll(List.of(FAILED, NAMED_LATER)));
        assertTrue(!chooserItems(robot).contains(ORIGIN), chooserItems(robot).toString());
        assertBrokerReportsThemAsDeadLetterQueues();

        console.close(stage);
        console = null;
        broker.close();
        broker = EmbeddedBroker.startIsolated(dataDir);
        open(robot);

        waitUntil(30, () -> chooserItems(robot).containsAll(List.of(FAILED, NAMED_LATER)));
        assertBrokerReportsThemAsDeadLetterQueues();
    }

    /**
     * The broker's own listing marks them (the console also infers them from the other queues' dead-letter queue,
     * which is why the tab alone would list them without the broker's mark) and gives them no dead-letter queue.
     */
    private void assertBrokerReportsThemAsDeadLetterQueues() throws Exception
    {
        BrokerClients.admin(broker, (admin) ->
        {
            final List<io.aeolus.management.DestinationInfo> listed = admin.destinations();
            for (final String name : List.of(FAILED, NAMED_LATER))
            {
                final io.aeolus.management.DestinationInfo info = listed.stream()
                    .filter((destination) -> name.equals(destination.name())).findFirst().orElseThrow();
                assertTrue(info.deadLetterQueue(), name + " is a dead-letter queue: " + info);
                assertTrue(null == info.dlq() || info.dlq().isEmpty(), name + " has no dead-letter queue: " + info);
            }
        });
    }

    private void open(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console = RealConsole.open(stage, broker.ipcUrl(), "", new char[0]));
        console.showTab(robot, "deadLettersTab");
    }

    private static List<String> chooserItems(final FxRobot robot)
    {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, () ->
        {
            @SuppressWarnings("unchecked")
            final ComboBox<String> chooser = robot.lookup("#dlqChooser").queryAs(ComboBox.class);
            return List.copyOf(chooser.getItems());
        });
    }
}
