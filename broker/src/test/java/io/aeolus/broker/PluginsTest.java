package io.aeolus.broker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class PluginsTest
{
    private static final String OPTION = BrokerConfiguration.PLUGINS_DIR.propertyName();

    @TempDir
    Path dir;

    private final ClassLoader original = Thread.currentThread().getContextClassLoader();

    @AfterEach
    void restore()
    {
        Thread.currentThread().setContextClassLoader(original);
    }

    @Test
    void shouldFindTheExtensionsOfThePluginDirectoryNamedInTheConfigFile() throws IOException
    {
        final Path plugins = Files.createDirectories(dir.resolve("plugins"));
        writeJar(plugins.resolve("b-extension.jar"), "META-INF/services/" + BrokerExtension.class.getName(),
            TestExtension.class.getName() + "\n");
        writeJar(plugins.resolve("a-other.jar"), "readme.txt", "not an extension");
        Files.writeString(plugins.resolve("notes.txt"), "not a jar");
        final Path config = dir.resolve("broker.properties");
        Files.writeString(config, OPTION + "=" + plugins + "\n");

        final Plugins loaded = Plugins.install(config);

        assertEquals(List.of(plugins.resolve("a-other.jar"), plugins.resolve("b-extension.jar")), loaded.jars());
        assertTrue(BrokerExtension.installed().stream().anyMatch((e) -> e.optionPrefix().equals("test.plugin.")),
            "the extension of the plugin jar is found");
    }

    @Test
    void shouldLoadNothingWithoutThePluginDirectoryOption() throws IOException
    {
        final Path config = dir.resolve("broker.properties");
        Files.writeString(config, "aeolus.broker.data.dir=data\n");

        final Plugins loaded = Plugins.install(config);

        assertEquals(List.of(), loaded.jars());
        assertNull(loaded.directory());
        assertSame(original, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void shouldRefuseAPluginDirectoryThatIsNotOneNamingTheOption() throws IOException
    {
        final Path config = dir.resolve("broker.properties");
        Files.writeString(config, OPTION + "=" + dir.resolve("missing") + "\n");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Plugins.install(config));

        assertTrue(ex.getMessage().startsWith(OPTION + ": "), ex.getMessage());
        assertTrue(ex.getMessage().contains("not a directory"), ex.getMessage());
    }

    private static void writeJar(final Path jar, final String entry, final String content) throws IOException
    {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out))
        {
            jarOut.putNextEntry(new JarEntry(entry));
            jarOut.write(content.getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
    }

    /**
     * An extension named only in the plugin jar's service file (the test class path has none).
     */
    public static final class TestExtension implements BrokerExtension
    {
        /**
         * {@inheritDoc}
         */
        public String optionPrefix()
        {
            return "test.plugin.";
        }

        /**
         * {@inheritDoc}
         */
        public void validate(final Map<String, String> options)
        {
        }

        /**
         * {@inheritDoc}
         */
        public AutoCloseable start(final Broker broker, final Map<String, String> options)
        {
            return () ->
            {
            };
        }
    }
}
