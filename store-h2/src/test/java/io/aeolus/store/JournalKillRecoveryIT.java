package io.aeolus.store;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.aeolus.store.JournalWriterProcess.ACK_DISTANCE;
import static io.aeolus.store.JournalWriterProcess.MESSAGES_PER_BATCH;
import static io.aeolus.store.JournalWriterProcess.QUEUE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kill-and-recover: a child JVM writes batches through the journal agent and prints each one confirmed; the test
 * kills it (SIGKILL) mid-stream, reopens the journal, and checks that no confirmed batch is lost and no batch is
 * half there. Three rounds on the same journal, each child continuing where the recovered journal ends.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalKillRecoveryIT
{
    private static final int ROUNDS = 3;
    private static final long READ_DEADLINE_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path directory;

    @Test
    void shouldKeepEveryConfirmedBatchWhenTheWriterIsKilled() throws Exception
    {
        long recoveredBatch = 0;
        for (int round = 0; round < ROUNDS; round++)
        {
            final long confirmedBatch = runAndKill(recoveredBatch + 20 + round * 37L);

            recoveredBatch = verifyRecovered();

            assertTrue(recoveredBatch >= confirmedBatch,
                "confirmed batch " + confirmedBatch + " lost: journal ends at batch " + recoveredBatch);
        }
    }

    private long runAndKill(final long killAfterBatch) throws Exception
    {
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final ProcessBuilder builder = new ProcessBuilder(
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Xmx256m",
            "-cp", classPath,
            JournalWriterProcess.class.getName(),
            directory.toString());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        final Process process = builder.start();
        long confirmedBatch = 0;
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)))
        {
            final long deadlineNs = System.nanoTime() + READ_DEADLINE_NS;
            String line;
            while (confirmedBatch < killAfterBatch && null != (line = reader.readLine()))
            {
                confirmedBatch = Long.parseLong(line.substring("completed ".length()));
                if (System.nanoTime() - deadlineNs > 0)
                {
                    fail("child too slow: confirmed only up to batch " + confirmedBatch);
                }
            }
            // Killed while it is still writing: the read of its last line and the kill race with its next batches.
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        finally
        {
            process.destroyForcibly();
        }
        assertTrue(confirmedBatch >= killAfterBatch, "child ended early, exit code " + process.exitValue());
        return confirmedBatch;
    }

    /**
     * The journal must hold exactly the messages of the last ACK_DISTANCE batches it has, whole, in order.
     */
    private long verifyRecovered()
    {
        try (H2Journal journal = JournalTestSupport.open(directory))
        {
            final long lastBatch = JournalWriterProcess.lastBatch(journal.readLastMessageId());
            final List<Long> expected = new ArrayList<>();
            for (long batch = Math.max(1, lastBatch - ACK_DISTANCE + 1); batch <= lastBatch; batch++)
            {
                for (int i = 0; i < MESSAGES_PER_BATCH; i++)
                {
                    expected.add(batch * MESSAGES_PER_BATCH + i);
                }
            }

            final List<StoredReference> references = journal.readReferences(QUEUE);

            assertEquals(expected, JournalTestSupport.messageIds(references));
            for (final StoredReference reference : references)
            {
                assertEquals(reference.messageId(), reference.sequence());
                assertArrayEquals(JournalWriterProcess.payload(reference.messageId()), reference.payload());
            }
            return lastBatch;
        }
    }
}
