package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminXa;
import io.aeolus.management.PreparedBranch;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

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

import static io.aeolus.console.FxQueries.cell;
import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #16 item 2, the console's part: a prepared XA branch whose transaction manager vanished (prepared through the
 * JMS XA API, then the connection closed without a commit) is listed on the XA branches tab; Commit… or Roll back…
 * asks first, saying the decision is heuristic and what the transaction manager will hear; a commit delivers the
 * branch's message, a rollback delivers nothing; a returning transaction manager hears XA_HEURCOM / XA_HEURRB, and
 * once it forgets the branch the tab no longer lists it. A branch resolved behind the console's back gets the broker's
 * error.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class XaBranchesViewIT
{
    private static final int FORMAT_ID = 4711;

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private static int tests;
    private RealConsole console;
    private Stage stage;
    private String queue;
    private String gtrid;

    @BeforeAll
    static void startBroker()
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
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
        queue = "console.it.xa." + tests;
        gtrid = "console-it-" + tests;
        console = RealConsole.open(stage, broker.ipcUrl(), "", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        console.close(stage);
    }

    @Test
    void commitFromTheViewDeliversTheMessageAndTheTmHearsHeurcom(final FxRobot robot) throws Exception
    {
        showTab(robot);
        waitUntil(20, () -> FxQueries.windowShows("No XA branches"));

        final Xid xid = prepareAndVanish("order 1");
        final String shown = showRow(robot);
        assertTrue(cellTexts(robot, "#xaBranchesTable").contains("PREPARED"), "its state is shown");
        assertTrue(cellTexts(robot, "#xaBranchesTable").contains(String.valueOf(FORMAT_ID)), "its format id");

        robot.clickOn("#commitXaBranch");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Commit this prepared branch heuristically?"), "it asks first");
        assertTrue(FxQueries.windowShows("told XA_HEURCOM"), "the confirmation says what the TM will hear");
        robot.clickOn("#confirmOk");

        waitUntil(20, () -> "HEURISTIC_COMMITTED".equals(branch().state()));
        assertEquals("order 1", receive(5_000), "the branch's message is delivered");
        waitUntil(20, () -> cellTexts(robot, "#xaBranchesTable").contains("HEURISTIC_COMMITTED"));
        waitUntil(20, () -> FxQueries.windowShows("Committed XA branch " + branch().xid() + " heuristically."));
        assertTrue(robot.lookup("#commitXaBranch").queryAs(Button.class).isDisabled(), "no second decision");

        tmReturns(xid, XAException.XA_HEURCOM);
        robot.clickOn("#refreshXaBranches");
        waitUntil(20, () -> !cellTexts(robot, "#xaBranchesTable").contains(shown));
        assertTrue(FxQueries.windowShows("No XA branches"), "the branch is gone");
    }

    @Test
    void rollbackFromTheViewDeliversNothingAndTheTmHearsHeurrb(final FxRobot robot) throws Exception
    {
        final Xid xid = prepareAndVanish("order 2");
        showTab(robot);
        showRow(robot);

        robot.clickOn("#rollbackXaBranch");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Roll back this prepared branch heuristically?"), "it asks first");
        assertTrue(FxQueries.windowShows("told XA_HEURRB"), "the confirmation says what the TM will hear");
        robot.clickOn("#confirmCancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("PREPARED", branch().state(), "cancel leaves it prepared");

        robot.clickOn("#rollbackXaBranch");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirmOk");
        waitUntil(20, () -> "HEURISTIC_ROLLED_BACK".equals(branch().state()));
        waitUntil(20, () -> cellTexts(robot, "#xaBranchesTable").contains("HEURISTIC_ROLLED_BACK"));
        assertNull(receive(1_000), "a rolled-back branch delivers nothing");

        tmReturns(xid, XAException.XA_HEURRB);
        assertTrue(admin().stream().noneMatch((b) -> b.xid().contains(hex(gtrid))), "forgotten");
    }

    @Test
    void aBranchResolvedElsewhereGetsTheBrokersError(final FxRobot robot) throws Exception
    {
        final Xid xid = prepareAndVanish("order 3");
        showTab(robot);
        showRow(robot);
        final String listed = branch().xid();
        withAdmin((xa) -> xa.rollback(listed));

        robot.clickOn("#commitXaBranch");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirmOk");
        waitUntil(20, () -> FxQueries.windowShows("branch " + listed + " is HEURISTIC_ROLLED_BACK, not PREPARED"));
        waitUntil(20, () -> cellTexts(robot, "#xaBranchesTable").contains("HEURISTIC_ROLLED_BACK"));
        assertNull(receive(1_000), "the refused commit delivered nothing");
        tmReturns(xid, XAException.XA_HEURRB);
    }

    private void showTab(final FxRobot robot) throws Exception
    {
        console.showTab(robot, "xaBranchesTab");
    }

    /**
     * Refreshes until the test's branch shows, selects its row and returns the global id's text as shown.
     */
    private String showRow(final FxRobot robot) throws Exception
    {
        final String shown = hex(gtrid) + " (\"" + gtrid + "\")";
        robot.clickOn("#refreshXaBranches");
        waitUntil(30, () -> cellTexts(robot, "#xaBranchesTable").contains(shown));
        robot.clickOn(cell(robot, "#xaBranchesTable", shown));
        WaitForAsyncUtils.waitForFxEvents();
        return shown;
    }

    /**
     * Sends one message in an XA branch, prepares it and closes the connection without the second phase, as a
     * transaction manager that vanished would.
     */
    private Xid prepareAndVanish(final String text) throws Exception
    {
        final Xid xid = new TestXid(FORMAT_ID, gtrid.getBytes(StandardCharsets.US_ASCII), new byte[]{1, 2});
        try (XAConnection connection = new AeolusConnectionFactory(broker.ipcUrl()).createXAConnection())
        {
            final XASession session = connection.createXASession();
            final XAResource resource = session.getXAResource();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
            resource.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, resource.prepare(xid));
        }
        waitUntil(20, () -> null != branch() && "PREPARED".equals(branch().state()));
        return xid;
    }

    /**
     * The transaction manager comes back: recovery lists the branch, its commit or rollback hears the heuristic
     * outcome, and it forgets the branch.
     */
    private void tmReturns(final Xid xid, final int heuristic) throws Exception
    {
        try (XAConnection connection = new AeolusConnectionFactory(broker.ipcUrl()).createXAConnection())
        {
            final XAResource resource = connection.createXASession().getXAResource();
            assertTrue(List.of(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).stream()
                .anyMatch((recovered) -> Arrays.equals(recovered.getGlobalTransactionId(),
                xid.getGlobalTransactionId())), "recovery lists it");
            final XAException outcome = assertThrows(XAException.class, () ->
            {
                if (heuristic == XAException.XA_HEURCOM)
                {
                    resource.commit(xid, false);
                }
                else
                {
                    resource.rollback(xid);
                }
            });
            assertEquals(heuristic, outcome.errorCode);
            resource.forget(xid);
        }
        waitUntil(20, () -> null == branch());
    }

    private String receive(final long timeoutMs) throws Exception
    {
        return BrokerClients.receive(broker, queue, timeoutMs);
    }

    private PreparedBranch branch() throws Exception
    {
        final String part = ":" + hex(gtrid) + ":";
        return admin().stream().filter((b) -> b.xid().contains(part)).findFirst().orElse(null);
    }

    private static String hex(final String text)
    {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static List<PreparedBranch> admin() throws Exception
    {
        final AtomicReference<List<PreparedBranch>> branches = new AtomicReference<>();
        withAdmin((xa) -> branches.set(xa.branches()));
        assertNotNull(branches.get());
        return branches.get();
    }

    private static void withAdmin(final AdminWork work) throws Exception
    {
        BrokerClients.admin(broker, (client) -> work.run(new AdminXa(client)));
    }

    @FunctionalInterface
    private interface AdminWork
    {
        void run(AdminXa xa) throws Exception;
    }

    private record TestXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid
    {
    }
}
