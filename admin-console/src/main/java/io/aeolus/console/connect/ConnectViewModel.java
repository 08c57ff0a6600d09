package io.aeolus.console.connect;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Fields of the connect dialog and the recent URLs. FX thread only.
 */
public final class ConnectViewModel
{
    /** URL offered when none was used before. */
    public static final String DEFAULT_URL = "aeolus:udp://127.0.0.1:5150";

    private final RecentUrls recentUrls;
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final BooleanBinding valid = Bindings.createBooleanBinding(
        () -> null != url.get() && url.get().strip().startsWith("aeolus:"), url);

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
     * True when the form can be submitted.
     *
     * @return the binding.
     */
    public BooleanBinding validBinding()
    {
        return valid;
    }
}
