package io.aeolus.cluster;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code kill -9} leaves of a member's archive: a recording the archive never stopped (no stop position in its
 * catalog) whose last fragment crosses a 4 KiB page boundary with nothing but zero bytes after it (a zero-filled
 * message body). The files are copied while the recording runs, which is the state a killed process leaves (its
 * writes are in the page cache), then an archive starts on the copy.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ArchiveRestartAfterKillTest
{
    /** Each frame: 32 header bytes and this body, 1,056 bytes aligned; the fourth spans 3,168 to 4,224. */
    private static final int BODY_LENGTH = 1_000;
    private static final int MESSAGES = 4;
    private static final long LAST_POSITION = MESSAGES * 1_056L;
    private static final long AWAIT_MS = 20_000;

    @TempDir
    Path dir;

    private final int streamId = ThreadLocalRandom.current().nextInt(10_000, 1_000_000);
    private final String aeronDir = "/dev/shm/aeolus-archive-kill-" + UUID.randomUUID();
    private MediaDriver driver;

    @BeforeEach
    void startDriver()
    {
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(true)
            .ipcTermBufferLength(64 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    @AfterEach
    void stopDriver()
    {
        CloseHelper.quietClose(driver);
    }

    @Test
    void withoutARecordChecksumTheArchiveRefusesToStartAfterAKill() throws Exception
    {
        final Path killed = recordAndKill(UnaryOperator.identity());

        final Exception refused = assertThrows(RuntimeException.class,
            () -> Archive.launch(archiveContext(killed, 2)).close());

        assertTrue(refused.getMessage().contains("incomplete last fragment straddling page boundary"),
            refused.getMessage());
    }

    @Test
    void aMembersArchiveStartsAfterAKillAndKeepsTheLastFragment() throws Exception
    {
        final Path killed = recordAndKill(ClusterNode::withRecordChecksum);

        try (Archive archive = Archive.launch(ClusterNode.withRecordChecksum(archiveContext(killed, 2)));
            AeronArchive client = AeronArchive.connect(clientContext(archive.context())))
        {
            assertEquals(LAST_POSITION, client.getStopPosition(0), "the zero-filled last fragment is kept");
        }
    }

    /**
     * Records {@link #MESSAGES} zero-filled bodies with an archive configured by {@code configure}, and copies its
     * directory while the recording still runs.
     *
     * @return the copy: the archive directory as a killed process leaves it.
     */
    private Path recordAndKill(final UnaryOperator<Archive.Context> configure) throws IOException
    {
        final Path killed = Files.createDirectory(dir.resolve("killed"));
        try (Archive archive = Archive.launch(configure.apply(archiveContext(dir.resolve("running"), 1)));
            AeronArchive client = AeronArchive.connect(clientContext(archive.context())))
        {
            final String channel = "aeron:ipc?term-length=64k";
            client.startRecording(channel, streamId, SourceLocation.LOCAL);
            final Aeron aeron = client.context().aeron();
            try (ExclusivePublication publication = aeron.addExclusivePublication(channel, streamId))
            {
                final CountersReader counters = aeron.countersReader();
                final int counterId = awaitRecordingCounter(counters, publication.sessionId());
                final UnsafeBuffer body = new UnsafeBuffer(new byte[BODY_LENGTH]);
                for (int i = 0; i < MESSAGES; i++)
                {
                    final long deadline = System.currentTimeMillis() + AWAIT_MS;
                    while (publication.offer(body) < 0)
                    {
                        assertTrue(System.currentTimeMillis() < deadline, "offer " + i);
                        Thread.onSpinWait();
                    }
                }
                assertEquals(LAST_POSITION, publication.position());
                ClusterRig.await("recorded to " + LAST_POSITION, AWAIT_MS,
                    () -> counters.getCounterValue(counterId) == LAST_POSITION);
                copyWithoutMarkFile(dir.resolve("running"), killed);
            }
        }
        return killed;
    }

    private static int awaitRecordingCounter(final CountersReader counters, final int sessionId)
    {
        final int[] counterId = {CountersReader.NULL_COUNTER_ID};
        ClusterRig.await("the recording", AWAIT_MS, () ->
        {
            counterId[0] = RecordingPos.findCounterIdBySession(counters, sessionId);
            return CountersReader.NULL_COUNTER_ID != counterId[0];
        });
        return counterId[0];
    }

    private static void copyWithoutMarkFile(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> files = Files.list(from))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (!file.getFileName().toString().equals("archive-mark.dat"))
                {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
        assertTrue(Files.exists(to.resolve("0-0.rec")), "the recording's first segment");
    }

    private Archive.Context archiveContext(final Path archiveDir, final int archiveId)
    {
        return new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(archiveDir.toFile())
            .archiveId(archiveId)
            .controlChannelEnabled(false)
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:ipc?term-length=64k"))
            .localControlChannel("aeron:ipc?term-length=64k")
            .localControlStreamId(streamId + 1)
            .replicationChannel("aeron:udp?endpoint=localhost:0")
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .deleteArchiveOnStart(false);
    }

    private AeronArchive.Context clientContext(final Archive.Context archive)
    {
        return new AeronArchive.Context()
            .aeronDirectoryName(aeronDir)
            .controlRequestChannel(archive.localControlChannel())
            .controlRequestStreamId(archive.localControlStreamId())
            .controlResponseChannel("aeron:ipc?term-length=64k")
            .controlResponseStreamId(streamId + 2);
    }
}
