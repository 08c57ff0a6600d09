package io.aeolus.console.connect;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.function.Consumer;

/**
 * Fields of the connect dialog, the recent URLs, and the outcome of a connect: the dialog stays open while
 * {@link #submit} connects, shows {@link #errorProperty()} when the broker refuses (wrong password, no
 * {@code manage} permission, unreachable), and closes when {@link #connectedCountProperty()} counts up. FX thread
 * only.
 */
public final class ConnectViewModel
{
    /**
     * Connects in the background and reports the outcome on the FX thread; the console's view model.
     */
    @FunctionalInterface
    public interface Connector
    {
        /**
         * Starts a connect.
         *
         * @param url         broker URL.
         * @param user        user name, may be empty.
         * @param password    password; handed over.
         * @param onConnected called on the FX thread when connected.
         * @param onFailed    called on the FX thread with the reason, in words, when not.
         */
        void connect(String url, String user, char[] password, Runnable onConnected, Consumer<String> onFailed);
    }

    /** URL offered when none was used before. */
    public static final String DEFAULT_URL = "aeolus:udp://127.0.0.1:5150";

    private final RecentUrls recentUrls;
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final BooleanBinding valid = Bindings.createBooleanBinding(
        () -> null != url.get() && url.get().strip().startsWith("aeolus:"), url);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyIntegerWrapper connectedCount = new ReadOnlyIntegerWrapper(this, "connectedCount");

    /**
     * Creates the view model and fills the URL with the most recent one.
     *
     * @param recentUrls where recent URLs are kept.
     */
    public ConnectViewModel(final RecentUrls recentUrls)
    {
        this.recentUrls = recentUrls;
        recent.setAll(recentUrls.load());
        url.set(recent.isEmpty() ? DEFAULT_URL : recent.get(0));
    }

    /**
     * Connects with the form's URL, user and password (the password field is cleared); on success the URL is
     * remembered and {@link #connectedCountProperty()} counts up, on failure {@link #errorProperty()} says why.
     * Does nothing while a connect runs or when the URL is not valid.
     *
     * @param connector what connects.
     */
    public void submit(final Connector connector)
    {
        if (busy.get() || !valid.get())
        {
            return;
        }
        busy.set(true);
        error.set("");
        final String target = url.get().strip();
        connector.connect(target, user.get().strip(), takePassword(), () ->
        {
            busy.set(false);
            url.set(target);
            remember();
            connectedCount.set(connectedCount.get() + 1);
        }, (reason) ->
        {
            busy.set(false);
            error.set(reason);
        });
    }

    /**
     * Records the URL as used, after the user pressed Connect.
     */
    public void remember()
    {
        recent.setAll(recentUrls.remember(url.get().strip()));
    }

    /**
     * Takes the password out of the form, clearing the field.
     *
     * @return the password characters.
     */
    public char[] takePassword()
    {
        final char[] chars = password.get().toCharArray();
        password.set("");
        return chars;
    }

    /**
     * Recently used URLs, newest first.
     *
     * @return the live list.
     */
    public ObservableList<String> recentUrls()
    {
        return recent;
    }

    /**
     * Broker URL.
     *
     * @return the property.
     */
    public StringProperty urlProperty()
    {
        return url;
    }

    /**
     * User name.
     *
     * @return the property.
     */
    public StringProperty userProperty()
    {
        return user;
    }

    /**
     * Password.
     *
     * @return the property.
     */
    public StringProperty passwordProperty()
    {
        return password;
    }

    /**
     * True while a connect runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Why the last connect failed, in words, or empty.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty errorProperty()
    {
        return error.getReadOnlyProperty();
    }

    /**
     * How many connects succeeded; the dialog closes when it changes.
     *
     * @return the property.
     */
    public ReadOnlyIntegerProperty connectedCountProperty()
    {
        return connectedCount.getReadOnlyProperty();
    }

    /**
     * True when the form can be submitted.
     *
     * @return the binding.
     */
    public BooleanBinding validBinding()
    {
        return valid;
    }
}
