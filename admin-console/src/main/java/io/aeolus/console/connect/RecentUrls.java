package io.aeolus.console.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * The most recently used broker URLs, newest first, kept in a preferences node under keys {@code url.0},
 * {@code url.1}, ... Any thread; each call reads or writes the node.
 */
public final class RecentUrls
{
    /** Most URLs remembered. */
    public static final int MAX_URLS = 10;

    private static final String KEY_PREFIX = "url.";

    private final Preferences node;

    /**
     * Creates a store over a preferences node.
     *
     * @param node where to keep the URLs, e.g. {@code Preferences.userNodeForPackage(RecentUrls.class)}.
     */
    public RecentUrls(final Preferences node)
    {
        this.node = node;
    }

    /**
     * Reads the remembered URLs.
     *
     * @return newest first, at most {@link #MAX_URLS}.
     */
    public List<String> load()
    {
        final List<String> urls = new ArrayList<>();
        for (int i = 0; i < MAX_URLS; i++)
        {
            final String url = node.get(KEY_PREFIX + i, null);
            if (null != url && !url.isBlank())
            {
                urls.add(url);
            }
        }
        return urls;
    }

    /**
     * Moves a URL to the front, dropping a duplicate and the oldest beyond {@link #MAX_URLS}.
     *
     * @param url the URL just used.
     * @return the new list, newest first.
     */
    public List<String> remember(final String url)
    {
        final List<String> urls = load();
        urls.remove(url);
        urls.add(0, url);
        while (urls.size() > MAX_URLS)
        {
            urls.remove(urls.size() - 1);
        }
        for (int i = 0; i < MAX_URLS; i++)
        {
            if (i < urls.size())
            {
                node.put(KEY_PREFIX + i, urls.get(i));
            }
            else
            {
                node.remove(KEY_PREFIX + i);
            }
        }
        return urls;
    }
}
