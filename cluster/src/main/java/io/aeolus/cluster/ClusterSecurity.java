package io.aeolus.cluster;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.SecuritySettings;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.transport.crypto.TransportEncryption;

import java.nio.file.Files;
import java.util.Locale;

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
     * member would generate a different admin password).
     *
     * @param context the broker context, resolved.
     * @return the security settings.
     * @throws IllegalArgumentException naming the option that does not fit a broker group.
     */
    static SecuritySettings check(final Broker.Context context)
    {
        final SecuritySettings security = context.securitySettings();
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

    /**
     * The group's transport encryption: {@code on} and {@code required} as on a single broker; {@code auto} and
     * {@code off} leave the clients' traffic clear, since the group's login cannot tell a client's host (the single
     * broker's {@code auto} encrypts clients from other hosts). The broker context has checked already that
     * {@code on} and {@code required} have SCRAM-SHA-256, and {@code required} no development mode.
     *
     * @param context  the broker context, resolved.
     * @param security its security settings.
     * @return {@code OFF}, {@code ON} or {@code REQUIRED}.
     * @throws IllegalArgumentException naming the option when encryption is on and the member has no users file key
     *                                  ({@code users.key}) to share encrypted sessions' keys with the other members.
     */
    static TransportEncryption encryption(final Broker.Context context, final SecuritySettings security)
    {
        final String text = context.resolved(BrokerConfiguration.TRANSPORT_ENCRYPTION).trim().toLowerCase(Locale.ROOT);
        final TransportEncryption mode = "auto".equals(text) ? TransportEncryption.OFF :
            TransportEncryption.parse(BrokerConfiguration.TRANSPORT_ENCRYPTION.propertyName(), text);
        final boolean hasUsersKey = SecuritySettings.FILE_LOGIN_MODULE.equals(security.loginModule().trim()) &&
            Files.isRegularFile(UsersFile.keyFileOf(security.usersFile()));
        if (mode != TransportEncryption.OFF && !hasUsersKey)
        {
            throw new IllegalArgumentException(BrokerConfiguration.TRANSPORT_ENCRYPTION.propertyName() + "=" + text +
                ": a broker group member shares its encrypted clients' keys with the other members under a key " +
                "derived from the users file's key, and has none: it needs the users file (" +
                BrokerConfiguration.SECURITY_USERS_FILE.propertyName() + ") and its users.key, the same " +
                "on every member");
        }
        return mode;
    }
}
