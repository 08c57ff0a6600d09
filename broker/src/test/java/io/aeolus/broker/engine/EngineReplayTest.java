package io.aeolus.broker.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine is a state machine: a workload recorded at its inputs port, played into fresh engines, gives the same
 * outputs (every egress and durability call, in order) and the same state. One recording and its outputs are kept
 * as test resources: a change that alters behaviour shows up as a diff there. After an intended change, rewrite
 * them with {@code -Daeolus.engine.rerecord=true} and review the diff.
 */
@Timeout(60)
class EngineReplayTest
{
    static final Path RESOURCES = Paths.get("src/test/resources/io/aeolus/broker/engine");
    static final Path RECORDING = RESOURCES.resolve("replay-workload.txt");
    static final Path EXPECTED = RESOURCES.resolve("replay-outputs.txt");

    @Test
    void aRecordedWorkloadReplaysToTheSameOutputsAndState()
    {
        final List<String> recording = new ArrayList<>();
        final EngineRig live = new EngineRig(recording);
        new ReplayWorkload(live).run(() -> { });

        final EngineRig first = replay(recording);
        final EngineRig second = replay(recording);

        assertEquals(live.outputs(), first.outputs());
        assertEquals(first.outputs(), second.outputs());
        assertEquals(live.digest(), first.digest());
        assertEquals(first.digest(), second.digest());
        assertRealistic(recording, live.outputs(), live.digest());
    }

    @Test
    void theKeptRecordingStillGivesTheKeptOutputs() throws IOException
    {
        if (Boolean.getBoolean("aeolus.engine.rerecord") || !Files.exists(RECORDING))
        {
            final List<String> recording = new ArrayList<>();
            final EngineRig live = new EngineRig(recording);
            new ReplayWorkload(live).run(() -> { });
            Files.createDirectories(RESOURCES);
            Files.write(RECORDING, recording, StandardCharsets.UTF_8);
            Files.write(EXPECTED, expected(live), StandardCharsets.UTF_8);
        }
        final List<String> recording = Files.readAllLines(RECORDING, StandardCharsets.UTF_8);
        final EngineRig replayed = replay(recording);
        assertEquals(String.join("\n", Files.readAllLines(EXPECTED, StandardCharsets.UTF_8)),
            String.join("\n", expected(replayed)),
            "the engine's behaviour changed: if intended, rerecord with -Daeolus.engine.rerecord=true and review");
    }

    static EngineRig replay(final List<String> recording)
    {
        final EngineRig rig = new EngineRig(null);
        EngineRecording.replay(recording, rig.inputs(), rig.authorizer());
        return rig;
    }

    private static List<String> expected(final EngineRig rig)
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : rig.outputs())
        {
            // The kept file holds an error's code, not its wording, which other work may polish; the replay of two
            // engines above compares the wording too.
            lines.add(line.startsWith("error ") ? line.substring(0, line.indexOf(" \"")) : line);
        }
        lines.add("# state");
        lines.addAll(List.of(rig.digest().split("\n")));
        return lines;
    }

    /**
     * The workload does what it claims: it is no use replaying one that exercises nothing.
     */
    private static void assertRealistic(final List<String> recording, final List<String> outputs,
        final String digest)
    {
        assertTrue(recording.stream().anyMatch((line) -> line.startsWith("onPage \"q/backlog\" ") &&
            !line.startsWith("onPage \"q/backlog\" 0")), "a backlog paged in");
        assertTrue(outputs.stream().anyMatch((line) -> line.startsWith("deliver ") && line.contains(" DLQ.")) ||
            digest.contains("queue DLQ."), "a message went to a dead-letter queue");
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("REASON") || line.contains("EXPIRED")) ||
            digest.contains("expired=1"), "a message expired");
        assertTrue(outputs.stream().anyMatch((line) -> line.startsWith("error ")), "a request was refused");
        assertTrue(outputs.stream().anyMatch((line) -> line.startsWith("noMessage ")), "a pull timed out");
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("Group(")), "a transaction was journaled");
        assertTrue(outputs.stream().filter((line) -> line.startsWith("deliver ")).count() > 40, "deliveries");
    }
}
