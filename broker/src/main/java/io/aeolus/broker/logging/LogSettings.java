package io.aeolus.broker.logging;

import io.aeolus.transport.TransportConfiguration;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.logging.Level;

/**
 * Where and how much the broker process logs.
 *
 * @param directory    directory of the rotating log files, or null for the console only.
 * @param level        the least severe level logged.
 * @param maxFileBytes size at which a file rotates.
 * @param fileCount    files kept.
 */
public record LogSettings(Path directory, Level level, long maxFileBytes, int fileCount)
{
    /**
     * Reads the settings from the broker's options.
     *
     * @param option        resolves an option by its property name.
     * @param dataDirectory the broker's data directory, under which the logs go by default.
     * @return the settings.
     * @throws IllegalArgumentException naming the option when a value is invalid.
     */
    public static LogSettings resolve(final UnaryOperator<String> option, final Path dataDirectory)
    {
        final String dir = option.apply("aeolus.broker.log.dir").trim();
        final Path directory;
        try
        {
            directory = "none".equalsIgnoreCase(dir) ? null : dir.isEmpty() ? dataDirectory.resolve("logs") :
                Path.of(dir);
        }
        catch (final InvalidPathException ex)
        {
            // Found by BrokerConfigFuzzTest: a NUL in the value escaped naming no option.
            throw new IllegalArgumentException("aeolus.broker.log.dir: not a path: '" + dir + "' (" + ex.getReason() +
                ")", ex);
        }
        final long size = TransportConfiguration.parseSize(
            "aeolus.broker.log.file.size", option.apply("aeolus.broker.log.file.size"), 0);
        if (size < 4096 || size > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("aeolus.broker.log.file.size: must be between 4k and 2g, got " + size);
        }
        final String countText = option.apply("aeolus.broker.log.file.count").trim();
        final int count;
        try
        {
            count = Integer.parseInt(countText);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("aeolus.broker.log.file.count: not a number: '" + countText + "'", ex);
        }
        if (count < 1 || count > 1000)
        {
            throw new IllegalArgumentException("aeolus.broker.log.file.count: must be between 1 and 1000, got " +
                count);
        }
        return new LogSettings(directory, parseLevel(option.apply("aeolus.broker.log.level")), size, count);
    }

    private static Level parseLevel(final String text)
    {
        return switch (text.trim().toLowerCase(Locale.ROOT))
        {
            case "error" -> Level.SEVERE;
            case "warning", "warn" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default -> throw new IllegalArgumentException("aeolus.broker.log.level: expected error, warning, info, " +
                "debug or trace, got '" + text + "'");
        };
    }
}
