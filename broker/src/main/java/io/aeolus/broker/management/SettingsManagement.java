package io.aeolus.broker.management;

import io.aeolus.broker.destination.DestinationOverrides;
import io.aeolus.broker.destination.DestinationPolicy;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.security.Permission;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.SettingInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The management operations on a destination's own settings: create a queue or topic with settings
 * ({@code setting.<name>} arguments), list the settings in force, give an existing destination settings, take them
 * back. Reading needs nothing more than the manage permission every operation needs; creating needs
 * {@code createDestination} on the destination, changing and resetting need {@code manage} on it. A bad setting name
 * or value is refused naming it ({@code INVALID_ARGUMENT}); a change that cannot apply to an existing destination
 * is refused saying why ({@code ILLEGAL_STATE}). Conductor thread.
 */
final class SettingsManagement
{
    private static final Set<String> DESTINATION_ARGUMENTS = Set.of(Argument.NAME, Argument.TYPE);
    private static final Set<String> RESET_ARGUMENTS = Set.of(Argument.NAME, Argument.TYPE, Argument.SETTINGS);

    private SettingsManagement()
    {
    }

    static Map<String, Object> execute(final ManagedBroker broker, final Operation op,
        final Map<String, Object> arguments, final Requester requester)
    {
        switch (op)
        {
            case CREATE_QUEUE:
            case CREATE_TOPIC:
                return create(broker, arguments, Operation.CREATE_TOPIC == op, requester);
            case DESTINATION_SETTINGS:
            {
                Arguments.requireKnown(arguments, DESTINATION_ARGUMENTS);
                final boolean topic = isTopic(arguments);
                final String name = Arguments.string(arguments, Argument.NAME);
                return reply(broker, name, topic, policy(broker, name, topic));
            }
            case SET_DESTINATION_SETTINGS:
                return set(broker, arguments, requester);
            default:
                return reset(broker, arguments, requester);
        }
    }

    private static Map<String, Object> create(final ManagedBroker broker, final Map<String, Object> arguments,
        final boolean topic, final Requester requester)
    {
        Arguments.requireKnown(arguments, DESTINATION_ARGUMENTS, Argument.SETTING_PREFIX);
        final String name = Arguments.destinationName(arguments, Argument.NAME);
        final DestinationOverrides overrides = overrides(arguments);
        requester.require(Permission.CREATE_DESTINATION, name);
        final boolean exists = topic ? broker.topics().containsKey(name) : broker.queues().containsKey(name);
        if (exists && !overrides.isEmpty())
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, (topic ? "topic" : "queue") + " '" +
                name + "' exists already: change its settings with " + Operation.SET_DESTINATION_SETTINGS.wireName());
        }
        if (!exists)
        {
            if (overrides.isEmpty())
            {
                if (topic)
                {
                    broker.createTopic(name);
                }
                else
                {
                    broker.createQueue(name);
                }
            }
            else
            {
                try
                {
                    broker.settings().create(name, topic, overrides);
                }
                catch (final IllegalStateException ex)
                {
                    throw new ManagementException(ManagementException.ILLEGAL_STATE, ex.getMessage());
                }
            }
        }
        return Map.of(Reply.CREATED, !exists);
    }

    private static Map<String, Object> set(
        final ManagedBroker broker, final Map<String, Object> arguments, final Requester requester)
    {
        Arguments.requireKnown(arguments, DESTINATION_ARGUMENTS, Argument.SETTING_PREFIX);
        final boolean topic = isTopic(arguments);
        final String name = Arguments.string(arguments, Argument.NAME);
        final DestinationOverrides changes = overrides(arguments);
        if (changes.isEmpty())
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "no setting given: name each as an " +
                "argument '" + Argument.SETTING_PREFIX + "<setting>', the setting one of " +
                DestinationOverrides.names());
        }
        policy(broker, name, topic);
        requester.require(Permission.MANAGE, name);
        return change(broker, name, topic, broker.settings().of(name, topic).with(changes));
    }

    private static Map<String, Object> reset(
        final ManagedBroker broker, final Map<String, Object> arguments, final Requester requester)
    {
        Arguments.requireKnown(arguments, RESET_ARGUMENTS);
        final boolean topic = isTopic(arguments);
        final String name = Arguments.string(arguments, Argument.NAME);
        final String only = Arguments.optionalString(arguments, Argument.SETTINGS);
        policy(broker, name, topic);
        requester.require(Permission.MANAGE, name);
        DestinationOverrides kept = DestinationOverrides.NONE;
        if (null != only && !only.isBlank())
        {
            final List<String> names = new ArrayList<>();
            for (final String setting : only.split(","))
            {
                try
                {
                    names.add(DestinationOverrides.byName(setting.trim()).settingName());
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new ManagementException(ManagementException.INVALID_ARGUMENT, ex.getMessage());
                }
            }
            final Map<String, String> texts = new LinkedHashMap<>(broker.settings().of(name, topic).toText());
            texts.keySet().removeAll(names);
            kept = DestinationOverrides.parse(texts);
        }
        return change(broker, name, topic, kept);
    }

    private static Map<String, Object> change(final ManagedBroker broker, final String name, final boolean topic,
        final DestinationOverrides overrides)
    {
        try
        {
            broker.settings().change(name, topic, overrides);
        }
        catch (final IllegalStateException ex)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, ex.getMessage());
        }
        return reply(broker, name, topic, policy(broker, name, topic));
    }

    private static Map<String, Object> reply(
        final ManagedBroker broker, final String name, final boolean topic, final DestinationPolicy policy)
    {
        final Map<String, String> own = broker.settings().of(name, topic).toText();
        final List<SettingInfo> rows = new ArrayList<>();
        for (final Map.Entry<String, String> entry : DestinationOverrides.textsOf(policy).entrySet())
        {
            rows.add(new SettingInfo(entry.getKey(), entry.getValue(), own.containsKey(entry.getKey())));
        }
        return Reply.putRows(new LinkedHashMap<>(), rows, SettingInfo::write);
    }

    private static DestinationPolicy policy(final ManagedBroker broker, final String name, final boolean topic)
    {
        final MessageQueue queue = topic ? null : broker.queues().get(name);
        final Topic theTopic = topic ? broker.topics().get(name) : null;
        if (null == queue && null == theTopic)
        {
            throw new ManagementException(ManagementException.UNKNOWN_DESTINATION,
                "no " + (topic ? "topic" : "queue") + " named '" + name + "'");
        }
        return topic ? theTopic.policy() : queue.policy();
    }

    private static boolean isTopic(final Map<String, Object> arguments)
    {
        final String type = Arguments.optionalString(arguments, Argument.TYPE);
        if (null == type || type.isEmpty() || Argument.QUEUE.equalsIgnoreCase(type))
        {
            return false;
        }
        if (Argument.TOPIC.equalsIgnoreCase(type))
        {
            return true;
        }
        throw new ManagementException(ManagementException.INVALID_ARGUMENT,
            "argument 'type' must be queue or topic, got '" + type + "'");
    }

    /**
     * @return the {@code setting.<name>} arguments parsed.
     * @throws ManagementException naming the unknown setting or the bad value.
     */
    private static DestinationOverrides overrides(final Map<String, Object> arguments)
    {
        final Map<String, String> texts = new LinkedHashMap<>();
        for (final Map.Entry<String, Object> entry : arguments.entrySet())
        {
            if (entry.getKey().startsWith(Argument.SETTING_PREFIX))
            {
                texts.put(entry.getKey().substring(Argument.SETTING_PREFIX.length()),
                    null == entry.getValue() ? "" : String.valueOf(entry.getValue()));
            }
        }
        try
        {
            return DestinationOverrides.parse(texts);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, ex.getMessage());
        }
    }
}
