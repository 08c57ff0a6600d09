package io.aeolus.cluster;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;

import java.util.List;

/**
 * Refuses, when a broker group member starts, options of single-broker features that a member does not run: the
 * MQTT gateway and extensions such as the JMS bridge. Better a clear refusal than a member that silently ignores
 * them. Stateless.
 */
final class ClusterFeatures
{
    private ClusterFeatures()
    {
    }

    /**
     * @param context the broker context, resolved.
     * @throws IllegalArgumentException naming the option of a feature a broker group member does not run.
     */
    static void check(final Broker.Context context)
    {
        for (final BrokerConfiguration option : List.of(
            BrokerConfiguration.MQTT_ENDPOINT, BrokerConfiguration.MQTT_TLS_ENDPOINT))
        {
            if (!context.resolved(option).isBlank())
            {
                throw new IllegalArgumentException(option.propertyName() + "=" + context.resolved(option) +
                    ": the MQTT gateway does not run in a broker group (README, A 3-node group); leave it empty on " +
                    "group members");
            }
        }
        final List<String> extensionOptions = context.configuredExtensionOptions();
        if (!extensionOptions.isEmpty())
        {
            throw new IllegalArgumentException(extensionOptions.get(0) + ": extensions such as the JMS bridge do " +
                "not run in a broker group member (README, A 3-node group); remove their options from the member's " +
                "configuration");
        }
    }
}
