package io.aeolus.cluster;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.SecuritySettings;

import java.nio.file.Files;

/**
 * What a broker group member checks of the security options before it starts. Stateless.
 */
final class ClusterSecurity
{
    private ClusterSecurity()
    {
    }

    /**
     * A member with security on needs the users file (the same on every member: it does not create one, since each
     * member would generate a different admin password), and cannot encrypt its clients' traffic.
     *
     * @param context the broker context, resolved.
     * @return the security settings.
     * @throws IllegalArgumentException naming the option that does not fit a broker group.
     */
    static SecuritySettings check(final Broker.Context context)
    {
        final SecuritySettings security = context.securitySettings();
        final String encryption = context.resolved(BrokerConfiguration.TRANSPORT_ENCRYPTION).trim();
        if (encryption.equals("on") || encryption.equals("required"))
        {
            throw new IllegalArgumentException(BrokerConfiguration.TRANSPORT_ENCRYPTION.propertyName() + "=" +
                encryption + ": a broker group cannot encrypt its clients' traffic (Aeron Cluster's ingress and " +
                "egress are not encrypted); use auto or off and protect the group's network (README, A 3-node group)");
        }
        if (security.mode() == SecurityMode.ON &&
            SecuritySettings.FILE_LOGIN_MODULE.equals(security.loginModule().trim()) &&
            !Files.isRegularFile(security.usersFile()))
        {
            throw new IllegalArgumentException(BrokerConfiguration.SECURITY_USERS_FILE.propertyName() + ": no users " +
                "file at " + security.usersFile().toAbsolutePath().normalize() + ": a broker group member does not " +
                "create one (each member would generate a different admin password). Create it once with " +
                "'java -jar aeolus-broker.jar user add admin --roles admin --users-file FILE' and copy FILE and " +
                "the users.key beside it to every member");
        }
        return security;
    }
}
