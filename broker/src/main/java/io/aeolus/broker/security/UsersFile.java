package io.aeolus.broker.security;

import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramCredential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The users file: one line per user with the SCRAM-SHA-256 credential (salt, iteration count, StoredKey,
 * ServerKey; never the password) and the roles, each line sealed with an HMAC-SHA-256 keyed by a random secret kept
 * in the key file beside it ({@code users.key}, owner-only). A line changed by hand, or moved to another users file,
 * fails its check and the broker refuses to start, naming the line; change users with {@code aeolus-broker user}.
 * <pre>
 * # name:mechanism:iterations:salt:storedKey:serverKey:roles:mac
 * alice:SCRAM-SHA-256:600000:q1...==:Xy...=:Ab...=:admin,app:Zm...=
 * </pre>
 * Not thread-safe: loaded once at start (or by the {@code user} command), then only read.
 */
public final class UsersFile
{
    /** The file's name in the data directory unless configured otherwise. */
    public static final String DEFAULT_NAME = "users";

    private static final String MAC_DOMAIN = "aeolus-users-v1\n";
    private static final int FIELDS = 8;
    private static final int KEY_LENGTH = 32;
    private static final String HEADER = "# Aeolus users: SCRAM-SHA-256 credentials, never passwords. Written by " +
        "'aeolus-broker user'; each line is sealed\n# with a MAC keyed by the .key file beside this one, so a line " +
        "edited by hand is refused.\n# name:mechanism:iterations:salt:storedKey:serverKey:roles:mac\n";

    private final Path file;
    private final byte[] key;
    private final Map<String, UserAccount> users = new TreeMap<>();

    private UsersFile(final Path file, final byte[] key)
    {
        this.file = file;
        this.key = key;
    }

    /**
     * @param usersFile the users file.
     * @return its key file: the same name with {@code .key} appended.
     */
    public static Path keyFileOf(final Path usersFile)
    {
        return usersFile.resolveSibling(usersFile.getFileName() + ".key");
    }

    /**
     * Reads and checks the users file.
     *
     * @param file the users file; its key file must exist beside it.
     * @return the users.
     * @throws IllegalArgumentException naming the file and line if a line is malformed or fails its integrity check.
     * @throws UncheckedIOException     if a file cannot be read.
     */
    public static UsersFile load(final Path file)
    {
        final UsersFile users = new UsersFile(file, readKey(keyFileOf(file)));
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read users file " + file + ": " + ex.getMessage(), ex);
        }
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final UserAccount account;
            try
            {
                account = users.parse(line);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("users file " + file + ", line " + (i + 1) + ": " +
                    ex.getMessage(), ex);
            }
            if (null != users.users.put(account.name(), account))
            {
                throw new IllegalArgumentException("users file " + file + ", line " + (i + 1) + ": user '" +
                    account.name() + "' appears twice");
            }
        }
        return users;
    }

    /**
     * @param file the users file.
     * @return the users in it, or no users (with a new key, if there is no key file yet) when it does not exist.
     */
    public static UsersFile loadOrCreate(final Path file)
    {
        if (Files.exists(file))
        {
            return load(file);
        }
        final Path keyFile = keyFileOf(file);
        return new UsersFile(file, Files.exists(keyFile) ? readKey(keyFile) : Scram.randomBytes(KEY_LENGTH));
    }

    /**
     * @return the users by name, sorted; unmodifiable.
     */
    public Map<String, UserAccount> users()
    {
        return Collections.unmodifiableMap(users);
    }

    /**
     * @return the file's path.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Adds a user or replaces one of the same name. Call {@link #save()} to keep it.
     *
     * @param account the user, with a SCRAM credential.
     */
    public void put(final UserAccount account)
    {
        UserAccount.checkUserName(account.name());
        if (null == account.credential())
        {
            throw new IllegalArgumentException("a users file keeps SCRAM credentials: none given for " +
                account.name());
        }
        users.put(account.name(), account);
    }

    /**
     * @param name the user to remove. Call {@link #save()} to keep the change.
     * @return true if there was such a user.
     */
    public boolean remove(final String name)
    {
        return null != users.remove(name);
    }

    /**
     * Writes the users and the key file atomically (a temporary file moved over the old one), owner-only.
     *
     * @throws UncheckedIOException if the files cannot be written.
     */
    public void save()
    {
        final StringBuilder text = new StringBuilder(HEADER);
        for (final UserAccount account : users.values())
        {
            final String body = body(account);
            text.append(body).append(':').append(mac(body)).append('\n');
        }
        try
        {
            final Path keyFile = keyFileOf(file);
            if (!Files.exists(keyFile))
            {
                writeAtomically(keyFile, Scram.base64(key) + "\n");
            }
            writeAtomically(file, text.toString());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write users file " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return a secret derived from the key, for values that must be stable but unguessable (the salts the broker
     *         shows for unknown users).
     */
    byte[] derivedSecret()
    {
        return Scram.hmac(key, "aeolus-unknown-user-salt".getBytes(StandardCharsets.US_ASCII));
    }

    private UserAccount parse(final String line)
    {
        final String[] fields = line.split(":", -1);
        if (fields.length != FIELDS)
        {
            throw new IllegalArgumentException("expected " + FIELDS + " fields separated by ':', found " +
                fields.length);
        }
        final String body = line.substring(0, line.lastIndexOf(':'));
        if (!Scram.constantTimeEquals(Scram.fromBase64(base64Field("mac", fields[7])),
            Scram.hmac(key, (MAC_DOMAIN + body).getBytes(StandardCharsets.UTF_8))))
        {
            throw new IllegalArgumentException("integrity check failed: the line was changed outside " +
                "'aeolus-broker user', or the key file " + keyFileOf(file) + " is not the one it was written with");
        }
        final String name = UserAccount.checkUserName(fields[0]);
        if (!Scram.MECHANISM.equals(fields[1]))
        {
            throw new IllegalArgumentException("unknown mechanism '" + fields[1] + "'");
        }
        final int iterations;
        try
        {
            iterations = Integer.parseInt(fields[2]);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("iteration count is not a number", ex);
        }
        final ScramCredential credential = new ScramCredential(Scram.fromBase64(base64Field("salt", fields[3])),
            iterations, Scram.fromBase64(base64Field("storedKey", fields[4])),
            Scram.fromBase64(base64Field("serverKey", fields[5])));
        return new UserAccount(name, credential, UserAccount.parseRoles(fields[6]));
    }

    private static String base64Field(final String name, final String value)
    {
        try
        {
            Scram.fromBase64(value);
            return value;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(name + " is not base64", ex);
        }
    }

    private static String body(final UserAccount account)
    {
        final ScramCredential credential = account.credential();
        return account.name() + ':' + Scram.MECHANISM + ':' + credential.iterations() + ':' +
            Scram.base64(credential.salt()) + ':' + Scram.base64(credential.storedKey()) + ':' +
            Scram.base64(credential.serverKey()) + ':' + String.join(",", account.roles());
    }

    private String mac(final String body)
    {
        return Scram.base64(Scram.hmac(key, (MAC_DOMAIN + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] readKey(final Path keyFile)
    {
        try
        {
            final byte[] key = Scram.fromBase64(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
            if (key.length != KEY_LENGTH)
            {
                throw new IllegalArgumentException("key file " + keyFile + " does not hold a " + KEY_LENGTH +
                    "-byte key");
            }
            return key;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the users file's key " + keyFile + " (without it the " +
                "users file cannot be checked): " + ex.getMessage(), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("key file " + keyFile + " is damaged: " + ex.getMessage(), ex);
        }
    }

    private static void writeAtomically(final Path target, final String text) throws IOException
    {
        final Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        final Path temp = directory.resolve(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        AuditLog.createOwnerOnly(temp);
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try
        {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
