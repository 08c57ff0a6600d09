package io.aeolus.jms.security;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.jndi.AeolusInitialContextFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A secured broker reached with credentials kept out of the URL: factory properties, a password file, JNDI entries
 * per factory or the standard JNDI principal and credentials. (The environment variables are covered by
 * {@code DefaultCredentialsTest}.)
 */
@Timeout(60)
class CredentialSourcesIT
{
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dataDir;

    @TempDir
    Path secrets;

    @Test
    void shouldLogInWithCredentialsFromFactoryPropertiesAPasswordFileAndJndi() throws Exception
    {
        SecureBroker.addUser(dataDir, "alice", PASSWORD, "app");
        final Path passwordFile = secrets.resolve("alice.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(dataDir)))
        {
            final AeolusConnectionFactory properties = new AeolusConnectionFactory(broker.ipcUrl());
            properties.setUser("alice");
            properties.setPassword(PASSWORD);
            assertConnects(properties);

            final AeolusConnectionFactory withFile = new AeolusConnectionFactory(broker.ipcUrl());
            withFile.setUser("alice");
            withFile.setPasswordFile(passwordFile.toString());
            assertConnects(withFile);

            final Hashtable<String, String> perFactory = jndi(broker.ipcUrl());
            perFactory.put("connectionFactory.orders.user", "alice");
            perFactory.put("connectionFactory.orders.passwordFile", passwordFile.toString());
            assertConnects((ConnectionFactory)new InitialContext(perFactory).lookup("orders"));

            final Hashtable<String, String> standard = jndi(broker.ipcUrl());
            standard.put(Context.SECURITY_PRINCIPAL, "alice");
            standard.put(Context.SECURITY_CREDENTIALS, PASSWORD);
            assertConnects((ConnectionFactory)new InitialContext(standard).lookup("orders"));

            final AeolusConnectionFactory wrong = new AeolusConnectionFactory(broker.ipcUrl());
            wrong.setUser("alice");
            wrong.setPassword("not it");
            assertThrows(JMSSecurityException.class, () -> wrong.createConnection().close());
        }
    }

    @Test
    void shouldNameAnUnreadablePasswordFileAndAnOrphanJndiCredential() throws Exception
    {
        final AeolusConnectionFactory factory = new AeolusConnectionFactory("aeolus:ipc?aeronDir=/nonexistent");
        factory.setUser("alice");
        factory.setPasswordFile(secrets.resolve("missing").toString());
        final JMSException missing = assertThrows(JMSException.class, factory::createConnection);
        assertTrue(missing.getMessage().contains("passwordFile: cannot read the password file"), missing.getMessage());

        final Hashtable<String, String> orphan = jndi("aeolus:ipc");
        orphan.put("connectionFactory.other.user", "alice");
        final ConfigurationException ex = assertThrows(ConfigurationException.class, () -> new InitialContext(orphan));
        assertTrue(ex.getMessage().contains("connectionFactory.other.user"), ex.getMessage());
    }

    private static Hashtable<String, String> jndi(final String url)
    {
        final Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, AeolusInitialContextFactory.class.getName());
        environment.put("connectionFactory.orders", url);
        return environment;
    }

    private static void assertConnects(final ConnectionFactory factory) throws JMSException
    {
        try (Connection connection = factory.createConnection())
        {
            connection.createSession().close();
        }
    }
}
