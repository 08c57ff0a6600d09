package io.aeolus.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ConfigCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAcceptTheShippedConfigFile() throws IOException
    {
        assertEquals(List.of(), ConfigCommand.check(Path.of("..", "dist", "broker.properties")));
    }

    @Test
    void shouldReportEveryBadOptionNamingIt() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("broker.properties"), String.join("\n",
            "aeolus.broker.term.length=3k",
            "aeolus.broker.journal.durability=maybe",
            "aeolus.broker.no.such.option=1",
            "aeolus.destination.orders.max.delivery.attempts=many",
            "aeolus.security.role.app.sendd=orders",
            "aeolus.broker.max.connections=10",
            ""));

        final List<String> problems = ConfigCommand.check(file);

        assertEquals(5, problems.size(), problems.toString());
        for (final String option : List.of("aeolus.broker.term.length", "aeolus.broker.journal.durability",
            "aeolus.broker.no.such.option", "aeolus.destination.orders.max.delivery.attempts",
            "aeolus.security.role.app.sendd"))
        {
            assertTrue(problems.stream().anyMatch((problem) -> problem.startsWith(option + ":")),
                option + " not named first in " + problems);
        }
    }

    @Test
    void shouldReportAnOptionThatContradictsAnother() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("broker.properties"),
            "aeolus.broker.heartbeat.interval=10s\naeolus.broker.liveness.timeout=5s\n");

        final List<String> problems = ConfigCommand.check(file);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("aeolus.broker.liveness.timeout"), problems.toString());
    }

    @Test
    void shouldAcceptRoutingRulesAndReportABadOneNamingIt() throws IOException
    {
        final Path good = Files.writeString(dir.resolve("good.properties"), String.join("\n",
            "aeolus.route.eu.source=queue:orders",
            "aeolus.route.eu.selector=region = 'EU'",
            "aeolus.route.eu.targets=queue:orders.eu",
            "aeolus.route.eu.mode=exclusive",
            "aeolus.composite.queue.notify.all=queue:mail,topic:feed",
            "aeolus.destination.prices.last.value.key=symbol",
            ""));
        final Path bad = Files.writeString(dir.resolve("bad.properties"), String.join("\n",
            "aeolus.route.eu.source=queue:orders",
            "aeolus.route.eu.targets=topic:orders.*",
            "aeolus.destination.prices.last.value.key=not a property",
            ""));

        final List<String> problems = ConfigCommand.check(bad);

        assertEquals(List.of(), ConfigCommand.check(good));
        assertTrue(problems.stream().anyMatch((problem) -> problem.contains("routing rule 'eu'") &&
            problem.contains("contains a wildcard")), problems.toString());
        assertTrue(problems.stream().anyMatch((problem) ->
            problem.startsWith("aeolus.destination.prices.last.value.key:")), problems.toString());
    }
}
