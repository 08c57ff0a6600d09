package io.aeolus.broker.bridge;

import io.aeolus.broker.ConfigCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code config check FILE} with the bridge installed: the bridge's options are checked as the broker checks them at
 * start, and a bad one is named.
 */
@Timeout(30)
class BridgeConfigCheckTest
{
    private static final String BRIDGE = String.join("\n",
        "aeolus.broker.data.dir=data",
        "aeolus.bridge.copy.source.jndi.java.naming.factory.initial=io.aeolus.jms.jndi.AeolusInitialContextFactory",
        "aeolus.bridge.copy.source.destination=queue:in",
        "aeolus.bridge.copy.target.jndi.java.naming.factory.initial=io.aeolus.jms.jndi.AeolusInitialContextFactory",
        "aeolus.bridge.copy.target.destination=queue:out",
        "aeolus.bridge.copy.id.property=_AMQ_DUPL_ID", "");

    @TempDir
    Path dir;

    @Test
    void shouldAcceptAGoodBridge() throws IOException
    {
        final Path file = dir.resolve("broker.properties");
        Files.writeString(file, BRIDGE);

        assertEquals(List.of(), ConfigCommand.check(file));
    }

    @Test
    void shouldNameABadBridgeOption() throws IOException
    {
        final Path file = dir.resolve("broker.properties");
        Files.writeString(file, BRIDGE + "aeolus.bridge.copy.reconnect.delay=soon\n");

        assertEquals(List.of("aeolus.bridge.copy.reconnect.delay: 'soon' is not a duration (e.g. 250ms, 5s, 1m, 1h)"),
            ConfigCommand.check(file));
    }

    @Test
    void shouldNameAJndiFactoryClassThatIsMissing() throws IOException
    {
        final Path file = dir.resolve("broker.properties");
        Files.writeString(file, BRIDGE.replace("target.jndi.java.naming.factory.initial=io.aeolus.jms.jndi." +
            "AeolusInitialContextFactory", "target.jndi.java.naming.factory.initial=com.example.MissingFactory"));

        assertEquals(List.of("aeolus.bridge.copy.target.jndi.java.naming.factory.initial: class " +
            "com.example.MissingFactory not found: put the JMS provider's client jars in the plugin directory " +
            "(aeolus.broker.plugins.dir) or on the class path"), ConfigCommand.check(file));
    }

    @Test
    void shouldNameAJndiFactoryClassThatIsNotAFactory() throws IOException
    {
        final Path file = dir.resolve("broker.properties");
        Files.writeString(file, BRIDGE.replace("source.jndi.java.naming.factory.initial=io.aeolus.jms.jndi." +
            "AeolusInitialContextFactory", "source.jndi.java.naming.factory.initial=java.lang.String"));

        assertEquals(List.of("aeolus.bridge.copy.source.jndi.java.naming.factory.initial: class java.lang.String " +
            "is not a javax.naming.spi.InitialContextFactory"), ConfigCommand.check(file));
    }
}
