package io.aeolus.broker.mqtt;

import io.aeolus.broker.engine.TopicWildcards;
import io.aeolus.broker.security.AccessPolicy;

/**
 * MQTT topic names and filters and their JMS topics: levels {@code a/b/c} become {@code a.b.c}, the filter
 * wildcards {@code +} and {@code #} become the broker's one-level and any-levels wildcards, and back. A name whose
 * levels contain the broker's own separator or wildcards cannot be mapped and is refused. Thread-safe: immutable.
 */
final class MqttTopics
{
    /** The prefix of an MQTT 5 shared subscription: {@code $share/group/filter}. */
    static final String SHARE_PREFIX = "$share/";

    private final TopicWildcards wildcards;

    MqttTopics(final TopicWildcards wildcards)
    {
        this.wildcards = wildcards;
    }

    /**
     * @param name an MQTT topic name from a PUBLISH.
     * @return why it is not a valid topic name, or null.
     */
    String nameProblem(final String name)
    {
        if (null == name || name.isEmpty())
        {
            return "empty topic name";
        }
        if (name.indexOf('+') >= 0 || name.indexOf('#') >= 0)
        {
            return "topic name '" + name + "' contains a wildcard";
        }
        final String problem = charactersProblem(name);
        if (null == problem && AccessPolicy.isReserved(toJms(name)))
        {
            return "topic '" + name + "' is one of the broker's own";
        }
        return problem;
    }

    /**
     * @param filter an MQTT topic filter from a SUBSCRIBE (without a {@code $share/group/} prefix).
     * @return why it is not a valid filter, or null.
     */
    String filterProblem(final String filter)
    {
        if (null == filter || filter.isEmpty())
        {
            return "empty topic filter";
        }
        final int length = filter.length();
        for (int i = 0; i < length; i++)
        {
            final char c = filter.charAt(i);
            final boolean startsLevel = i == 0 || filter.charAt(i - 1) == '/';
            final boolean endsLevel = i == length - 1 || filter.charAt(i + 1) == '/';
            if (c == '+' && !(startsLevel && endsLevel))
            {
                return "'+' in topic filter '" + filter + "' is not a whole level";
            }
            if (c == '#' && !(startsLevel && i == length - 1))
            {
                return "'#' in topic filter '" + filter + "' is not the whole last level";
            }
        }
        return charactersProblem(filter);
    }

    private String charactersProblem(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == 0 || Character.isISOControl(c))
            {
                return "topic '" + text + "' contains a control character at " + i;
            }
            final boolean brokerWildcard = wildcards.enabled() && c != '+' && c != '#' &&
                (c == wildcards.singleLevel() || c == wildcards.multiLevel());
            if (c != '/' && c == wildcards.separator() || brokerWildcard)
            {
                return "topic '" + text + "' contains '" + c + "', which the broker uses in topic names";
            }
        }
        return null;
    }

    /**
     * @param mqtt a valid MQTT topic name or filter.
     * @return its JMS topic name or pattern.
     */
    String toJms(final String mqtt)
    {
        final StringBuilder jms = new StringBuilder(mqtt.length());
        for (int i = 0; i < mqtt.length(); i++)
        {
            final char c = mqtt.charAt(i);
            jms.append(c == '/' ? wildcards.separator() : c == '+' ? wildcards.singleLevel() :
                c == '#' ? wildcards.multiLevel() : c);
        }
        return jms.toString();
    }

    /**
     * @param jms a JMS topic name.
     * @return its MQTT topic name.
     */
    String toMqtt(final String jms)
    {
        return jms.replace(wildcards.separator(), '/');
    }

    /**
     * MQTT's own matching (4.7), for retained messages: {@code +} is one level, {@code #} the parent level and any
     * below; a filter starting with a wildcard does not match a topic starting with {@code $} (4.7.2).
     *
     * @param filter a valid MQTT topic filter (not shared).
     * @param topic  a valid MQTT topic name.
     * @return true if the filter matches the topic.
     */
    static boolean matches(final String filter, final String topic)
    {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#")))
        {
            return false;
        }
        int f = 0;
        int t = 0;
        while (true)
        {
            final int filterEnd = levelEnd(filter, f);
            final String level = filter.substring(f, filterEnd);
            if (level.equals("#"))
            {
                return true;
            }
            final int topicEnd = levelEnd(topic, t);
            if (!level.equals("+") && !level.regionMatches(0, topic, t, topicEnd - t) ||
                !level.equals("+") && level.length() != topicEnd - t)
            {
                return false;
            }
            final boolean filterDone = filterEnd == filter.length();
            final boolean topicDone = topicEnd == topic.length();
            if (filterDone || topicDone)
            {
                // "a/#" matches "a": the filter's next and last level is '#'.
                return filterDone && topicDone || topicDone && filter.startsWith("#", filterEnd + 1) &&
                    filterEnd + 2 == filter.length();
            }
            f = filterEnd + 1;
            t = topicEnd + 1;
        }
    }

    private static int levelEnd(final String text, final int from)
    {
        final int slash = text.indexOf('/', from);
        return slash < 0 ? text.length() : slash;
    }
}
