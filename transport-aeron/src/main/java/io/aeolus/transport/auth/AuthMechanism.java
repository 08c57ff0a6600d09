package io.aeolus.transport.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The authentication mechanisms of the Connect handshake, and the format of {@code Connect.credentials}: empty
 * (anonymous), or the mechanism's name, a zero byte and its initial response. Thread-safe: immutable.
 */
public enum AuthMechanism
{
    /** RFC 5802/7677 challenge-response: the password never crosses the network, both ends prove themselves. */
    SCRAM_SHA_256(Scram.MECHANISM),

    /** The password in clear, for credential sources that need it (JAAS); only where the broker enables it. */
    PLAIN("PLAIN");

    /** Longest mechanism name read before the zero byte. */
    public static final int MAX_NAME_LENGTH = 20;

    private final String mechanismName;

    AuthMechanism(final String mechanismName)
    {
        this.mechanismName = mechanismName;
    }

    /**
     * @return the SASL name, e.g. {@code SCRAM-SHA-256}.
     */
    public String mechanismName()
    {
        return mechanismName;
    }

    /**
     * @param name a SASL mechanism name, case-insensitive.
     * @return the mechanism, or null if unknown.
     */
    public static AuthMechanism byName(final String name)
    {
        for (final AuthMechanism mechanism : values())
        {
            if (mechanism.mechanismName.equalsIgnoreCase(name.trim()))
            {
                return mechanism;
            }
        }
        return null;
    }

    /**
     * @param initialResponse the mechanism's first message.
     * @return the bytes for {@code Connect.credentials}.
     */
    public byte[] encode(final byte[] initialResponse)
    {
        final byte[] name = mechanismName.getBytes(StandardCharsets.US_ASCII);
        final byte[] credentials = Arrays.copyOf(name, name.length + 1 + initialResponse.length);
        System.arraycopy(initialResponse, 0, credentials, name.length + 1, initialResponse.length);
        return credentials;
    }

    /**
     * @param credentials the bytes of {@code Connect.credentials}, not empty.
     * @return the mechanism they name, or null if none known (or no zero byte within {@link #MAX_NAME_LENGTH}).
     */
    public static AuthMechanism of(final byte[] credentials)
    {
        final int zero = nameEnd(credentials);
        return zero < 0 ? null : byName(new String(credentials, 0, zero, StandardCharsets.US_ASCII));
    }

    /**
     * @param credentials the bytes of {@code Connect.credentials}, naming a known mechanism.
     * @return the initial response after the zero byte.
     */
    public static byte[] initialResponse(final byte[] credentials)
    {
        final int zero = nameEnd(credentials);
        if (zero < 0)
        {
            throw new IllegalArgumentException("credentials do not name a mechanism");
        }
        return Arrays.copyOfRange(credentials, zero + 1, credentials.length);
    }

    private static int nameEnd(final byte[] credentials)
    {
        for (int i = 0, limit = Math.min(credentials.length, MAX_NAME_LENGTH + 1); i < limit; i++)
        {
            if (credentials[i] == 0)
            {
                return i;
            }
        }
        return -1;
    }
}
