package io.aeolus.transport.auth;

/**
 * What a broker stores for a SCRAM-SHA-256 user instead of the password (RFC 5802 section 5): the salt, the
 * iteration count, {@code StoredKey = H(ClientKey)} and {@code ServerKey}. Enough to verify a client's proof and to
 * prove the broker's own knowledge, not enough to log in as the user. Immutable; thread-safe.
 */
public final class ScramCredential
{
    private final byte[] salt;
    private final int iterations;
    private final byte[] storedKey;
    private final byte[] serverKey;

    /**
     * @param salt       the user's salt (at least 16 bytes when derived here).
     * @param iterations the iteration count of {@code Hi}.
     * @param storedKey  {@code H(ClientKey)}, 32 bytes.
     * @param serverKey  {@code HMAC(SaltedPassword, "Server Key")}, 32 bytes.
     */
    public ScramCredential(final byte[] salt, final int iterations, final byte[] storedKey, final byte[] serverKey)
    {
        if (iterations < Scram.MIN_ITERATIONS || iterations > Scram.MAX_ITERATIONS)
        {
            throw new IllegalArgumentException("iteration count " + iterations + " outside " + Scram.MIN_ITERATIONS +
                ".." + Scram.MAX_ITERATIONS);
        }
        if (salt.length == 0 || storedKey.length != Scram.KEY_LENGTH || serverKey.length != Scram.KEY_LENGTH)
        {
            throw new IllegalArgumentException("salt empty or keys not " + Scram.KEY_LENGTH + " bytes");
        }
        this.salt = salt.clone();
        this.iterations = iterations;
        this.storedKey = storedKey.clone();
        this.serverKey = serverKey.clone();
    }

    /**
     * Derives the stored credential from a password. Costs {@code iterations} HMACs (a fraction of a second at the
     * default); call it off any latency-sensitive thread.
     *
     * @param password   the password as typed; prepared with SASLprep for a stored string
     *                   ({@link SaslPrep#stored(String)}).
     * @param salt       a fresh random salt.
     * @param iterations the iteration count, at least {@link Scram#MIN_ITERATIONS}.
     * @return the credential.
     * @throws IllegalArgumentException if the iteration count is too low, or SASLprep refuses the password (the
     *                                  message names the code point, never the password).
     */
    public static ScramCredential derive(final String password, final byte[] salt, final int iterations)
    {
        if (iterations < Scram.MIN_ITERATIONS)
        {
            throw new IllegalArgumentException("iteration count must be at least " + Scram.MIN_ITERATIONS);
        }
        final String prepared;
        try
        {
            prepared = SaslPrep.stored(password);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("the password " + ex.getMessage(), ex);
        }
        final byte[] salted = Scram.hi(prepared.getBytes(java.nio.charset.StandardCharsets.UTF_8), salt, iterations);
        return new ScramCredential(salt, iterations, Scram.sha256(Scram.clientKey(salted)), Scram.serverKey(salted));
    }

    /**
     * @param password   the password as typed.
     * @param iterations the iteration count.
     * @return the credential with a fresh 16-byte random salt.
     */
    public static ScramCredential derive(final String password, final int iterations)
    {
        return derive(password, Scram.randomBytes(16), iterations);
    }

    /**
     * @return a copy of the salt.
     */
    public byte[] salt()
    {
        return salt.clone();
    }

    /**
     * @return the iteration count.
     */
    public int iterations()
    {
        return iterations;
    }

    /**
     * @return a copy of StoredKey.
     */
    public byte[] storedKey()
    {
        return storedKey.clone();
    }

    /**
     * @return a copy of ServerKey.
     */
    public byte[] serverKey()
    {
        return serverKey.clone();
    }

    /**
     * Checks a clear password against this credential (PLAIN over a users file). Costs a full {@code Hi}.
     *
     * @param password the password offered.
     * @return true if it derives the same StoredKey and ServerKey; false also if SASLprep refuses it.
     */
    public boolean matches(final String password)
    {
        final byte[] prepared;
        try
        {
            prepared = Scram.normalize(password);
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
        final byte[] salted = Scram.hi(prepared, salt, iterations);
        final boolean stored = Scram.constantTimeEquals(storedKey, Scram.sha256(Scram.clientKey(salted)));
        final boolean server = Scram.constantTimeEquals(serverKey, Scram.serverKey(salted));
        return stored & server;
    }

    /**
     * @return a description without any key material.
     */
    public String toString()
    {
        return "ScramCredential{iterations=" + iterations + "}";
    }
}
