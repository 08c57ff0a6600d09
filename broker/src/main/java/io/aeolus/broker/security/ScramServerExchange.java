package io.aeolus.broker.security;

import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramCredential;
import io.aeolus.transport.crypto.TransportEncryption;
import io.aeolus.transport.crypto.TransportKeys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The broker's side of one SCRAM-SHA-256 exchange (RFC 5802 section 3): checks the client-first-message, answers
 * with the server-first-message (the client's nonce extended by a fresh one of ours, the salt and iteration count),
 * then verifies the client's proof against StoredKey and signs with ServerKey. A replayed client-final-message
 * fails because our nonce differs in every exchange. For an unknown user it runs the same steps against a fake
 * credential, so neither the answers nor their timing say whether the user exists.
 * <p>
 * Transport encryption is negotiated here, inside the messages both proofs cover: the client's {@code t=} attribute
 * says what it asks for, and the server-first-message carries {@code t=AES-256-GCM} when the broker will encrypt.
 * After a successful proof, both ends derive the connection's keys ({@link #transportKeys()}). One per attempt;
 * conductor thread only.
 */
final class ScramServerExchange
{
    private static final int MAX_NONCE_LENGTH = 256;

    private final String user;
    private final ScramCredential credential;
    private final boolean known;
    private final String serverNonce;
    private final TransportEncryption brokerEncryption;
    private boolean encrypt;
    private TransportKeys transportKeys;
    private String clientMessage;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String failure;

    ScramServerExchange(final String user, final ScramCredential credential, final boolean known,
        final String serverNonce)
    {
        this(user, credential, known, serverNonce, TransportEncryption.OFF);
    }

    ScramServerExchange(final String user, final ScramCredential credential, final boolean known,
        final String serverNonce, final TransportEncryption brokerEncryption)
    {
        this.brokerEncryption = brokerEncryption;
        this.user = user;
        this.credential = credential;
        this.known = known;
        this.serverNonce = serverNonce;
    }

    /**
     * @param clientFirst e.g. {@code n,,n=alice,r=<nonce>}.
     * @return the server-first-message, or null if the message is malformed (see {@link #failure()}).
     */
    String onClientFirst(final String clientFirst)
    {
        if (!(clientFirst.startsWith("n,,") || clientFirst.startsWith("y,,")))
        {
            return fail("client-first-message: unsupported GS2 header (channel binding or authzid)");
        }
        gs2Header = clientFirst.substring(0, 3);
        clientFirstBare = clientFirst.substring(3);
        if (!clientFirstBare.startsWith("n="))
        {
            return fail("client-first-message: no user name first");
        }
        final String saslName = Scram.attribute(clientFirstBare, 'n');
        final String clientNonce = Scram.attribute(clientFirstBare, 'r');
        final String claimedUser;
        try
        {
            claimedUser = null == saslName ? null : Scram.unescapeUser(saslName);
        }
        catch (final IllegalArgumentException ex)
        {
            return fail("client-first-message: " + ex.getMessage());
        }
        if (!user.equals(claimedUser))
        {
            return fail("client-first-message names another user than Connect");
        }
        if (null == clientNonce || clientNonce.length() > MAX_NONCE_LENGTH || !Scram.isPrintable(clientNonce))
        {
            return fail("client-first-message: missing or invalid nonce");
        }
        final String asked = Scram.attribute(clientFirstBare, TransportEncryption.ATTRIBUTE);
        final TransportEncryption clientEncryption = null == asked ? TransportEncryption.OFF :
            TransportEncryption.byText(asked);
        if (null == clientEncryption || clientEncryption == TransportEncryption.OFF && null != asked)
        {
            return fail("client-first-message: invalid transport encryption '" + asked + "'");
        }
        if (brokerEncryption == TransportEncryption.REQUIRED && clientEncryption == TransportEncryption.OFF)
        {
            clientMessage = Authenticator.FAILED + ": this broker requires transport encryption (" +
                EncryptionPolicy.OPTION + "=required) and the client did not offer it (its URL option " +
                "encryption=off, or a client without encryption)";
            return fail("client does not encrypt; the broker requires it");
        }
        encrypt = brokerEncryption != TransportEncryption.OFF && clientEncryption != TransportEncryption.OFF;
        nonce = clientNonce + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + Scram.base64(credential.salt()) + ",i=" + credential.iterations() +
            (encrypt ? "," + TransportEncryption.ATTRIBUTE + "=" + TransportEncryption.CIPHER : "");
        return serverFirst;
    }

    /**
     * @param clientFinal e.g. {@code c=biws,r=<nonce>,p=<proof>}.
     * @return the server-final-message {@code v=<signature>} if the proof is right, else null (see
     *         {@link #failure()}).
     */
    String onClientFinal(final String clientFinal)
    {
        if (null == serverFirst)
        {
            return fail("client-final-message before the challenge");
        }
        final int proofStart = clientFinal.lastIndexOf(",p=");
        if (proofStart < 0)
        {
            return fail("client-final-message: no proof");
        }
        final String withoutProof = clientFinal.substring(0, proofStart);
        final String channelBinding = Scram.attribute(withoutProof, 'c');
        final String expectedBinding = Base64.getEncoder().encodeToString(
            gs2Header.getBytes(StandardCharsets.US_ASCII));
        if (!withoutProof.startsWith("c=") || !expectedBinding.equals(channelBinding))
        {
            return fail("client-final-message: channel binding does not match the GS2 header");
        }
        if (!nonce.equals(Scram.attribute(withoutProof, 'r')))
        {
            return fail("client-final-message: nonce does not match this exchange (replayed?)");
        }
        final byte[] proof;
        try
        {
            proof = Scram.fromBase64(clientFinal.substring(proofStart + 3));
        }
        catch (final IllegalArgumentException ex)
        {
            return fail("client-final-message: proof is not base64");
        }
        if (proof.length != Scram.KEY_LENGTH)
        {
            return fail("client-final-message: proof has the wrong length");
        }
        final byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
            .getBytes(StandardCharsets.UTF_8);
        final byte[] storedKey = credential.storedKey();
        final byte[] clientKey = Scram.xor(proof, Scram.hmac(storedKey, authMessage));
        final boolean proofMatches = Scram.constantTimeEquals(storedKey, Scram.sha256(clientKey));
        final String serverFinal = "v=" + Scram.base64(Scram.hmac(credential.serverKey(), authMessage));
        if (!known)
        {
            return fail("unknown user");
        }
        if (!proofMatches)
        {
            return fail("wrong password");
        }
        transportKeys = encrypt ? TransportKeys.derive(clientKey, authMessage) : null;
        return serverFinal;
    }

    /**
     * @return the connection's keys after a successful proof when it is to be encrypted, else null.
     */
    TransportKeys transportKeys()
    {
        return transportKeys;
    }

    /**
     * @return what to tell the client when the exchange failed for a reason it must know (encryption refused), or
     *         null for the usual "authentication failed".
     */
    String clientMessage()
    {
        return clientMessage;
    }

    /**
     * @return why the exchange failed, for the audit log (never for the client).
     */
    String failure()
    {
        return failure;
    }

    private String fail(final String reason)
    {
        failure = reason;
        return null;
    }
}
