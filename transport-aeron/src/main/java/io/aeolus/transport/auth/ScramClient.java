package io.aeolus.transport.auth;

import io.aeolus.transport.crypto.TransportEncryption;
import io.aeolus.transport.crypto.TransportKeys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's side of one SCRAM-SHA-256 exchange (RFC 5802 section 3, RFC 7677): builds the client-first and
 * client-final messages, and verifies the server's signature, so a client never completes a login with a broker
 * that does not know the user's credentials. One instance per attempt, with a fresh nonce; not thread-safe.
 * <p>
 * {@code Hi} is the expensive step (by design). The salted password is cached per password, salt and iteration
 * count for the life of the process, as RFC 5802 allows, so reconnecting does not pay it again.
 */
public final class ScramClient
{
    private static final int CACHE_SIZE = 16;
    private static final Map<String, byte[]> SALTED_PASSWORDS = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true)
    {
        private static final long serialVersionUID = 1L;

        protected boolean removeEldestEntry(final Map.Entry<String, byte[]> eldest)
        {
            return size() > CACHE_SIZE;
        }
    };

    private final String user;
    private final byte[] password;
    private final String clientNonce;
    private final String clientFirstBare;
    private final TransportEncryption encryption;
    private byte[] expectedServerSignature;
    private TransportKeys transportKeys;

    /**
     * @param user     the user name.
     * @param password the password as typed.
     */
    public ScramClient(final String user, final String password)
    {
        this(user, password, Scram.nonce());
    }

    /**
     * @param user        the user name.
     * @param password    the password as typed.
     * @param clientNonce the nonce to send; tests pass a fixed one, everything else uses a fresh random one.
     */
    public ScramClient(final String user, final String password, final String clientNonce)
    {
        this(user, password, clientNonce, TransportEncryption.OFF);
    }

    /**
     * @param user        the user name.
     * @param password    the password as typed.
     * @param clientNonce the nonce to send; tests pass a fixed one, everything else uses {@link Scram#nonce()}.
     * @param encryption  what to ask the broker for: {@code ON} and {@code REQUIRED} add {@code t=on} or
     *                    {@code t=required} to the client-first-message; {@code REQUIRED} refuses a broker that does
     *                    not answer with {@code t=AES-256-GCM}.
     */
    public ScramClient(final String user, final String password, final String clientNonce,
        final TransportEncryption encryption)
    {
        if (!Scram.isPrintable(clientNonce))
        {
            throw new IllegalArgumentException("nonce must be printable ASCII without ','");
        }
        this.user = user;
        this.password = Scram.normalize(password);
        this.clientNonce = clientNonce;
        this.encryption = encryption;
        this.clientFirstBare = "n=" + Scram.escapeUser(user) + ",r=" + clientNonce +
            (encryption == TransportEncryption.OFF ? "" :
            "," + TransportEncryption.ATTRIBUTE + "=" + encryption.text());
    }

    /**
     * @return the client-first-message, e.g. {@code n,,n=user,r=<nonce>}.
     */
    public String clientFirstMessage()
    {
        return Scram.GS2_HEADER + clientFirstBare;
    }

    /**
     * Answers the server-first-message.
     *
     * @param serverFirst the server-first-message, e.g. {@code r=<nonces>,s=<salt>,i=4096}.
     * @return the client-final-message with the proof.
     * @throws IllegalArgumentException if the server's message is malformed, its nonce does not extend ours, or its
     *                                  iteration count is outside {@link Scram#MIN_ITERATIONS} and
     *                                  {@link Scram#MAX_ITERATIONS}, or the broker's encryption answer does not
     *                                  fit what this client asked for.
     */
    public String clientFinalMessage(final String serverFirst)
    {
        if (serverFirst.startsWith("m="))
        {
            throw new IllegalArgumentException("server-first-message has a mandatory extension");
        }
        final String nonce = Scram.attribute(serverFirst, 'r');
        final String saltText = Scram.attribute(serverFirst, 's');
        final String iterationText = Scram.attribute(serverFirst, 'i');
        if (null == nonce || null == saltText || null == iterationText)
        {
            throw new IllegalArgumentException("server-first-message lacks r, s or i");
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length() || !Scram.isPrintable(nonce))
        {
            throw new IllegalArgumentException("server nonce does not extend the client's");
        }
        final boolean encrypt = brokerEncrypts(Scram.attribute(serverFirst, TransportEncryption.ATTRIBUTE));
        final int iterations = parseIterations(iterationText);
        final byte[] salt = Scram.fromBase64(saltText);
        if (salt.length == 0)
        {
            throw new IllegalArgumentException("empty salt");
        }
        final byte[] salted = saltedPassword(salt, iterations);
        final byte[] clientKey = Scram.clientKey(salted);
        final byte[] storedKey = Scram.sha256(clientKey);
        final String withoutProof = Scram.CHANNEL_BINDING + ",r=" + nonce;
        final byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
            .getBytes(StandardCharsets.UTF_8);
        final byte[] proof = Scram.xor(clientKey, Scram.hmac(storedKey, authMessage));
        expectedServerSignature = Scram.hmac(Scram.serverKey(salted), authMessage);
        transportKeys = encrypt ? TransportKeys.derive(clientKey, authMessage) : null;
        return withoutProof + ",p=" + Scram.base64(proof);
    }

    /**
     * @param serverFinal the server-final-message, {@code v=<signature>}.
     * @return true if the server proved it holds the user's ServerKey.
     */
    public boolean isServerFinalValid(final String serverFinal)
    {
        if (null == expectedServerSignature || !serverFinal.startsWith("v="))
        {
            return false;
        }
        try
        {
            return Scram.constantTimeEquals(expectedServerSignature, Scram.fromBase64(serverFinal.substring(2)));
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    /**
     * @return the keys of the connection if the broker agreed to encrypt it, once
     *         {@link #clientFinalMessage(String)} has run; else null.
     */
    public TransportKeys transportKeys()
    {
        return transportKeys;
    }

    /**
     * @return the user name this exchange authenticates.
     */
    public String user()
    {
        return user;
    }

    private boolean brokerEncrypts(final String answer)
    {
        if (null == answer)
        {
            if (encryption == TransportEncryption.REQUIRED)
            {
                throw new IllegalArgumentException("the broker does not encrypt the transport, which this client " +
                    "requires (encryption=required)");
            }
            return false;
        }
        if (encryption == TransportEncryption.OFF)
        {
            throw new IllegalArgumentException("the broker answers with transport encryption this client did not " +
                "ask for");
        }
        if (!TransportEncryption.CIPHER.equals(answer))
        {
            throw new IllegalArgumentException("the broker offers transport cipher '" + answer + "'; this client " +
                "knows only " + TransportEncryption.CIPHER);
        }
        return true;
    }

    private static int parseIterations(final String text)
    {
        final int iterations;
        try
        {
            iterations = Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("iteration count is not a number", ex);
        }
        if (iterations < Scram.MIN_ITERATIONS || iterations > Scram.MAX_ITERATIONS)
        {
            throw new IllegalArgumentException("iteration count " + iterations + " outside " + Scram.MIN_ITERATIONS +
                ".." + Scram.MAX_ITERATIONS);
        }
        return iterations;
    }

    private byte[] saltedPassword(final byte[] salt, final int iterations)
    {
        final ByteBuffer key = ByteBuffer.allocate(password.length + salt.length + 8);
        key.put(password).put(salt).putInt(password.length).putInt(iterations);
        final String cacheKey = Scram.base64(Scram.sha256(key.array()));
        synchronized (SALTED_PASSWORDS)
        {
            final byte[] cached = SALTED_PASSWORDS.get(cacheKey);
            if (null != cached)
            {
                return cached.clone();
            }
        }
        final byte[] salted = Scram.hi(password, salt, iterations);
        synchronized (SALTED_PASSWORDS)
        {
            SALTED_PASSWORDS.put(cacheKey, salted.clone());
        }
        return salted;
    }
}
