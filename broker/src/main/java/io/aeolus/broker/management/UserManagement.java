package io.aeolus.broker.management;

import io.aeolus.broker.security.Permission;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UserAdministration;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.UserInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The users operations of management: {@code users} lists the users file's users and their roles, {@code addUser},
 * {@code changePassword}, {@code setUserRoles} and {@code removeUser} change them. All need {@code manage} on
 * {@value #USERS_RESOURCE} (the {@code admin} role has it). A change is checked here, on the conductor, then made by
 * the {@link UserAdministration}'s worker (deriving the credential is slow on purpose, writing the file is I/O); its
 * answer, and its line in the audit log (never the password), follow when the worker is done, from {@link #poll()}.
 * Conductor thread.
 */
final class UserManagement
{
    /** The name on which {@code manage} is needed to list and change users. */
    static final String USERS_RESOURCE = "aeolus.users";

    private static final Set<String> ADD_ARGUMENTS = Set.of(Argument.NAME, Argument.PASSWORD, Argument.ROLES);
    private static final Set<String> PASSWORD_ARGUMENTS = Set.of(Argument.NAME, Argument.PASSWORD);
    private static final Set<String> ROLES_ARGUMENTS = Set.of(Argument.NAME, Argument.ROLES);

    private final ManagementAudit audit;
    /** Made once: a method reference per duty cycle was an allocation on every cycle of the conductor. */
    private final Consumer<UserAdministration.Change> onFinished = this::onFinished;
    private UserAdministration administration;

    UserManagement(final ManagementAudit audit)
    {
        this.audit = audit;
    }

    /**
     * @param administration the users file's administration, null if users are not managed by this broker.
     */
    void administration(final UserAdministration administration)
    {
        this.administration = administration;
    }

    /**
     * @param op an operation.
     * @return true for the operations that change users (answered later, through {@link #start}).
     */
    static boolean isChange(final Operation op)
    {
        return Operation.ADD_USER == op || Operation.CHANGE_PASSWORD == op || Operation.SET_USER_ROLES == op ||
            Operation.REMOVE_USER == op;
    }

    /**
     * Answers {@code users} at once; a change cannot be answered so (see {@link #start}).
     *
     * @param op        the operation.
     * @param requester who asks.
     * @return the users.
     * @throws ManagementException for a change.
     */
    Map<String, Object> execute(final Operation op, final Requester requester)
    {
        if (isChange(op))
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, op.wireName() + " is answered once " +
                "the users file is written: submit it through the management queue or JMX");
        }
        return list(requester);
    }

    /**
     * @param requester who asks.
     * @return the users as {@link UserInfo} rows, in name order.
     */
    Map<String, Object> list(final Requester requester)
    {
        final UserAdministration users = available(requester);
        final List<UserInfo> rows = new ArrayList<>();
        for (final UserAccount account : users.users().values())
        {
            rows.add(new UserInfo(account.name(), String.join(",", account.roles()),
                account.credential().iterations()));
        }
        return Reply.putRows(new LinkedHashMap<>(), rows, UserInfo::write);
    }

    /**
     * Checks a change and hands it to the worker; the outcome comes through {@link #poll()}. A request refused here
     * is audited and answered at once.
     *
     * @param arguments the request.
     * @param requester who asks.
     * @param onDone    told of the result once the users file is written and in force.
     * @param onFailed  told why the change was refused or failed.
     */
    void start(final Map<String, Object> arguments, final Requester requester,
        final Consumer<Map<String, Object>> onDone, final Consumer<ManagementException> onFailed)
    {
        final UserAdministration.Change change;
        try
        {
            final UserAdministration users = available(requester);
            change = change(users, arguments, requester);
            if (!users.submit(change.attachment(new Pending(arguments, requester, onDone, onFailed))))
            {
                throw new ManagementException(ManagementException.RESOURCE_ALLOCATION, "too many user changes " +
                    "under way; try again in a moment");
            }
        }
        catch (final ManagementException ex)
        {
            audit.record(arguments, requester, null, ex);
            onFailed.accept(ex);
        }
    }

    /**
     * Answers the changes the worker finished. Conductor thread.
     *
     * @return how many.
     */
    int poll()
    {
        return null == administration ? 0 : administration.drainResults(onFinished);
    }

    private void onFinished(final UserAdministration.Change change)
    {
        final Pending pending = (Pending)change.attachment();
        if (null == change.problem())
        {
            final Map<String, Object> reply = Map.of(Argument.NAME, change.name());
            audit.record(pending.arguments, pending.requester, reply, null);
            pending.onDone.accept(reply);
            return;
        }
        final ManagementException failure = new ManagementException(change.refused() ?
            ManagementException.ILLEGAL_STATE : ManagementException.INTERNAL, change.problem());
        audit.record(pending.arguments, pending.requester, null, failure);
        pending.onFailed.accept(failure);
    }

    private UserAdministration available(final Requester requester)
    {
        requester.require(Permission.MANAGE, USERS_RESOURCE);
        if (null == administration)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, "this broker's users are not in a " +
                "users file it manages (aeolus.broker.security.login.module is jaas or a class of yours): change " +
                "them where that login module keeps them");
        }
        return administration;
    }

    private static UserAdministration.Change change(final UserAdministration users,
        final Map<String, Object> arguments, final Requester requester)
    {
        final Operation op = Arguments.operation(arguments);
        final UserAdministration.Kind kind;
        switch (op)
        {
            case ADD_USER:
                Arguments.requireKnown(arguments, ADD_ARGUMENTS);
                kind = UserAdministration.Kind.ADD;
                break;
            case CHANGE_PASSWORD:
                Arguments.requireKnown(arguments, PASSWORD_ARGUMENTS);
                kind = UserAdministration.Kind.PASSWORD;
                break;
            case SET_USER_ROLES:
                Arguments.requireKnown(arguments, ROLES_ARGUMENTS);
                kind = UserAdministration.Kind.ROLES;
                break;
            default:
                Arguments.requireKnown(arguments, Set.of(Argument.NAME));
                kind = UserAdministration.Kind.REMOVE;
                break;
        }
        final String name = Arguments.string(arguments, Argument.NAME);
        final boolean withPassword = kind == UserAdministration.Kind.ADD || kind == UserAdministration.Kind.PASSWORD;
        final boolean withRoles = kind == UserAdministration.Kind.ADD || kind == UserAdministration.Kind.ROLES;
        final String password = withPassword ? Arguments.string(arguments, Argument.PASSWORD) : null;
        final String roles = withRoles ? Arguments.optionalString(arguments, Argument.ROLES) : null;
        try
        {
            return users.change(kind, name, password, roles, requester.user());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, ex.getMessage());
        }
    }

    private record Pending(Map<String, Object> arguments, Requester requester,
        Consumer<Map<String, Object>> onDone, Consumer<ManagementException> onFailed)
    {
    }
}
