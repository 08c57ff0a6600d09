package io.aeolus.transport;

import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.codecs.ConnectEncoder;
import io.aeolus.transport.crypto.TransportEncryption;
import io.aeron.security.CredentialsSupplier;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Settings of one client endpoint. Not thread-safe; not to be shared between endpoints.
 */
public final class ClientEndpointContext
{
    final EndpointUri uri;
    String aeronDirectoryName;
    int termLength = TransportConfiguration.termLength();
    int replyStreamId;
    int protocolVersion = ConnectEncoder.SCHEMA_VERSION;
    long heartbeatIntervalNs = TransportConfiguration.heartbeatIntervalNs();
    long livenessTimeoutNs = TransportConfiguration.livenessTimeoutNs();
    long connectTimeoutNs = TimeUnit.SECONDS.toNanos(10);
    long requestTimeoutNs = TimeUnit.SECONDS.toNanos(30);
    long sendTimeoutNs = TimeUnit.SECONDS.toNanos(30);
    long closeTimeoutNs = TimeUnit.SECONDS.toNanos(5);
    int maxFrameLength = TransportConfiguration.maxFrameLength();
    String clientId = "";
    String user = "";
    byte[] credentials = new byte[0];
    AuthMechanism mechanism = defaultMechanism();
    TransportEncryption encryption = TransportEncryption.ON;
    String clientVersion = "aeolus";
    String idleStrategy;
    String driverIdleStrategy;
    ClientEndpoint.Listener listener;
    CredentialsSupplier clusterCredentials;

    /**
     * Takes the transport options from the URL: {@code aeronDir}, {@code termLength}, {@code heartbeatInterval},
     * {@code livenessTimeout}, {@code connectTimeout}, {@code requestTimeout}, {@code sendTimeout},
     * {@code closeTimeout},
     * {@code idleStrategy} (the receive thread's) and {@code driverIdleStrategy} (the embedded driver's, UDP only).
     *
     * @param uri the broker's URL.
     */
    public ClientEndpointContext(final EndpointUri uri)
    {
        this.uri = uri;
        final String dir = uri.option("aeronDir", null);
        aeronDirectoryName = null != dir ? dir :
            uri.isIpc() ? TransportConfiguration.aeronDirectoryName() : SharedAeronClient.EMBEDDED;
        termLength = (int)TransportConfiguration.parseSize(
            "termLength", uri.option("termLength", null), termLength);
        heartbeatIntervalNs = TransportConfiguration.parseDurationNs(
            "heartbeatInterval", uri.option("heartbeatInterval", null), heartbeatIntervalNs);
        livenessTimeoutNs = TransportConfiguration.parseDurationNs(
            "livenessTimeout", uri.option("livenessTimeout", null), livenessTimeoutNs);
        connectTimeoutNs = TransportConfiguration.parseDurationNs(
            "connectTimeout", uri.option("connectTimeout", null), connectTimeoutNs);
        requestTimeoutNs = TransportConfiguration.parseDurationNs(
            "requestTimeout", uri.option("requestTimeout", null), requestTimeoutNs);
        sendTimeoutNs = TransportConfiguration.parseDurationNs(
            "sendTimeout", uri.option("sendTimeout", null), sendTimeoutNs);
        closeTimeoutNs = TransportConfiguration.parseDurationNs(
            "closeTimeout", uri.option("closeTimeout", null), closeTimeoutNs);
        idleStrategy = TransportConfiguration.clientIdleStrategyName(uri.option("idleStrategy", null));
        driverIdleStrategy = TransportConfiguration.clientDriverIdleStrategyName(
            uri.option("driverIdleStrategy", null), idleStrategy);
        final String encryptionText = uri.option("encryption", System.getProperty("aeolus.client.encryption"));
        if (null != encryptionText)
        {
            encryption = TransportEncryption.parse("encryption", encryptionText);
        }
        replyStreamId = uri.isIpc() ? ThreadLocalRandom.current().nextInt(1 << 20, Integer.MAX_VALUE) :
            TransportConfiguration.UDP_REPLY_STREAM_ID;
        validate();
    }

    private void validate()
    {
        if (Integer.bitCount(termLength) != 1 || termLength < 64 * 1024 || termLength > 1024 * 1024 * 1024)
        {
            throw new IllegalArgumentException(
                "termLength must be a power of two between 64k and 1g, got " + termLength);
        }
        if (heartbeatIntervalNs <= 0 || livenessTimeoutNs <= heartbeatIntervalNs)
        {
            throw new IllegalArgumentException("livenessTimeout (" + livenessTimeoutNs +
                " ns) must be longer than heartbeatInterval (" + heartbeatIntervalNs + " ns), both positive");
        }
    }

    /**
     * @param clientId the JMS client id to register at connect, or empty.
     * @return this.
     */
    public ClientEndpointContext clientId(final String clientId)
    {
        this.clientId = null == clientId ? "" : clientId;
        return this;
    }

    /**
     * The user to log in as. With a user, the handshake authenticates with {@link #authMechanism(AuthMechanism)}
     * (SCRAM-SHA-256 unless set otherwise: the password never crosses the network); without one, the connection
     * is anonymous, which only a broker in development mode accepts, and only from its own host.
     *
     * @param user        the user name, or empty for none.
     * @param credentials the password as UTF-8 bytes; copied.
     * @return this.
     */
    public ClientEndpointContext credentials(final String user, final byte[] credentials)
    {
        this.user = null == user ? "" : user;
        this.credentials = null == credentials ? new byte[0] : credentials.clone();
        return this;
    }

    /**
     * @param mechanism how to authenticate when a user is given: {@link AuthMechanism#SCRAM_SHA_256} (the
     *                  default; system property {@code aeolus.client.authMechanism}) or
     *                  {@link AuthMechanism#PLAIN}, which sends the password in clear and which a broker accepts
     *                  only where it enables it.
     * @return this.
     */
    public ClientEndpointContext authMechanism(final AuthMechanism mechanism)
    {
        this.mechanism = null == mechanism ? AuthMechanism.SCRAM_SHA_256 : mechanism;
        return this;
    }

    private static AuthMechanism defaultMechanism()
    {
        final String name = System.getProperty("aeolus.client.authMechanism");
        if (null == name)
        {
            return AuthMechanism.SCRAM_SHA_256;
        }
        final AuthMechanism mechanism = AuthMechanism.byName(name);
        if (null == mechanism)
        {
            throw new IllegalArgumentException(
                "aeolus.client.authMechanism: expected SCRAM-SHA-256 or PLAIN, got '" + name + "'");
        }
        return mechanism;
    }

    /**
     * @param clientVersion sent to the broker for its logs.
     * @return this.
     */
    public ClientEndpointContext clientVersion(final String clientVersion)
    {
        this.clientVersion = clientVersion;
        return this;
    }

    /**
     * @param protocolVersion the protocol version to announce (tests use a wrong one on purpose).
     * @return this.
     */
    public ClientEndpointContext protocolVersion(final int protocolVersion)
    {
        this.protocolVersion = protocolVersion;
        return this;
    }

    /**
     * @param listener receives unsolicited frames and the failure of the connection.
     * @return this.
     */
    public ClientEndpointContext listener(final ClientEndpoint.Listener listener)
    {
        this.listener = listener;
        return this;
    }

    /**
     * A login of its own for a broker group ({@code aeolus:cluster://}), in place of the user and password: a group
     * member's management session proves it is a member this way. Ignored for a single broker.
     *
     * @param credentials answers Aeron Cluster's connect and challenges; null for the user and password.
     * @return this.
     */
    public ClientEndpointContext clusterCredentials(final CredentialsSupplier credentials)
    {
        this.clusterCredentials = credentials;
        return this;
    }

    /**
     * @return the broker's URL.
     */
    public EndpointUri uri()
    {
        return uri;
    }

    /**
     * @return the liveness timeout in nanoseconds.
     */
    public long livenessTimeoutNs()
    {
        return livenessTimeoutNs;
    }

    /**
     * @return the request timeout in nanoseconds.
     */
    public long requestTimeoutNs()
    {
        return requestTimeoutNs;
    }
}
