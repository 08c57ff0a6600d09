package io.aeolus.broker.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class MetricsSettingsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldBeOffByDefaultAndReadTheEndpointAndPasswordFile() throws Exception
    {
        assertFalse(resolve(Map.of()).enabled());
        final Path password = Files.writeString(dir.resolve("pw"), "s3cret\n");
        final MetricsSettings settings = resolve(Map.of("aeolus.broker.metrics.http.endpoint", "127.0.0.1:9404",
            "aeolus.broker.metrics.http.user", "prometheus",
            "aeolus.broker.metrics.http.password.file", password.toString()));
        assertTrue(settings.enabled());
        assertEquals(9404, settings.endpoint().getPort());
        assertEquals("s3cret", settings.password());
    }

    @Test
    void shouldNameTheOptionOfABadEndpointOrAMissingPasswordFile()
    {
        for (final String bad : new String[]{"9404", "localhost:x", "127.0.0.1:70000"})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("aeolus.broker.metrics.http.endpoint", bad)));
            assertTrue(ex.getMessage().startsWith("aeolus.broker.metrics.http.endpoint:"), ex.getMessage());
        }
        final IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class,
            () -> resolve(Map.of("aeolus.broker.metrics.http.endpoint", "127.0.0.1:0",
            "aeolus.broker.metrics.http.user", "prometheus")));
        assertTrue(noFile.getMessage().startsWith("aeolus.broker.metrics.http.password.file:"), noFile.getMessage());
    }

    private static MetricsSettings resolve(final Map<String, String> options)
    {
        return MetricsSettings.resolve((name) -> options.getOrDefault(name, ""));
    }
}
