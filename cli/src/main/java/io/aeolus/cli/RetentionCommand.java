package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRetention;
import io.aeolus.management.MessageInfo;
import io.aeolus.management.ReplayInfo;
import io.aeolus.management.RetainedPage;
import jakarta.jms.JMSException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code aeolus retention list|browse|replay|replays}: event streaming, the topics and queues with retention, a page
 * of what one retains, and replays of a time range of one into a queue.
 */
@Command(name = "retention", mixinStandardHelpOptions = true, description = "Topics and queues with retention, " +
    "what they retain, and replays of it into a queue.",
    subcommands = {RetentionCommand.ListRetention.class, RetentionCommand.Browse.class, RetentionCommand.Replay.class,
        RetentionCommand.Replays.class})
final class RetentionCommand extends GroupCommand
{
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the topics and queues with " +
        "retention: the window, what they retain now (count, bytes, oldest, newest), what dropped out of the window.")
    static final class ListRetention extends RemoteCommand
    {
        int run(final AdminClient admin, final Output output) throws JMSException
        {
            output.table(new AdminRetention(admin).list(), "kind", "topic", "retentionMs", "retentionBytes",
                "retainedCount", "retainedBytes", "oldestMs", "newestMs", "droppedTotal");
            return 0;
        }
    }

    @Command(name = "browse", mixinStandardHelpOptions = true, description = "Show a page of what a topic or queue " +
        "retains, oldest first, taking nothing: each message's sequence (the --after of the next page), when it " +
        "was retained, headers, properties and a body preview.")
    static final class Browse extends RemoteCommand
    {
        @Parameters(index = "0", paramLabel = "NAME", description = "a topic or queue with retention (a bare name " +
            "is the topic's if one retains, else the queue's; or topic:NAME, queue:NAME)")
        String name;

        @Option(names = "--from", paramLabel = "TIME", description = "first retained at or after: an ISO-8601 time, " +
            "epoch ms, or a duration before now (-1h); the oldest if absent")
        String from;

        @Option(names = "--after", paramLabel = "SEQUENCE", defaultValue = "-1", description = "the sequence of the " +
            "last message of the page before")
        long after;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "most messages (up to 1000)")
        int limit;

        int run(final AdminClient admin, final Output output) throws JMSException
        {
            final RetainedPage page = new AdminRetention(admin).retained(name, from, after, limit);
            final List<Row> rows = new ArrayList<>();
            for (int i = 0; i < page.messages().size(); i++)
            {
                final MessageInfo message = page.messages().get(i);
                rows.add(new Row(page.sequences().get(i), page.retainedMs().get(i), message.messageId(),
                    message.persistent(), message.bodyType(), message.bodySize(), message.body(),
                    String.valueOf(message.properties())));
            }
            output.table(rows, "sequence", "retainedMs", "messageId", "persistent", "bodyType", "bodySize", "body",
                "properties");
            return 0;
        }

        /**
         * One retained message as the table shows it.
         */
        record Row(long sequence, long retainedMs, String messageId, boolean persistent, String bodyType,
            int bodySize, String body, String properties)
        {
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
