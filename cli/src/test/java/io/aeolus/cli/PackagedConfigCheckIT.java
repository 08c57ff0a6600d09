package io.aeolus.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar aeolus-cli.jar config check FILE} loads the plugin directory the file names, as the broker does:
 * a bridge whose JNDI factory and a routing rule whose transformer are in plugin jars pass; without those jars (or
 * with a jar that lacks a class it needs) each problem is named, the class or transformer that is missing included.
 * The broker jar's {@code config check} says the same. The plugins (a JNDI factory, a transformer) are compiled
 * here: jars no class path of the build holds.
 */
@Timeout(180)
class PackagedConfigCheckIT
{
    private static final Path CLI_JAR = Path.of("target", "aeolus-cli.jar").toAbsolutePath();
    private static final Path BROKER_JAR = Path.of("..", "broker", "target", "aeolus-broker.jar").toAbsolutePath()
        .normalize();
    private static final Path BRIDGE_JAR = Path.of("..", "bridge", "target", "aeolus-bridge-plugin.jar")
        .toAbsolutePath().normalize();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String SERVICES = "META-INF/services/io.aeolus.broker.transform.MessageTransformer";

    @TempDir
    Path dir;

    private Path plugins;
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException
    {
        for (final Path jar : List.of(CLI_JAR, BROKER_JAR, BRIDGE_JAR))
        {
            assertTrue(Files.isRegularFile(jar), "not built: " + jar);
        }
        plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(BRIDGE_JAR, plugins.resolve(BRIDGE_JAR.getFileName()));
        config = Files.writeString(dir.resolve("broker.properties"), String.join("\n",
            "aeolus.broker.plugins.dir=" + plugins,
            "aeolus.bridge.out.source.jndi.java.naming.factory.initial=io.aeolus.jms.jndi.AeolusInitialContextFactory",
            "aeolus.bridge.out.source.destination=queue:orders",
            "aeolus.bridge.out.target.jndi.java.naming.factory.initial=example.ProviderContextFactory",
            "aeolus.bridge.out.target.destination=queue:orders.in",
            "aeolus.route.loud.source=queue:quiet",
            "aeolus.route.loud.targets=queue:loud",
            "aeolus.route.loud.transformer=shout",
            "aeolus.route.other.source=queue:a",
            "aeolus.route.other.targets=queue:b",
            "aeolus.route.other.transformer=whisper", ""));
    }

    @Test
    void shouldPassWhenThePluginDirectoryHoldsWhatTheConfigNames() throws Exception
    {
        compileInto(plugins.resolve("provider.jar"), Map.of("example/ProviderContextFactory", providerFactory()),
            null);
        compileInto(plugins.resolve("transformers.jar"), Map.of("example/ShoutTransformer", transformer("Shout",
            "shout"), "example/WhisperTransformer", transformer("Whisper", "whisper")),
            "example.ShoutTransformer\nexample.WhisperTransformer\n");

        for (final Path jar : List.of(CLI_JAR, BROKER_JAR))
        {
            final Result result = check(jar);

            assertEquals(0, result.exitCode, jar + ": " + result.output);
            assertEquals(config + ": OK", result.output.strip(), jar.toString());
        }
    }

    @Test
    void shouldNameTheFactoryClassAndTheTransformersThatAreMissing() throws Exception
    {
        for (final Path jar : List.of(CLI_JAR, BROKER_JAR))
        {
            final Result result = check(jar);

            assertEquals(1, result.exitCode, jar + ": " + result.output);
            assertTrue(result.output.contains(config + ": aeolus.bridge.out.target.jndi.java.naming.factory.initial: " +
                "class example.ProviderContextFactory not found"), result.output);
            assertTrue(result.output.contains("routing rule 'loud': unknown transformer 'shout'"), result.output);
            assertTrue(result.output.contains("routing rule 'other': unknown transformer 'whisper'"), result.output);
        }
    }

    @Test
    void shouldNameTheClassAPluginJarLacks() throws Exception
    {
        // The factory's jar without the helper class its constructor uses; a service file naming a class not there.
        compileInto(plugins.resolve("provider.jar"), Map.of("example/ProviderContextFactory",
            "package example;\npublic final class ProviderContextFactory implements " +
            "javax.naming.spi.InitialContextFactory {\n    private final Object helper = new ProviderHelper();\n" +
            "    public javax.naming.Context getInitialContext(java.util.Hashtable<?, ?> environment) {\n" +
            "        return null;\n    }\n}\nfinal class ProviderHelper {\n}\n"), null);
        Files.delete(dir.resolve("classes-provider.jar/example/ProviderHelper.class"));
        compileInto(plugins.resolve("provider.jar"), Map.of(), null);
        compileInto(plugins.resolve("transformers.jar"), Map.of("example/ShoutTransformer", transformer("Shout",
            "shout")), "example.ShoutTransformer\nexample.GoneTransformer\n");

        final Result result = check(CLI_JAR);

        assertEquals(1, result.exitCode, result.output);
        assertTrue(result.output.contains("aeolus.bridge.out.target.jndi.java.naming.factory.initial: class " +
            "example.ProviderContextFactory needs class example.ProviderHelper, which is missing"), result.output);
        assertTrue(result.output.contains("Provider example.GoneTransformer not found"), result.output);
        assertTrue(result.output.contains(plugins.toString()), result.output);
    }

    private Result check(final Path jar) throws Exception
    {
        final Process process = new ProcessBuilder(JAVA, "-jar", jar.toString(), "config", "check",
            config.toString()).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "config check ended: " + output);
        return new Result(process.exitValue(), output);
    }

    /**
     * Compiles the sources (by class path name, without {@code .java}) into a directory of the jar's own and jars
     * every class there under {@code example/}, with a transformer service file if given.
     */
    private void compileInto(final Path jar, final Map<String, String> sources, final String services)
        throws IOException
    {
        final Path classes = Files.createDirectories(dir.resolve("classes-" + jar.getFileName()));
        for (final Map.Entry<String, String> source : sources.entrySet())
        {
            final Path file = dir.resolve("src").resolve(source.getKey() + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            assertEquals(0, compiler.run(null, null, null, "--release", "17", "-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString(), file.toString()), "compiles");
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
            var files = Files.list(classes.resolve("example")))
        {
            for (final Path file : files.sorted().toList())
            {
                out.putNextEntry(new JarEntry("example/" + file.getFileName()));
                out.write(Files.readAllBytes(file));
            }
            if (null != services)
            {
                out.putNextEntry(new JarEntry(SERVICES));
                out.write(services.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String providerFactory()
    {
        return "package example;\npublic final class ProviderContextFactory implements " +
            "javax.naming.spi.InitialContextFactory {\n" +
            "    public javax.naming.Context getInitialContext(java.util.Hashtable<?, ?> environment) {\n" +
            "        return null;\n    }\n}\n";
    }

    private static String transformer(final String className, final String name)
    {
        return "package example;\nimport io.aeolus.broker.transform.*;\nimport java.util.*;\n" +
            "public final class " + className + "Transformer implements MessageTransformer {\n" +
            "    public String name() { return \"" + name + "\"; }\n" +
            "    public Transformation configure(Map<String, String> parameters) {\n" +
            "        return message -> TransformResult.of(message);\n    }\n}\n";
    }

    private record Result(int exitCode, String output)
    {
    }
}
