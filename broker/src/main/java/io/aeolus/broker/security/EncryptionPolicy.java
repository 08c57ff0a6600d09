package io.aeolus.broker.security;

import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.crypto.TransportEncryption;

import java.util.Locale;

/**
 * The broker's transport encryption option, {@value #OPTION}: {@code off}, {@code on} (encrypt the connections of
 * clients that ask, which clients do by default), {@code required} (refuse clients that do not encrypt), or
 * {@code auto} (the default): {@code required} for UDP clients from other hosts, {@code off} for IPC and loopback
 * clients, whose traffic never leaves the host.
 * <p>
 * The keys come from the SCRAM-SHA-256 exchange, so only SCRAM logins can encrypt: anonymous (development mode) and
 * PLAIN logins cannot, and are refused wherever encryption is required. Thread-safe: immutable.
 */
public final class EncryptionPolicy
{
    /** The option's name. */
    public static final String OPTION = "aeolus.broker.transport.encryption";

    /** The default: by the client's address. */
    public static final EncryptionPolicy AUTO = new EncryptionPolicy(null);

    private final TransportEncryption fixed;

    private EncryptionPolicy(final TransportEncryption fixed)
    {
        this.fixed = fixed;
    }

    /**
     * @param mode the mode for every client.
     * @return a policy applying it to every client.
     */
    public static EncryptionPolicy of(final TransportEncryption mode)
    {
        return new EncryptionPolicy(mode);
    }

    /**
     * @param text {@code auto}, {@code off}, {@code on} or {@code required}, in any case.
     * @return the policy.
     * @throws IllegalArgumentException naming the option if the text is none of them.
     */
    public static EncryptionPolicy parse(final String text)
    {
        if (null != text && "auto".equals(text.trim().toLowerCase(Locale.ROOT)))
        {
            return AUTO;
        }
        final TransportEncryption mode = null == text ? null :
            TransportEncryption.byText(text.trim().toLowerCase(Locale.ROOT));
        if (null == mode)
        {
            throw new IllegalArgumentException(OPTION + ": expected auto, off, on or required, got '" + text + "'");
        }
        return of(mode);
    }

    /**
     * Checks the policy against the security options at start.
     *
     * @param settings the security options.
     * @throws IllegalArgumentException naming the option when {@code on} or {@code required} cannot work: without
     *                                  SCRAM-SHA-256 there are no keys; {@code required} with development mode would
     *                                  refuse the anonymous clients that mode is for.
     */
    public void check(final SecuritySettings settings)
    {
        if (null == fixed || fixed == TransportEncryption.OFF)
        {
            return;
        }
        if (!settings.mechanisms().contains(AuthMechanism.SCRAM_SHA_256))
        {
            throw new IllegalArgumentException(OPTION + "=" + fixed.text() + " needs SCRAM-SHA-256 in " +
                "aeolus.broker.security.mechanisms: the keys are derived from the SCRAM exchange");
        }
        if (fixed == TransportEncryption.REQUIRED && settings.mode() == SecurityMode.DEV)
        {
            throw new IllegalArgumentException(OPTION + "=required cannot go with aeolus.broker.security=dev: " +
                "anonymous clients have no keys to encrypt with (use on, or security on with users)");
        }
    }

    /**
     * @param settings the security options.
     * @return a warning to log at start when the default will refuse clients the operator may expect (no SCRAM, so
     *         every client from another host is refused), else null.
     */
    public String warning(final SecuritySettings settings)
    {
        if (null == fixed && !settings.mechanisms().contains(AuthMechanism.SCRAM_SHA_256))
        {
            return OPTION + "=auto requires encryption from other hosts, which needs SCRAM-SHA-256: with mechanisms " +
                settings.mechanisms() + " every UDP client from another host will be refused; set " + OPTION +
                "=off to accept them (over a tunnel you trust)";
        }
        return null;
    }

    /**
     * @param sourceIdentity where the client connects from: {@code aeron:ipc} or its UDP address and port.
     * @return the mode for that client.
     */
    public TransportEncryption forSource(final String sourceIdentity)
    {
        if (null != fixed)
        {
            return fixed;
        }
        return SourceAddress.isLocal(sourceIdentity) ? TransportEncryption.OFF : TransportEncryption.REQUIRED;
    }

    /**
     * @return the option's value.
     */
    public String toString()
    {
        return null == fixed ? "auto" : fixed.text();
    }
}
