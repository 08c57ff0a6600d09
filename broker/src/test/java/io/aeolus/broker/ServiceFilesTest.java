package io.aeolus.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files in {@code dist/} stay true to the broker: the systemd unit starts the jar with options the broker has,
 * treats the exit after SIGTERM as success and restarts at once; the sample config file holds only valid options.
 */
@Timeout(30)
class ServiceFilesTest
{
    private static final Path DIST = Path.of("..", "dist");

    @Test
    void shouldStartTheBrokerJarWithRealOptionsAndRestartAtOnce() throws IOException
    {
        final String unit = Files.readString(DIST.resolve("aeolus.service"), StandardCharsets.UTF_8);
        final Matcher execStart = Pattern.compile("(?m)^ExecStart=(.*)$").matcher(unit);
        assertTrue(execStart.find(), unit);
        assertTrue(execStart.group(1).contains("-jar /opt/aeolus/aeolus-broker.jar"), execStart.group(1));
        final CommandLine.Model.CommandSpec spec = new CommandLine(new BrokerMain()).getCommandSpec();
        final Matcher option = Pattern.compile(" (--[a-z-]+)").matcher(execStart.group(1));
        int options = 0;
        while (option.find())
        {
            assertNotNull(spec.findOption(option.group(1)), "not a broker option: " + option.group(1));
            options++;
        }
        assertEquals(3, options, execStart.group(1));
        assertTrue(unit.contains("\nSuccessExitStatus=143\n"), "the JVM exits with 143 after SIGTERM");
        assertTrue(unit.contains("\nRestart=always\n") && unit.contains("\nRestartSec=1\n"), unit);
        assertTrue(unit.contains("\nKillSignal=SIGTERM\n"), unit);
    }

    @Test
    void shouldShipAConfigFileTheBrokerAccepts()
    {
        final Broker.Context ctx = new Broker.Context().configFile(DIST.resolve("broker.properties")).conclude();
        assertEquals("0.0.0.0:5150", ctx.udpEndpoint());
        assertEquals(Path.of("/var/lib/aeolus/logs"), ctx.logSettings.directory());
    }
}
