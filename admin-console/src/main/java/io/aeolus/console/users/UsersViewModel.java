package io.aeolus.console.users;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ListTabViewModel;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.management.UserInfo;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * State of the Users tab: the broker's users with their roles, and the changes an administrator makes to them (add,
 * change password, change roles, remove), each sent to the broker, which hashes the password, writes its users file,
 * audits the change and uses it from the next login on. The broker's refusals (a password shorter than its minimum,
 * a role its configuration does not define, removing yourself or the last administrator) are shown as it words them.
 * Reloaded when the tab is shown and after each change. FX thread only.
 */
public final class UsersViewModel extends ListTabViewModel<List<UserInfo>>
{
    /** The change adding a user. */
    public static final String ADD = "add";
    /** The change setting a user's password. */
    public static final String PASSWORD = "password";
    /** The change replacing a user's roles. */
    public static final String ROLES = "roles";
    /** The change removing a user. */
    public static final String REMOVE = "remove";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final String ROLE = "[A-Za-z0-9_-]{1,64}";
    private static final Pattern ROLE_LIST = Pattern.compile("\\s*(" + ROLE + "\\s*(,\\s*" + ROLE + "\\s*)*)?");

    private final ObservableList<UserInfo> users = FXCollections.observableArrayList();

    /**
     * Creates the view model.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier tells of outcomes and failures.
     * @param bundle   UI text.
     */
    public UsersViewModel(final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier,
        final ResourceBundle bundle)
    {
        super(backend, runner, notifier, bundle, "users");
    }

    /**
     * What is wrong with a change's form before the broker is asked; the broker checks the rest (the shortest
     * password it accepts, the roles it defines, that an administrator remains).
     *
     * @param change   {@link #ADD}, {@link #PASSWORD} or {@link #ROLES}.
     * @param name     the user's name.
     * @param password the password typed (add, password).
     * @param confirm  the password typed again (add, password).
     * @param roles    comma-separated roles (add, roles).
     * @return the problem, or empty when the form can be sent.
     */
    public String validate(final String change, final String name, final String password, final String confirm,
        final String roles)
    {
        if (null == name || !USER_NAME.matcher(name.strip()).matches())
        {
            return bundle.getString("users.badName");
        }
        if (ADD.equals(change) || PASSWORD.equals(change))
        {
            if (null == password || password.isEmpty())
            {
                return bundle.getString("users.needPassword");
            }
            if (!password.equals(confirm))
            {
                return bundle.getString("users.passwordsDiffer");
            }
        }
        if ((ADD.equals(change) || ROLES.equals(change)) && !ROLE_LIST.matcher(null == roles ? "" : roles).matches())
        {
            return bundle.getString("users.badRoles");
        }
        return "";
    }

    /**
     * Sends a change in the background. On success the list is reloaded and {@code onDone} gets an empty text; on a
     * refusal {@code onDone} gets the broker's reason (for the dialog to show without closing) and nothing changes.
     *
     * @param change   {@link #ADD}, {@link #PASSWORD} or {@link #ROLES}.
     * @param name     the user's name.
     * @param password the password (add, password).
     * @param confirm  the password typed again.
     * @param roles    comma-separated roles (add, roles).
     * @param onDone   gets empty on success, else the reason.
     */
    public void change(final String change, final String name, final String password, final String confirm,
        final String roles, final Consumer<String> onDone)
    {
        final String problem = validate(change, name, password, confirm, roles);
        if (!problem.isEmpty())
        {
            onDone.accept(problem);
            return;
        }
        final String user = name.strip();
        final String roleList = null == roles ? "" : roles.replace(" ", "");
        runner.run((sink) ->
        {
            backend.actions().changeUser(change, user, password, roleList);
            return user;
        }, (done) ->
        {
            done(text("users.done." + change, user));
            onDone.accept("");
        }, (failure) -> onDone.accept(notifier.describe(failure)));
    }

    /**
     * Removes a user in the background; call after the user confirmed. The broker's refusal (yourself, the last
     * administrator) is shown as the status and a notification.
     *
     * @param user the row.
     */
    public void remove(final UserInfo user)
    {
        if (null == user || busy())
        {
            return;
        }
        final String name = user.name();
        runner.run((sink) ->
        {
            backend.actions().changeUser(REMOVE, name, null, null);
            return name;
        }, (done) -> done(text("users.done.remove", name)),
            (failure) -> actionFailed(text("users.removeFailed", name), failure));
    }

    /**
     * What the confirmation of a removal says.
     *
     * @param user the row.
     * @return the text.
     */
    public String confirmation(final UserInfo user)
    {
        return text("users.confirmRemove", user.name());
    }

    /**
     * The users, in name order.
     *
     * @return the live list.
     */
    public ObservableList<UserInfo> users()
    {
        return users;
    }

    private void done(final String text)
    {
        succeeded(bundle.getString("users.doneTitle"), text);
        reload();
    }

    @Override
    protected List<UserInfo> load() throws Exception
    {
        return backend.actions().users();
    }

    @Override
    protected String show(final List<UserInfo> loaded)
    {
        users.setAll(loaded);
        return countText(loaded, (user) -> user.hasRole("admin"));
    }

    @Override
    protected void forget()
    {
        users.clear();
    }

    /**
     * A failed load (no users file on that broker, no right to manage users) is told by the status text alone.
     *
     * @param failure why the load failed.
     */
    @Override
    protected void onLoadFailed(final Throwable failure)
    {
    }
}
