package io.aeolus.jms.security;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.UserCommand;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Credentials at the API (issue #13): the user and password passed to createConnection or createContext are the ones
 * used, whatever defaults the factory's URL carries; a user created by the user command with a short password, where
 * the broker's minimum password length allows it, logs in.
 */
@Timeout(90)
class CredentialsIT
{
    private static final String ALICE_PASSWORD = "alice-has-a-long-password";
    private static final String BOB_PASSWORD = "bob has another one";

    @TempDir
    Path dataDir;

    @Test
    void explicitCredentialsWinOverTheUrlsDefaults() throws Exception
    {
        SecureBroker.addUser(dataDir, "alice", ALICE_PASSWORD, "app");
        SecureBroker.addUser(dataDir, "bob", BOB_PASSWORD, "app");
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir)
            .set(BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms")))
        {
            final String url = broker.ipcUrl() + (broker.ipcUrl().contains("?") ? "&" : "?") +
                "user=alice&password=" + ALICE_PASSWORD;
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(url);
            factory.createConnection().close();

            assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "wrong password"));
            assertThrows(JMSSecurityException.class, () -> factory.createQueueConnection("bob", ALICE_PASSWORD));
            assertThrows(JMSSecurityException.class, () -> factory.createTopicConnection("nobody", "no password"));
            assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("alice", "wrong password"));
            assertThrows(JMSSecurityRuntimeException.class,
                () -> factory.createContext("bob", "wrong password", JMSContext.CLIENT_ACKNOWLEDGE));
            try (Connection bob = factory.createConnection("bob", BOB_PASSWORD);
                JMSContext context = factory.createContext("bob", BOB_PASSWORD))
            {
                bob.createSession().close();
                context.createProducer().send(context.createQueue("credentials"), "as bob");
            }
        }
    }

    @Test
    void aUserCreatedWithAShortPasswordWhereTheMinimumAllowsItLogsIn() throws Exception
    {
        final Path config = dataDir.resolve("broker.properties");
        Files.writeString(config, "aeolus.broker.data.dir=" + dataDir + "\n" +
            "aeolus.broker.security.min.password.length=1\n");
        final Path passwordFile = dataDir.resolve("password");
        Files.writeString(passwordFile, "j2ee\n");
        assertEquals(0, new CommandLine(new UserCommand()).execute("add", "j2ee", "--roles", "app",
            "--iterations", Integer.toString(SecureBroker.TEST_ITERATIONS), "--password-file", passwordFile.toString(),
            "--config", config.toString()));

        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext("j2ee", "j2ee"))
        {
            context.createProducer().send(context.createQueue("short"), "logged in");
        }
    }
}
