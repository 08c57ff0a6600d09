package io.aeolus.transport.crypto;

import java.util.Locale;

/**
 * Whether an end encrypts the frames of a connection after the handshake. Negotiated inside SCRAM-SHA-256: the client
 * says what it wants in its client-first-message ({@code t=on} or {@code t=required}, nothing for {@link #OFF}), the
 * broker says in its server-first-message whether it will ({@code t=AES-256-GCM}). Both proofs of the exchange cover
 * these messages, so a man in the middle cannot strip them without the login failing. Thread-safe: immutable.
 */
public enum TransportEncryption
{
    /** Never encrypt; a peer that requires it refuses the connection. */
    OFF("off"),

    /** Encrypt when the peer is willing; clear otherwise. */
    ON("on"),

    /** Encrypt or refuse the connection. */
    REQUIRED("required");

    /** The SCRAM attribute that carries the negotiation, in both first messages. */
    public static final char ATTRIBUTE = 't';

    /** The only cipher offered, as the broker names it in its server-first-message. */
    public static final String CIPHER = "AES-256-GCM";

    private final String text;

    TransportEncryption(final String text)
    {
        this.text = text;
    }

    /**
     * @return the value as written in options and in the client-first-message.
     */
    public String text()
    {
        return text;
    }

    /**
     * @param option the option's name, for the error message.
     * @param text   {@code off}, {@code on} or {@code required}, in any case.
     * @return the mode.
     * @throws IllegalArgumentException naming the option and the value if it is none of them.
     */
    public static TransportEncryption parse(final String option, final String text)
    {
        final TransportEncryption mode = null == text ? null : byText(text.trim().toLowerCase(Locale.ROOT));
        if (null == mode)
        {
            throw new IllegalArgumentException(option + ": expected off, on or required, got '" + text + "'");
        }
        return mode;
    }

    /**
     * @param text a value exactly as written, e.g. in a client-first-message.
     * @return the mode, or null if the text names none.
     */
    public static TransportEncryption byText(final String text)
    {
        for (final TransportEncryption mode : values())
        {
            if (mode.text.equals(text))
            {
                return mode;
            }
        }
        return null;
    }
}
