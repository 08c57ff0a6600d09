package io.aeolus.console.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ConnectViewModelTest
{
    private final Preferences prefs = Preferences.userRoot().node("aeolus-console-test-" + UUID.randomUUID());
    private final ConnectViewModel viewModel = new ConnectViewModel(new RecentUrls(prefs));
    private final List<String> attempts = new ArrayList<>();

    @AfterEach
    void removePreferences() throws BackingStoreException
    {
        prefs.removeNode();
    }

    @Test
    void shouldShowWhyTheBrokerRefusedAndStayOpen()
    {
        viewModel.userProperty().set("carol");
        viewModel.passwordProperty().set("wrong");

        viewModel.submit((url, user, password, onConnected, onFailed) ->
        {
            attempts.add(user + ":" + new String(password));
            onFailed.accept("Authentication failed for user 'carol'");
        });

        assertEquals(List.of("carol:wrong"), attempts);
        assertEquals("Authentication failed for user 'carol'", viewModel.errorProperty().get());
        assertEquals(0, viewModel.connectedCountProperty().get());
        assertEquals("", viewModel.passwordProperty().get(), "the password does not stay in the form");
        assertFalse(viewModel.busyProperty().get());
        assertEquals(List.of(), viewModel.recentUrls(), "a failed URL is not remembered");
    }

    @Test
    void shouldRememberTheUrlAndCountAConnect()
    {
        viewModel.urlProperty().set("  aeolus:udp://broker:5150 ");

        viewModel.submit((url, user, password, onConnected, onFailed) -> onConnected.run());

        assertEquals(1, viewModel.connectedCountProperty().get());
        assertEquals("", viewModel.errorProperty().get());
        assertEquals(List.of("aeolus:udp://broker:5150"), viewModel.recentUrls());
    }

    @Test
    void shouldNotSubmitAnInvalidUrl()
    {
        viewModel.urlProperty().set("http://nope");

        viewModel.submit((url, user, password, onConnected, onFailed) -> attempts.add(url));

        assertEquals(List.of(), attempts);
    }
}
