package io.aeolus.jms.admin;

import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.UserInfo;
import jakarta.jms.JMSException;

import java.util.List;

/**
 * The broker's users through an {@link AdminClient}, for a broker whose users are in its users file: list them with
 * their roles, add one, change a password or the roles, remove one. Needs {@code manage} on {@code aeolus.users}
 * (the {@code admin} role has it). Changes are audited (never the password) and take effect for the next login;
 * connections already open keep the roles they logged in with. The broker hashes a new password slowly on purpose
 * (PBKDF2), so a change takes a fraction of a second. A change is refused with a {@link JMSException} naming the
 * problem: an invalid name, a password shorter than the broker's minimum, a role the broker's configuration does not
 * define, a user that exists already (add) or not at all, or a change that would take the admin role from the user
 * making it or from the last administrator.
 */
public final class AdminUsers
{
    private final AdminClient client;

    /**
     * @param client the client to call through.
     */
    public AdminUsers(final AdminClient client)
    {
        this.client = client;
    }

    /**
     * @return the users in name order, with their roles.
     * @throws JMSException if the call fails or the user may not.
     */
    public List<UserInfo> list() throws JMSException
    {
        return Reply.rows(client.call(Request.of(Operation.USERS)), UserInfo::read);
    }

    /**
     * @param name     the new user's name: 1 to 64 letters, digits or {@code . _ @ + -}.
     * @param password the password.
     * @param roles    comma-separated roles; empty for none.
     * @throws JMSException naming the problem if the user is refused, or if the call fails.
     */
    public void add(final String name, final String password, final String roles) throws JMSException
    {
        client.call(Request.of(Operation.ADD_USER, Argument.NAME, name, Argument.PASSWORD, password, Argument.ROLES,
            null == roles ? "" : roles));
    }

    /**
     * @param name     the user.
     * @param password the new password.
     * @throws JMSException naming the problem if refused, or if the call fails.
     */
    public void changePassword(final String name, final String password) throws JMSException
    {
        client.call(Request.of(Operation.CHANGE_PASSWORD, Argument.NAME, name, Argument.PASSWORD, password));
    }

    /**
     * @param name  the user.
     * @param roles the new roles, comma-separated; empty for none.
     * @throws JMSException naming the problem if refused, or if the call fails.
     */
    public void setRoles(final String name, final String roles) throws JMSException
    {
        client.call(Request.of(Operation.SET_USER_ROLES, Argument.NAME, name, Argument.ROLES,
            null == roles ? "" : roles));
    }

    /**
     * @param name the user to remove.
     * @throws JMSException naming the problem if refused, or if the call fails.
     */
    public void remove(final String name) throws JMSException
    {
        client.call(Request.of(Operation.REMOVE_USER, Argument.NAME, name));
    }
}
