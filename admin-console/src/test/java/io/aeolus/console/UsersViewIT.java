package io.aeolus.console;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.transport.auth.ScramCredential;
import jakarta.jms.JMSSecurityException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import javafx.scene.control.Button;
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

import static io.aeolus.console.FxQueries.cell;
import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20, item 6, the console's part, against a real broker with security on: the Users tab lists the users and
 * their roles; a user added in the dialog logs in at once; a changed password applies to the next login; a refused
 * change (an undefined role) is shown in the dialog, which stays open; Remove asks first; the administrator cannot
 * remove themself and is told why.
 */
@Timeout(180)
@ExtendWith(ApplicationExtension.class)
class UsersViewIT
{
    private static final int TEST_ITERATIONS = 4096;

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private static int tests;
    private RealConsole console;
    private Stage stage;
    private String user;

    @BeforeAll
    static void startBroker()
    {
        final UsersFile users = UsersFile.loadOrCreate(dataDir.resolve(UsersFile.DEFAULT_NAME));
        users.put(new UserAccount("root", ScramCredential.derive("root-secret", TEST_ITERATIONS), Set.of("admin")));
        users.save();
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .securityMode(SecurityMode.ON)
            .securityRole("app", "all", "console.users.#")
            .set(BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms")
            .set(BrokerConfiguration.SECURITY_ITERATIONS, Integer.toString(TEST_ITERATIONS)));
    }

    @AfterAll
    static void stopBroker()
    {
        broker.close();
    }

    @Start
    void start(final Stage stage)
    {
        this.stage = stage;
        tests++;
        user = "it-user-" + tests;
        console = RealConsole.open(stage, broker.ipcUrl(), "root", "root-secret".toCharArray());
    }

    @AfterEach
    void close() throws Exception
    {
        console.close(stage);
    }

    @Test
    void aUserAddedInTheDialogLogsInAndAChangedPasswordAppliesToTheNextLogin(final FxRobot robot) throws Exception
    {
        showTab(robot);
        waitUntil(20, () -> cellTexts(robot, "#usersTable").contains("root"));
        assertTrue(cellTexts(robot, "#usersTable").contains("admin"), "root's role is shown");

        robot.clickOn("#addUser");
        fill(robot, user, user + "-pass-1", user + "-pass-1", "app");
        robot.clickOn("#userOk");
        waitUntil(30, () -> cellTexts(robot, "#usersTable").contains(user));
        waitUntil(20, () -> !FxQueries.windowShows("A new user of the broker"));
        login(user, user + "-pass-1");

        robot.clickOn(cell(robot, "#usersTable", user));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#changePassword");
        waitUntil(20, () -> FxQueries.windowShows("A new password for " + user));
        robot.interact(() ->
        {
            robot.lookup("#userPassword").queryAs(TextField.class).setText(user + "-pass-2");
            robot.lookup("#userPasswordAgain").queryAs(TextField.class).setText(user + "-pass-2");
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#userOk");
        waitUntil(30, () -> !FxQueries.windowShows("A new password for " + user));

        assertThrows(JMSSecurityException.class, () -> login(user, user + "-pass-1"), "the old password fails");
        login(user, user + "-pass-2");
        final String audit = Files.readString(dataDir.resolve("audit.log"));
        assertTrue(audit.contains("operation=changePassword arguments=\"name=" + user + " password=(hidden)\""),
            audit);
        assertFalse(audit.contains(user + "-pass-"), "no password in the audit log");
    }

    @Test
    void aRefusalIsShownInTheDialogAndTheAdministratorCannotRemoveThemself(final FxRobot robot) throws Exception
    {
        showTab(robot);
        waitUntil(20, () -> cellTexts(robot, "#usersTable").contains("root"));
        robot.clickOn("#addUser");
        fill(robot, user, user + "-pass-1", "something else", "app");
        assertTrue(robot.lookup("#userOk").queryAs(Button.class).isDisabled(), "the passwords differ");
        assertTrue(FxQueries.windowShows("The two passwords differ."), "and the dialog says so");
        robot.interact(() ->
        {
            robot.lookup("#userPasswordAgain").queryAs(TextField.class).setText(user + "-pass-1");
            robot.lookup("#userRoles").queryAs(TextField.class).setText("operators");
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#userOk");
        waitUntil(30, () -> FxQueries.windowShows("role 'operators' is not defined"));
        assertTrue(FxQueries.windowShows("A new user of the broker"), "the dialog stays open");
        robot.clickOn("#userCancel");
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn(cell(robot, "#usersTable", "root"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#removeUser");
        waitUntil(20, () -> FxQueries.windowShows("Remove this user?"));
        robot.clickOn("#confirmOk");
        waitUntil(30, () -> robot.lookup("#usersStatus").queryLabeled().getText()
            .contains("cannot remove yourself"));
        login("root", "root-secret");
        assertTrue(cellTexts(robot, "#usersTable").contains("root"), "root is still listed");
    }

    @Test
    void removeAsksFirstAndTheRemovedUserCannotLogIn(final FxRobot robot) throws Exception
    {
        showTab(robot);
        robot.clickOn("#addUser");
        fill(robot, user, user + "-pass-1", user + "-pass-1", "");
        robot.clickOn("#userOk");
        waitUntil(30, () -> cellTexts(robot, "#usersTable").contains(user));

        robot.clickOn(cell(robot, "#usersTable", user));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#removeUser");
        waitUntil(20, () -> FxQueries.windowShows("Remove user " + user + "?"));
        robot.clickOn("#confirmOk");
        waitUntil(30, () -> !cellTexts(robot, "#usersTable").contains(user));

        assertThrows(JMSSecurityException.class, () -> login(user, user + "-pass-1"));
    }

    private void showTab(final FxRobot robot) throws Exception
    {
        console.showTab(robot, "usersTab");
    }

    private static void fill(final FxRobot robot, final String name, final String password, final String again,
        final String roles) throws Exception
    {
        waitUntil(20, () -> FxQueries.windowShows("A new user of the broker"));
        robot.clickOn("#userName").write(name);
        robot.interact(() ->
        {
            robot.lookup("#userPassword").queryAs(TextField.class).setText(password);
            robot.lookup("#userPasswordAgain").queryAs(TextField.class).setText(again);
            robot.lookup("#userRoles").queryAs(TextField.class).setText(roles);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void login(final String name, final String password) throws Exception
    {
        new AeolusConnectionFactory(broker.ipcUrl()).createConnection(name, password).close();
    }
}
