package io.aeolus.benchmarks.perf;

import java.util.ArrayList;
import java.util.List;

/**
 * The workloads aeolus-perf knows, by the name given on its command line.
 */
public enum Workload
{
    /** Request/reply, non-persistent, one in flight: round-trip percentiles. */
    PINGPONG("pingpong", "request/reply, non-persistent, one in flight: round-trip percentiles"),

    /** One producer to one consumer on a queue, non-persistent: messages per second end to end. */
    THROUGHPUT("throughput", "1 producer -> 1 consumer on a queue, non-persistent: msgs/s end to end"),

    /** One producer to a topic with N subscribers, non-persistent: deliveries per second. */
    FANOUT("fanout", "1 producer -> topic with N subscribers, non-persistent: deliveries/s"),

    /** Persistent synchronous sends from 1 and N producers: messages per second and send latency. */
    PERSISTENT_SYNC("persistent-sync", "persistent synchronous sends, 1 and N producers: msgs/s, send latency"),

    /** Persistent sends with a CompletionListener and a window, and in transacted batches. */
    PERSISTENT_ASYNC("persistent-async", "persistent sends with a CompletionListener window; transacted batches"),

    /** A fixed send rate with one-way latency measured from the intended send time (no coordinated omission). */
    LATENCY_AT_RATE("latency-at-rate", "fixed send rates, one-way latency from the intended send time"),

    /**
     * XA two-phase commits from 1 and N threads, each transaction one persistent send: start, send, end, prepare,
     * commit. Commits per second and the latency of one whole transaction; the queue is drained and counted after.
     */
    XA("xa", "XA two-phase commits of one persistent send, 1 and N threads: commits/s, transaction latency"),

    /**
     * MQTT 3.1.1 through the provider's MQTT endpoint with Paho, one publisher and one subscriber, QoS 0 and QoS 1:
     * messages per second counted at the subscriber, and publish-to-receive latency with one message in flight.
     */
    MQTT("mqtt", "MQTT QoS 0 and 1, 1 Paho publisher -> 1 subscriber: msgs/s at the subscriber; publish->receive " +
        "latency, one in flight");

    private final String workloadName;
    private final String description;

    Workload(final String workloadName, final String description)
    {
        this.workloadName = workloadName;
        this.description = description;
    }

    /**
     * @return the name on the command line and in results.
     */
    public String workloadName()
    {
        return workloadName;
    }

    /**
     * @return one line saying what it measures.
     */
    public String description()
    {
        return description;
    }

    /**
     * Looks a workload up by its command-line name.
     *
     * @param name for example {@code latency-at-rate}.
     * @return the workload.
     * @throws IllegalArgumentException listing the known names when there is none of that name.
     */
    public static Workload byName(final String name)
    {
        for (final Workload workload : values())
        {
            if (workload.workloadName.equals(name))
            {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "' (known: " + names() + ", all)");
    }

    /**
     * Parses a comma-separated list of workloads; {@code all} stands for every one, in declaration order.
     *
     * @param names the list.
     * @return the workloads, in the order given.
     */
    public static List<Workload> parseList(final List<String> names)
    {
        final List<Workload> workloads = new ArrayList<>();
        for (final String name : names)
        {
            if ("all".equals(name.trim()))
            {
                workloads.addAll(List.of(values()));
            }
            else
            {
                workloads.add(byName(name.trim()));
            }
        }
        return workloads;
    }

    /**
     * @return every workload name, comma-separated.
     */
    public static String names()
    {
        final List<String> names = new ArrayList<>();
        for (final Workload workload : values())
        {
            names.add(workload.workloadName);
        }
        return String.join(", ", names);
    }
}
