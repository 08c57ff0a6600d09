package io.aeolus.broker.security;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Reloads the users file while the broker runs, so that {@code aeolus-broker.jar user add/passwd/remove} take effect
 * without a restart. Runs on the security thread: every {@link #CHECK_INTERVAL_MS} it compares the users file's and
 * its key file's modification time, size and identity with what it last loaded, and on a change reads the file and
 * swaps it into the login module. A file that does not load (a half-edited line, a failed integrity check, a missing
 * key) changes nothing: the users already loaded stay, and the error handler and the audit log say why.
 */
final class UsersFileWatcher implements Agent
{
    /** How often the files are compared, in ms. */
    static final long CHECK_INTERVAL_MS = 1000;

    private final Path usersFile;
    private final Path keyFile;
    private final UsersFileLoginModule module;
    private final AuditLog audit;
    private final EpochClock clock;
    private final ErrorHandler errorHandler;
    private long nextCheckMs;
    private String loadedVersion;

    UsersFileWatcher(final Path usersFile, final UsersFileLoginModule module, final AuditLog audit,
        final EpochClock clock, final ErrorHandler errorHandler)
    {
        this.usersFile = usersFile;
        this.keyFile = UsersFile.keyFileOf(usersFile);
        this.module = module;
        this.audit = audit;
        this.clock = clock;
        this.errorHandler = errorHandler;
        this.loadedVersion = version();
    }

    public int doWork()
    {
        final long nowMs = clock.time();
        if (nowMs < nextCheckMs)
        {
            return 0;
        }
        nextCheckMs = nowMs + CHECK_INTERVAL_MS;
        final String version = version();
        if (Objects.equals(version, loadedVersion))
        {
            return 0;
        }
        loadedVersion = version;
        reload();
        return 1;
    }

    public String roleName()
    {
        return "aeolus-users-watcher";
    }

    private void reload()
    {
        try
        {
            final UsersFile users = UsersFile.load(usersFile);
            module.reload(users);
            audit.userChanged("*", "users.reload", users.users().size() + " users from " + usersFile);
        }
        catch (final RuntimeException ex)
        {
            audit.userChanged("*", "users.reload.failed", "kept the users loaded before: " + ex.getMessage());
            errorHandler.onError(new IllegalStateException("users file " + usersFile + " not reloaded, the users " +
                "loaded before stay in force: " + ex.getMessage(), ex));
        }
    }

    /**
     * @return what identifies the files' current contents, null if the users file does not exist.
     */
    private String version()
    {
        return attributes(usersFile) + "|" + attributes(keyFile);
    }

    private static String attributes(final Path file)
    {
        try
        {
            final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime().toMillis() + ":" + attributes.size() + ":" + attributes.fileKey();
        }
        catch (final NoSuchFileException ex)
        {
            return "absent";
        }
        catch (final IOException ex)
        {
            return "unreadable:" + ex.getMessage();
        }
    }
}
