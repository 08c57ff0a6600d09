package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRetention;
import io.aeolus.management.ReplayInfo;
import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code aeolus retention list|replay|replays}: event streaming, the topics with retention and replays of a time
 * range of one into a queue.
 */
@Command(name = "retention", mixinStandardHelpOptions = true, description = "Topics with retention, and replays " +
    "of what they retain into a queue.",
    subcommands = {RetentionCommand.ListRetention.class, RetentionCommand.Replay.class,
        RetentionCommand.Replays.class})
final class RetentionCommand extends GroupCommand
{
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the topics with retention: the " +
        "window, what they retain now (count, bytes, oldest), what dropped out of the window.")
    static final class ListRetention extends RemoteCommand
    {
        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(new AdminRetention(admin).list(), "topic", "retentionMs", "retentionBytes", "retainedCount",
                "retainedBytes", "oldestMs", "droppedTotal");
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay the messages a topic retains " +
        "that were published in a time range into a queue; the broker copies them a slice at a time.")
    static final class Replay extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "TOPIC", description = "a topic with retention")
        String topic;

        @Option(names = "--into", required = true, paramLabel = "QUEUE", description = "the queue to copy into")
        String queue;

        @Option(names = "--from", required = true, paramLabel = "TIME",
            description = "start of the range: an ISO-8601 time, epoch ms, or a duration before now (-1h)")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "end of the range (exclusive), as --from; now " +
            "if absent")
        String to;

        @Option(names = "--wait", description = "wait until the replay is done and print its result")
        boolean await;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final AdminRetention retention = new AdminRetention(admin);
            ReplayInfo replay = retention.replay(topic, queue, from, to);
            while (await && !replay.isFinished())
            {
                pause();
                final ReplayInfo next = retention.replay(replay.id());
                if (null == next)
                {
                    break;
                }
                replay = next;
            }
            output.done("replay " + replay.id() + " of " + topic + " into " + queue + ": " + replay.replayed() +
                " of " + replay.total() + " copied (" + replay.state() + ")", "id", replay.id(), "state",
                replay.state(), "total", replay.total(), "replayed", replay.replayed(), "skipped", replay.skipped());
            return "failed".equals(replay.state()) ? AeolusCli.FAILED : 0;
        }

        private static void pause()
        {
            // Polls the broker a few times a second; the replay itself runs there.
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    @Command(name = "replays", mixinStandardHelpOptions = true, description = "List the replays running and the " +
        "last finished ones, with their progress.")
    static final class Replays extends RemoteCommand
    {
        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final List<ReplayInfo> replays = new AdminRetention(admin).replays();
            output.table(replays, "id", "topic", "queue", "state", "total", "replayed", "skipped", "problem");
            return 0;
        }
    }
}
