package io.aeolus.broker.management;

import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.SettingInfo;

import javax.management.openmbean.CompositeData;
import java.util.Map;

/**
 * The JMX side of a destination's own settings, shared by the queue, topic and broker MBeans: each call is one
 * management request run as the JMX user (audited like any other). Settings given in one text are
 * {@code name=value} entries, one a line or comma-separated ({@code max.delivery.attempts=3, memory.limit=1m}).
 * Stateless; JMX threads.
 */
final class SettingsJmx
{
    private SettingsJmx()
    {
    }

    static CompositeData[] settings(final BrokerManagement broker, final String name, final boolean topic)
    {
        return OpenData.composites(Reply.rows(broker.call(Request.of(Operation.DESTINATION_SETTINGS, Argument.NAME,
            name, Argument.TYPE, Argument.type(topic))), SettingInfo::read));
    }

    static void setSetting(final BrokerManagement broker, final String name, final boolean topic,
        final String setting, final String value)
    {
        if (null == setting || setting.isBlank())
        {
            throw new IllegalStateException(ManagementException.INVALID_ARGUMENT + ": the setting's name is missing");
        }
        broker.call(Request.of(Operation.SET_DESTINATION_SETTINGS, Argument.NAME, name, Argument.TYPE,
            Argument.type(topic), Argument.SETTING_PREFIX + setting.trim(), null == value ? "" : value));
    }

    static void resetSettings(final BrokerManagement broker, final String name, final boolean topic)
    {
        broker.call(Request.of(Operation.RESET_DESTINATION_SETTINGS, Argument.NAME, name, Argument.TYPE,
            Argument.type(topic)));
    }

    static void create(final BrokerManagement broker, final String name, final boolean topic, final String settings)
    {
        final Map<String, Object> request = Request.of(topic ? Operation.CREATE_TOPIC : Operation.CREATE_QUEUE,
            Argument.NAME, name);
        JmxArguments.putLines(request, Argument.SETTING_PREFIX, null == settings ? null : settings.replace(',', '\n'),
            "settings");
        broker.call(request);
    }
}
