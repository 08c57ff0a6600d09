package io.aeolus.cluster;

import io.aeolus.broker.security.SecuritySettings;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.transport.auth.Scram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keys a group's members derive from the key of their shared users file ({@code users.key}), one per purpose: an
 * HMAC-SHA-256 of the purpose's label keyed by the users file's key, so the operator manages no other secret and one
 * purpose's key says nothing of another's. Stateless.
 */
final class UsersFileKey
{
    private UsersFileKey()
    {
    }

    /**
     * Derives a key.
     *
     * @param security the member's security settings.
     * @param label    the purpose's label.
     * @return the key, or null when the member has no users file key (another login module, or no users file).
     * @throws UncheckedIOException if the key file exists but cannot be read.
     */
    static byte[] derive(final SecuritySettings security, final byte[] label)
    {
        if (!SecuritySettings.FILE_LOGIN_MODULE.equals(security.loginModule().trim()))
        {
            return null;
        }
        final Path keyFile = UsersFile.keyFileOf(security.usersFile());
        if (!Files.isRegularFile(keyFile))
        {
            return null;
        }
        try
        {
            final byte[] usersKey = Scram.fromBase64(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
            return Scram.hmac(usersKey, label);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the users file's key " + keyFile + ": " + ex.getMessage(),
                ex);
        }
    }
}
