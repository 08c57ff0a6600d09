package io.aeolus.broker.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sends the JVM's log (java.util.logging, where {@link System.Logger} writes by default) to standard output and to
 * rotating files: what the broker process does at start. An application embedding the broker keeps its own
 * logging and never calls this. Called by the broker's main thread at start and by its shutdown hook at the end,
 * one after the other.
 */
public final class ProcessLogging
{
    private static volatile Handler console;
    private static volatile Handler file;

    private ProcessLogging()
    {
    }

    /**
     * Replaces the JVM's log handlers with the console and, if the settings name a directory, rotating files.
     *
     * @param settings where and how much to log.
     * @throws UncheckedIOException naming the directory when the files cannot be opened.
     */
    public static void install(final LogSettings settings)
    {
        final LogManager manager = LogManager.getLogManager();
        if (manager instanceof Manager)
        {
            ((Manager)manager).installed = false;
        }
        manager.reset();
        if (manager instanceof Manager)
        {
            ((Manager)manager).installed = true;
        }
        final Logger root = Logger.getLogger("");
        final LineFormatter formatter = new LineFormatter();
        console = new FlushingStreamHandler(System.out, formatter);
        console.setLevel(Level.ALL);
        root.addHandler(console);
        if (null != settings.directory())
        {
            try
            {
                Files.createDirectories(settings.directory());
                file = new FileHandler(settings.directory().resolve("broker.%g.log").toString(),
                    settings.maxFileBytes(), settings.fileCount(), true);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("aeolus.broker.log.dir: cannot write log files in " +
                    settings.directory() + ": " + ex.getMessage(), ex);
            }
            file.setFormatter(formatter);
            file.setLevel(Level.ALL);
            root.addHandler(file);
        }
        root.setLevel(Level.INFO.intValue() < settings.level().intValue() ? settings.level() : Level.INFO);
        Logger.getLogger("io.aeolus").setLevel(settings.level());
    }

    /**
     * Flushes and closes the handlers installed here (at the end of the shutdown hook: the JVM's own log manager
     * reset may already have run).
     */
    public static void close()
    {
        for (final Handler handler : new Handler[]{console, file})
        {
            if (null != handler)
            {
                handler.flush();
                handler.close();
            }
        }
        console = null;
        file = null;
    }

    /**
     * The JVM's log manager for the broker process ({@code -Djava.util.logging.manager}, set by the broker's main
     * before anything logs): it ignores the reset that the JVM's own shutdown hook does, so the broker's shutdown
     * hook can still log how it stopped; {@link #close()} closes the handlers last.
     */
    public static final class Manager extends LogManager
    {
        volatile boolean installed;

        /**
         * Created by the JVM from the system property.
         */
        public Manager()
        {
        }

        @Override
        public void reset()
        {
            if (!installed)
            {
                super.reset();
            }
        }
    }

    /** A stream handler that flushes every record: the console should not lag behind the broker. */
    private static final class FlushingStreamHandler extends StreamHandler
    {
        FlushingStreamHandler(final OutputStream out, final LineFormatter formatter)
        {
            super(out, formatter);
        }

        @Override
        public void publish(final java.util.logging.LogRecord record)
        {
            super.publish(record);
            flush();
        }

        @Override
        public void close()
        {
            // Flush but never close System.out.
            flush();
        }
    }
}
