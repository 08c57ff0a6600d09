package io.aeolus.broker.engine;

import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The topics whose names are wildcard patterns ({@code stock.#}): subscriptions are made on them like on any topic,
 * but nothing is sent to them; a message sent to a topic also goes to the subscriptions of every pattern matching
 * its name. Patterns are kept in the order they were made, so routing visits them in an order given by the inputs;
 * the matches of a topic name are remembered until a pattern comes or goes. The broker's own destinations
 * ({@code aeolus.metrics}) are never matched: they need their own permission. Engine thread only.
 */
final class WildcardTopics
{
    private static final Topic[] NONE = new Topic[0];
    private static final int MAX_CACHED_NAMES = 4096;

    private final TopicWildcards wildcards;
    private final ArrayList<Topic> patterns = new ArrayList<>();
    private final Map<String, Topic[]> matchesByName = new HashMap<>();

    WildcardTopics(final TopicWildcards wildcards)
    {
        this.wildcards = wildcards;
    }

    TopicWildcards wildcards()
    {
        return wildcards;
    }

    boolean isPattern(final String name)
    {
        return wildcards.isPattern(name);
    }

    /**
     * @return true if the topic's name is a pattern, which is then matched from now on.
     */
    boolean addIfPattern(final Topic topic)
    {
        if (!wildcards.isPattern(topic.name()))
        {
            return false;
        }
        patterns.add(topic);
        matchesByName.clear();
        return true;
    }

    void remove(final Topic pattern)
    {
        if (patterns.remove(pattern))
        {
            matchesByName.clear();
        }
    }

    /**
     * @param topic a topic a message was sent to.
     * @return the pattern topics matching its name, in the order they were made; empty if none (always for a
     * temporary topic).
     */
    Topic[] matching(final Topic topic)
    {
        return topic.type() == DestinationType.TOPIC ? matching(topic.name()) : NONE;
    }

    /**
     * @param name a topic name a message was sent to.
     * @return the pattern topics matching it, in the order they were made; empty if none.
     */
    Topic[] matching(final String name)
    {
        if (patterns.isEmpty())
        {
            return NONE;
        }
        Topic[] matches = matchesByName.get(name);
        if (null == matches)
        {
            matches = find(name);
            if (matchesByName.size() >= MAX_CACHED_NAMES)
            {
                matchesByName.clear();
            }
            matchesByName.put(name, matches);
        }
        return matches;
    }

    private Topic[] find(final String name)
    {
        if (AccessPolicy.isReserved(name))
        {
            return NONE;
        }
        final List<Topic> found = new ArrayList<>();
        for (int i = 0, size = patterns.size(); i < size; i++)
        {
            final Topic pattern = patterns.get(i);
            if (wildcards.matches(pattern.name(), name))
            {
                found.add(pattern);
            }
        }
        return found.isEmpty() ? NONE : found.toArray(NONE);
    }
}
