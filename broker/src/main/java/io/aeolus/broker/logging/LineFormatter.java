package io.aeolus.broker.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record: UTC time, level, logger and message, then the cause's stack trace if any:
 * {@code 2026-12-06T03:20:09.123Z INFO  io.aeolus.broker.connections: connection 7 opened: ...}. Thread-safe.
 */
final class LineFormatter extends Formatter
{
    @Override
    public String format(final LogRecord record)
    {
        final StringBuilder line = new StringBuilder(160)
            .append(Instant.ofEpochMilli(record.getMillis()))
            .append(' ')
            .append(levelName(record.getLevel()))
            .append(' ')
            .append(record.getLoggerName())
            .append(": ")
            .append(formatMessage(record))
            .append(System.lineSeparator());
        if (null != record.getThrown())
        {
            final StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    private static String levelName(final Level level)
    {
        if (level.intValue() >= Level.SEVERE.intValue())
        {
            return "ERROR";
        }
        if (level.intValue() >= Level.WARNING.intValue())
        {
            return "WARN ";
        }
        if (level.intValue() >= Level.INFO.intValue())
        {
            return "INFO ";
        }
        return level.intValue() >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }
}
