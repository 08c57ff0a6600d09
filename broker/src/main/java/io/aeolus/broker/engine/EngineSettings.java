package io.aeolus.broker.engine;

import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.engine.routing.RoutingRule;
import io.aeolus.broker.transform.TransformerRegistry;

import java.util.List;

/**
 * The messaging engine's settings, resolved from the broker's context: the per-destination policies, the
 * destinations declared in the configuration, and how often queues are scanned for expired messages.
 * Thread-safe: immutable once built.
 *
 * @param policies             broker-wide defaults and per-destination overrides.
 * @param queues               queues that exist from the start.
 * @param topics               topics that exist from the start.
 * @param expiryScanIntervalMs pause between two passes of the expiry scan.
 * @param trashRetentionMs       how long purged and deleted messages stay in the trash; 0: no trash.
 * @param historyRetentionMs     how long 1-minute points of the metrics history stay in the journal; 0: in memory
 *                               only.
 * @param historyMaxDestinations most destinations whose metrics history is kept at once.
 * @param wildcards              the topic level separator and the wildcards of subscriptions, or none.
 * @param routes                 the routing rules and composite destinations of the config file, checked.
 * @param transformers           the transformers rules made at run time may name (built-ins and plugins).
 * @param replayBatch            most messages the replays into queues copy per timer tick, all replays together.
 */
public record EngineSettings(
    DestinationPolicies policies,
    List<String> queues,
    List<String> topics,
    long expiryScanIntervalMs,
    long trashRetentionMs,
    long historyRetentionMs,
    int historyMaxDestinations,
    TopicWildcards wildcards,
    List<RoutingRule> routes,
    TransformerRegistry transformers,
    int replayBatch)
{
    /** Default most messages replays copy per timer tick: 500, up to 50,000 a second at the 10 ms tick. */
    public static final int REPLAY_BATCH_DEFAULT = 500;
    /** Default pause between two expiry scans. */
    public static final long EXPIRY_SCAN_INTERVAL_MS_DEFAULT = 1000;
    /** Default time in the trash: 24 hours. */
    public static final long TRASH_RETENTION_MS_DEFAULT = 24L * 60 * 60 * 1000;
    /** Default time the metrics history stays in the journal: 25 hours, a day for the charts and some slack. */
    public static final long HISTORY_RETENTION_MS_DEFAULT = 25L * 60 * 60 * 1000;
    /** Default most destinations with a metrics history (about 38 KB each). */
    public static final int HISTORY_MAX_DESTINATIONS_DEFAULT = 1000;

    /**
     * @param policies             broker-wide defaults and per-destination overrides.
     * @param queues               queues that exist from the start.
     * @param topics               topics that exist from the start.
     * @param expiryScanIntervalMs pause between two passes of the expiry scan.
     * @param trashRetentionMs       how long purged and deleted messages stay in the trash; 0: no trash.
     * @param historyRetentionMs     how long 1-minute points of the metrics history stay in the journal; 0: in
     *                               memory only.
     * @param historyMaxDestinations most destinations whose metrics history is kept at once.
     * @param wildcards              the topic level separator and the wildcards of subscriptions, or none.
     * @param routes                 the routing rules and composite destinations of the config file, checked.
     * @param transformers           the transformers rules made at run time may name; null for the built-ins.
     * @param replayBatch            most messages the replays into queues copy per timer tick, at least 1.
     */
    public EngineSettings
    {
        if (replayBatch < 1)
        {
            throw new IllegalArgumentException("replay batch must be at least 1: " + replayBatch);
        }
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
        wildcards = null == wildcards ? TopicWildcards.DEFAULT : wildcards;
        routes = null == routes ? List.of() : List.copyOf(routes);
        transformers = null == transformers ? TransformerRegistry.builtIns() : transformers;
    }

    /**
     * Settings with the default replay batch.
     *
     * @param policies               broker-wide defaults and per-destination overrides.
     * @param queues                 queues that exist from the start.
     * @param topics                 topics that exist from the start.
     * @param expiryScanIntervalMs   pause between two passes of the expiry scan.
     * @param trashRetentionMs       how long purged and deleted messages stay in the trash; 0: no trash.
     * @param historyRetentionMs     how long 1-minute points of the metrics history stay in the journal.
     * @param historyMaxDestinations most destinations whose metrics history is kept at once.
     * @param wildcards              the topic level separator and the wildcards of subscriptions, or none.
     * @param routes                 the routing rules and composite destinations of the config file, checked.
     * @param transformers           the transformers rules made at run time may name; null for the built-ins.
     */
    public EngineSettings(
        final DestinationPolicies policies,
        final List<String> queues,
        final List<String> topics,
        final long expiryScanIntervalMs,
        final long trashRetentionMs,
        final long historyRetentionMs,
        final int historyMaxDestinations,
        final TopicWildcards wildcards,
        final List<RoutingRule> routes,
        final TransformerRegistry transformers)
    {
        this(policies, queues, topics, expiryScanIntervalMs, trashRetentionMs, historyRetentionMs,
            historyMaxDestinations, wildcards, routes, transformers, REPLAY_BATCH_DEFAULT);
    }

    /**
     * @param replayBatch most messages the replays into queues copy per timer tick, at least 1.
     * @return these settings with that replay batch.
     */
    public EngineSettings withReplayBatch(final int replayBatch)
    {
        return new EngineSettings(policies, queues, topics, expiryScanIntervalMs, trashRetentionMs,
            historyRetentionMs, historyMaxDestinations, wildcards, routes, transformers, replayBatch);
    }

    /**
     * Settings whose rules made at run time may name the built-in transformers only.
     *
     * @param policies               broker-wide defaults and per-destination overrides.
     * @param queues                 queues that exist from the start.
     * @param topics                 topics that exist from the start.
     * @param expiryScanIntervalMs   pause between two passes of the expiry scan.
     * @param trashRetentionMs       how long purged and deleted messages stay in the trash; 0: no trash.
     * @param historyRetentionMs     how long 1-minute points of the metrics history stay in the journal.
     * @param historyMaxDestinations most destinations whose metrics history is kept at once.
     * @param wildcards              the topic level separator and the wildcards of subscriptions, or none.
     * @param routes                 the routing rules and composite destinations of the config file, checked.
     */
    public EngineSettings(
        final DestinationPolicies policies,
        final List<String> queues,
        final List<String> topics,
        final long expiryScanIntervalMs,
        final long trashRetentionMs,
        final long historyRetentionMs,
        final int historyMaxDestinations,
        final TopicWildcards wildcards,
        final List<RoutingRule> routes)
    {
        this(policies, queues, topics, expiryScanIntervalMs, trashRetentionMs, historyRetentionMs,
            historyMaxDestinations, wildcards, routes, null);
    }

    /**
     * Settings without routing rules.
     *
     * @param policies               broker-wide defaults and per-destination overrides.
     * @param queues                 queues that exist from the start.
     * @param topics                 topics that exist from the start.
     * @param expiryScanIntervalMs   pause between two passes of the expiry scan.
     * @param trashRetentionMs       how long purged and deleted messages stay in the trash; 0: no trash.
     * @param historyRetentionMs     how long 1-minute points of the metrics history stay in the journal.
     * @param historyMaxDestinations most destinations whose metrics history is kept at once.
     * @param wildcards              the topic level separator and the wildcards of subscriptions, or none.
     */
    public EngineSettings(
        final DestinationPolicies policies,
        final List<String> queues,
        final List<String> topics,
        final long expiryScanIntervalMs,
        final long trashRetentionMs,
        final long historyRetentionMs,
        final int historyMaxDestinations,
        final TopicWildcards wildcards)
    {
        this(policies, queues, topics, expiryScanIntervalMs, trashRetentionMs, historyRetentionMs,
            historyMaxDestinations, wildcards, List.of());
    }

    /**
     * Settings with the default topic wildcards.
     *
     * @param policies               broker-wide defaults and per-destination overrides.
     * @param queues                 queues that exist from the start.
     * @param topics                 topics that exist from the start.
     * @param expiryScanIntervalMs   pause between two passes of the expiry scan.
     * @param trashRetentionMs       how long purged and deleted messages stay in the trash; 0: no trash.
     * @param historyRetentionMs     how long 1-minute points of the metrics history stay in the journal.
     * @param historyMaxDestinations most destinations whose metrics history is kept at once.
     */
    public EngineSettings(
        final DestinationPolicies policies,
        final List<String> queues,
        final List<String> topics,
        final long expiryScanIntervalMs,
        final long trashRetentionMs,
        final long historyRetentionMs,
        final int historyMaxDestinations)
    {
        this(policies, queues, topics, expiryScanIntervalMs, trashRetentionMs, historyRetentionMs,
            historyMaxDestinations, TopicWildcards.DEFAULT);
    }

    /**
     * Settings with the default metrics history.
     *
     * @param policies             broker-wide defaults and per-destination overrides.
     * @param queues               queues that exist from the start.
     * @param topics               topics that exist from the start.
     * @param expiryScanIntervalMs pause between two passes of the expiry scan.
     * @param trashRetentionMs     how long purged and deleted messages stay in the trash; 0: no trash.
     */
    public EngineSettings(
        final DestinationPolicies policies,
        final List<String> queues,
        final List<String> topics,
        final long expiryScanIntervalMs,
        final long trashRetentionMs)
    {
        this(policies, queues, topics, expiryScanIntervalMs, trashRetentionMs, HISTORY_RETENTION_MS_DEFAULT,
            HISTORY_MAX_DESTINATIONS_DEFAULT);
    }

    /**
     * Settings with the default trash retention.
     *
     * @param policies             broker-wide defaults and per-destination overrides.
     * @param queues               queues that exist from the start.
     * @param topics               topics that exist from the start.
     * @param expiryScanIntervalMs pause between two passes of the expiry scan.
     */
    public EngineSettings(
        final DestinationPolicies policies,
        final List<String> queues,
        final List<String> topics,
        final long expiryScanIntervalMs)
    {
        this(policies, queues, topics, expiryScanIntervalMs, TRASH_RETENTION_MS_DEFAULT);
    }

    /**
     * @return the built-in defaults: no declared destinations, the defaults of {@link DestinationPolicies#defaults()}.
     */
    public static EngineSettings defaults()
    {
        return new EngineSettings(
            DestinationPolicies.defaults(), List.of(), List.of(), EXPIRY_SCAN_INTERVAL_MS_DEFAULT);
    }
}
