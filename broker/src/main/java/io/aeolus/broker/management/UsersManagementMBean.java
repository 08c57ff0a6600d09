package io.aeolus.broker.management;

import javax.management.openmbean.CompositeData;

/**
 * The broker's users over JMX ({@code io.aeolus:type=Users}): the same operations as the management queue's
 * {@code users}, {@code addUser}, {@code changePassword}, {@code setUserRoles} and {@code removeUser}, for a broker
 * whose users are in its users file. Changes are audited (never the password) and take effect for new logins at
 * once. Failures are {@code IllegalStateException}s whose message starts with the operation's error code.
 */
public interface UsersManagementMBean
{
    /**
     * @return one composite per user: {@code name}, {@code roles} (comma-separated) and {@code iterations}.
     */
    CompositeData[] listUsers();

    /**
     * @param name     the new user's name.
     * @param password the password, at least the configured minimum length.
     * @param roles    comma-separated roles the configuration defines; empty for none.
     */
    void addUser(String name, String password, String roles);

    /**
     * @param name     the user.
     * @param password the new password.
     */
    void changePassword(String name, String password);

    /**
     * @param name  the user.
     * @param roles the new roles, comma-separated; empty for none.
     */
    void setUserRoles(String name, String roles);

    /**
     * @param name the user to remove.
     */
    void removeUser(String name);
}
