package io.aeolus.console.connect;

import java.util.List;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecentUrlsTest
{
    private final Preferences node = Preferences.userRoot().node("aeolus-console-test-" + UUID.randomUUID());
    private final RecentUrls recentUrls = new RecentUrls(node);

    @AfterEach
    void removeNode() throws BackingStoreException
    {
        node.removeNode();
    }

    @Test
    void shouldRememberUrlsNewestFirstWithoutDuplicates()
    {
        recentUrls.remember("aeolus:ipc");
        recentUrls.remember("aeolus:udp://a:5150");

        recentUrls.remember("aeolus:ipc");

        assertEquals(List.of("aeolus:ipc", "aeolus:udp://a:5150"), recentUrls.load());
    }

    @Test
    void shouldForgetTheOldestBeyondTheLimit()
    {
        for (int i = 0; i < RecentUrls.MAX_URLS + 3; i++)
        {
            recentUrls.remember("aeolus:udp://host" + i + ":5150");
        }

        final List<String> urls = recentUrls.load();

        assertEquals(RecentUrls.MAX_URLS, urls.size());
        assertEquals("aeolus:udp://host12:5150", urls.get(0));
    }

    @Test
    void shouldOfferTheMostRecentUrlInTheConnectForm()
    {
        recentUrls.remember("aeolus:udp://b:5150");

        final ConnectViewModel viewModel = new ConnectViewModel(recentUrls);

        assertEquals("aeolus:udp://b:5150", viewModel.urlProperty().get());
        assertEquals(true, viewModel.validBinding().get());
    }
}
