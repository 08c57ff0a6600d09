package io.aeolus.store;

import java.util.Locale;

import org.agrona.SystemUtil;

/**
 * System property names and defaults of the {@link H2Journal.Context} options. Each reader returns the system
 * property if set, else the default; sizes accept a {@code k}, {@code m} or {@code g} suffix ({@code 16k}).
 */
public final class H2JournalConfiguration
{
    /**
     * Directory of the embedded journal database ({@code <dir>/aeolus.mv.db}). No default.
     */
    public static final String DATA_DIRECTORY_PROP_NAME = "aeolus.journal.dir";

    /**
     * An H2 JDBC URL to use instead of the embedded database in the data directory.
     */
    public static final String JDBC_URL_PROP_NAME = "aeolus.journal.jdbc.url";

    /**
     * User for the JDBC connection.
     */
    public static final String USER_PROP_NAME = "aeolus.journal.user";

    /**
     * Default user, the H2 administrator ({@code CHECKPOINT SYNC} needs administrator rights).
     */
    public static final String USER_DEFAULT = "sa";

    /**
     * Password for the JDBC connection.
     */
    public static final String PASSWORD_PROP_NAME = "aeolus.journal.password";

    /**
     * Default password: empty.
     */
    public static final String PASSWORD_DEFAULT = "";

    /**
     * {@code sync} or {@code async}; see {@link Durability}.
     */
    public static final String DURABILITY_PROP_NAME = "aeolus.journal.durability";

    /**
     * Default durability: every completed batch is on disk.
     */
    public static final Durability DURABILITY_DEFAULT = Durability.SYNC;

    /**
     * Largest number of queued commands the journal thread takes into one batch.
     */
    public static final String MAX_BATCH_SIZE_PROP_NAME = "aeolus.journal.max.batch.size";

    /**
     * Default largest batch: 1,024 commands (about 1 MiB of 1 KiB messages, a few milliseconds of work).
     */
    public static final int MAX_BATCH_SIZE_DEFAULT = 1024;

    /**
     * Capacity of the queue of commands waiting for the journal thread, rounded up to a power of two.
     */
    public static final String COMMAND_QUEUE_CAPACITY_PROP_NAME = "aeolus.journal.command.queue.capacity";

    /**
     * Default command queue capacity: 16k commands.
     */
    public static final int COMMAND_QUEUE_CAPACITY_DEFAULT = 16 * 1024;

    /**
     * Capacity of the queue of completions waiting for the broker, rounded up to a power of two.
     */
    public static final String COMPLETION_QUEUE_CAPACITY_PROP_NAME = "aeolus.journal.completion.queue.capacity";

    /**
     * Default completion queue capacity: 1k completions (one per batch, plus one per page read).
     */
    public static final int COMPLETION_QUEUE_CAPACITY_DEFAULT = 1024;

    private H2JournalConfiguration()
    {
    }

    /**
     * The data directory from {@link #DATA_DIRECTORY_PROP_NAME}.
     *
     * @return the directory, or null if unset.
     */
    public static String dataDirectory()
    {
        return System.getProperty(DATA_DIRECTORY_PROP_NAME);
    }

    /**
     * The JDBC URL from {@link #JDBC_URL_PROP_NAME}.
     *
     * @return the URL, or null if unset.
     */
    public static String jdbcUrl()
    {
        return System.getProperty(JDBC_URL_PROP_NAME);
    }

    /**
     * The user from {@link #USER_PROP_NAME}.
     *
     * @return the user.
     */
    public static String user()
    {
        return System.getProperty(USER_PROP_NAME, USER_DEFAULT);
    }

    /**
     * The password from {@link #PASSWORD_PROP_NAME}.
     *
     * @return the password.
     */
    public static String password()
    {
        return System.getProperty(PASSWORD_PROP_NAME, PASSWORD_DEFAULT);
    }

    /**
     * The durability from {@link #DURABILITY_PROP_NAME}, case-insensitive.
     *
     * @return the durability.
     * @throws IllegalArgumentException naming the property if the value is neither sync nor async.
     */
    public static Durability durability()
    {
        final String value = System.getProperty(DURABILITY_PROP_NAME);
        if (null == value)
        {
            return DURABILITY_DEFAULT;
        }
        try
        {
            return Durability.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(DURABILITY_PROP_NAME + " must be sync or async: " + value, ex);
        }
    }

    /**
     * The largest batch from {@link #MAX_BATCH_SIZE_PROP_NAME}.
     *
     * @return number of commands.
     */
    public static int maxBatchSize()
    {
        return SystemUtil.getSizeAsInt(MAX_BATCH_SIZE_PROP_NAME, MAX_BATCH_SIZE_DEFAULT);
    }

    /**
     * The command queue capacity from {@link #COMMAND_QUEUE_CAPACITY_PROP_NAME}.
     *
     * @return number of commands.
     */
    public static int commandQueueCapacity()
    {
        return SystemUtil.getSizeAsInt(COMMAND_QUEUE_CAPACITY_PROP_NAME, COMMAND_QUEUE_CAPACITY_DEFAULT);
    }

    /**
     * The completion queue capacity from {@link #COMPLETION_QUEUE_CAPACITY_PROP_NAME}.
     *
     * @return number of completions.
     */
    public static int completionQueueCapacity()
    {
        return SystemUtil.getSizeAsInt(COMPLETION_QUEUE_CAPACITY_PROP_NAME, COMPLETION_QUEUE_CAPACITY_DEFAULT);
    }
}
