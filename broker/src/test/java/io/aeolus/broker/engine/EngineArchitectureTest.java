package io.aeolus.broker.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the engine package to determinism: it names no Aeron, H2, random numbers, threads or concurrency, reads no
 * clock, heap size or environment, walks no hash-ordered collection without saying why the order cannot matter,
 * and no class of it passes 600 lines. A hand-written check over the sources (comments stripped), so that it also
 * catches fully qualified names.
 */
@Timeout(30)
class EngineArchitectureTest
{
    static final Path ENGINE_SOURCES = Paths.get("src/main/java/io/aeolus/broker/engine");
    private static final List<String> FORBIDDEN = List.of(
        "io.aeron", "org.h2", "java.util.Random", "java.security.SecureRandom", "SecureRandom", "ThreadLocalRandom",
        "Math.random", "java.lang.Thread", "Thread.", "java.util.concurrent", "System.currentTimeMillis",
        "System.nanoTime", "Runtime.getRuntime", "System.getenv", "System.getProperty", "Instant.now",
        "LocalDateTime.now", "Clock.system");
    private static final Pattern HASH_FIELD = Pattern.compile(
        "(\\w+)\\s*=\\s*new\\s+" +
        "(?:HashMap|HashSet|Long2ObjectHashMap|Object2ObjectHashMap|Long2LongHashMap|LongHashSet)\\s*<");
    private static final String ORDER_FREE = "// order-free:";

    @Test
    void engineNamesNoIoThreadsClocksOrRandomness() throws IOException
    {
        final List<String> violations = new ArrayList<>();
        for (final Path file : sources())
        {
            final String code = stripComments(Files.readString(file));
            for (final String forbidden : FORBIDDEN)
            {
                if (code.contains(forbidden))
                {
                    violations.add(file.getFileName() + " names " + forbidden);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void engineWalksNoHashOrderedCollection() throws IOException
    {
        final Set<String> hashFields = new HashSet<>();
        final List<Path> files = sources();
        for (final Path file : files)
        {
            final Matcher matcher = HASH_FIELD.matcher(Files.readString(file));
            while (matcher.find())
            {
                hashFields.add(matcher.group(1));
            }
        }
        final List<String> violations = new ArrayList<>();
        for (final Path file : files)
        {
            final List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++)
            {
                final String line = lines.get(i);
                for (final String field : hashFields)
                {
                    final boolean walked = line.matches(".*\\b" + field + "\\.(values|keySet|entrySet)\\(\\).*") ||
                        line.matches(".*:\\s*(\\w+\\.)?" + field + "\\)\\s*$") || line.contains(field + ".forEach(");
                    final boolean removalOnly = line.contains(".removeIf(");
                    final boolean said = line.contains(ORDER_FREE) || (i > 0 && lines.get(i - 1).contains(ORDER_FREE));
                    if (walked && !removalOnly && !said)
                    {
                        violations.add(file.getFileName() + ":" + (i + 1) + " walks hash-ordered " + field);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void noEngineClassOver600Lines() throws IOException
    {
        final List<String> violations = new ArrayList<>();
        for (final Path file : sources())
        {
            final int lines = Files.readAllLines(file).size();
            if (lines > 600)
            {
                violations.add(file.getFileName() + " has " + lines + " lines");
            }
        }
        assertEquals(List.of(), violations);
    }

    static List<Path> sources() throws IOException
    {
        assertTrue(Files.isDirectory(ENGINE_SOURCES), "run from the broker module: " + ENGINE_SOURCES);
        try (Stream<Path> stream = Files.walk(ENGINE_SOURCES))
        {
            return stream.filter((path) -> path.toString().endsWith(".java")).sorted().toList();
        }
    }

    static String stripComments(final String source)
    {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
