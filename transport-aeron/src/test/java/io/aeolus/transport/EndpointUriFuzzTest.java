package io.aeolus.transport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the client's connection URL parser: any text either parses into a URL whose text form
 * parses back to the same URL, or is refused with an {@link IllegalArgumentException} that names the problem.
 * Nothing else escapes.
 */
class EndpointUriFuzzTest
{
    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldParseOrRefuseAnyUrl(final FuzzedDataProvider data)
    {
        final String prefix = data.pickValue(new String[]{ "", "aeolus:", "aeolus:ipc", "aeolus:udp://" });
        final String text = prefix + data.consumeRemainingAsString();
        final EndpointUri uri;
        try
        {
            uri = EndpointUri.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            assertNotNull(ex.getMessage());
            assertTrue(ex.getMessage().contains("connection URL"), ex.getMessage());
            return;
        }

        assertTrue(uri.isIpc() || (uri.port() >= 1 && uri.port() <= 65535 && !uri.host().isEmpty()), text);
        if (isPlain(uri))
        {
            assertEquals(uri, EndpointUri.parse(uri.toString()), "round trip of " + text);
        }
    }

    /**
     * The text form does not escape option names and values (it is for logs): only URLs without the characters that
     * would need escaping can round-trip.
     */
    private static boolean isPlain(final EndpointUri uri)
    {
        for (final var entry : uri.options().entrySet())
        {
            if (!entry.getKey().matches("[A-Za-z0-9._-]+") || !entry.getValue().matches("[A-Za-z0-9._-]*"))
            {
                return false;
            }
        }
        return null == uri.host() || uri.host().matches("[A-Za-z0-9._-]+");
    }
}
