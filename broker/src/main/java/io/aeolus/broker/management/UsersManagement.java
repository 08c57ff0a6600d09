package io.aeolus.broker.management;

import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.UserInfo;

import javax.management.openmbean.CompositeData;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link UsersManagementMBean}: each operation is one management request run as the JMX caller, through the
 * same call as {@link BrokerManagement} but with a longer wait, since a password is hashed slowly on purpose.
 */
final class UsersManagement implements UsersManagementMBean
{
    private final Function<Map<String, Object>, Map<String, Object>> call;

    UsersManagement(final Function<Map<String, Object>, Map<String, Object>> call)
    {
        this.call = call;
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listUsers()
    {
        return OpenData.composites(Reply.rows(call.apply(Request.of(Operation.USERS)), UserInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public void addUser(final String name, final String password, final String roles)
    {
        call.apply(Request.of(Operation.ADD_USER, Argument.NAME, name, Argument.PASSWORD, password, Argument.ROLES,
            null == roles ? "" : roles));
    }

    /**
     * {@inheritDoc}
     */
    public void changePassword(final String name, final String password)
    {
        call.apply(Request.of(Operation.CHANGE_PASSWORD, Argument.NAME, name, Argument.PASSWORD, password));
    }

    /**
     * {@inheritDoc}
     */
    public void setUserRoles(final String name, final String roles)
    {
        call.apply(Request.of(Operation.SET_USER_ROLES, Argument.NAME, name, Argument.ROLES,
            null == roles ? "" : roles));
    }

    /**
     * {@inheritDoc}
     */
    public void removeUser(final String name)
    {
        call.apply(Request.of(Operation.REMOVE_USER, Argument.NAME, name));
    }
}
