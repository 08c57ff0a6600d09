package io.aeolus.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM exits (as on SIGTERM) while the journal is still writing from a shutdown hook, as the broker's drain does:
 * H2 must not close the database from its own shutdown hook underneath it. The child JVM ({@link Writer}) writes
 * batches from its hook for a while after {@code System.exit}, then closes the journal; every batch must succeed and
 * be there when the journal is opened again.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class H2JournalShutdownTest
{
    private static final String QUEUE = "q";
    private static final long HOOK_WRITE_NS = TimeUnit.MILLISECONDS.toNanos(1500);

    @TempDir
    Path directory;

    @Test
    void shouldKeepTheDatabaseOpenForTheJournalWhileShutdownHooksRun() throws Exception
    {
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final Process process = new ProcessBuilder(
            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx128m", "-cp", classPath,
            Writer.class.getName(), directory.toString())
            .redirectErrorStream(true).start();

        final boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(exited, "the child did not exit: " + output);
        assertTrue(output.contains("closed"), "the journal did not close cleanly: " + output);
        assertTrue(!output.contains("failed"), "a write in the shutdown hook failed: " + output);
        final long written = Long.parseLong(output.lines().filter((line) -> line.startsWith("wrote "))
            .reduce((first, last) -> last).orElseThrow(() -> new AssertionError(output)).substring(6).trim());
        assertTrue(written > 0, output);
        final H2Journal journal = H2Journal.open(new H2Journal.Context().dataDirectory(directory));
        try
        {
            assertEquals(written, journal.readReferenceCount(QUEUE), "batches written from the hook: " + written);
        }
        finally
        {
            journal.close();
        }
    }

    /**
     * The child JVM: opens the journal, exits, and keeps writing from its shutdown hook (one message per batch, each
     * batch committed and synced) for {@link #HOOK_WRITE_NS}, then closes the journal.
     */
    public static final class Writer
    {
        private Writer()
        {
        }

        public static void main(final String[] args)
        {
            final H2Journal journal = H2Journal.open(new H2Journal.Context()
                .dataDirectory(Path.of(args[0]))
                .errorHandler(Throwable::printStackTrace));
            journal.write(List.of(new JournalCommand.CreateDestination(new Destination(QUEUE, DestinationType.QUEUE))));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> writeUntilDone(journal), "journal-drain"));
            System.exit(0);
        }

        private static void writeUntilDone(final H2Journal journal)
        {
            final long endNs = System.nanoTime() + HOOK_WRITE_NS;
            long written = 0;
            try
            {
                while (System.nanoTime() - endNs < 0)
                {
                    final long messageId = written + 1;
                    journal.write(List.of(
                        new JournalCommand.StoreMessage(messageId, 4, 0, 0, new byte[128]),
                        new JournalCommand.AddReference(QUEUE, messageId, messageId)));
                    if (journal.isFailed())
                    {
                        System.out.println("failed: " + journal.failure());
                        return;
                    }
                    written = messageId;
                }
                journal.close();
                System.out.println("wrote " + written);
                System.out.println("closed");
            }
            catch (final RuntimeException ex)
            {
                System.out.println("wrote " + written);
                System.out.println("failed: " + ex);
            }
            System.out.flush();
        }
    }
}
