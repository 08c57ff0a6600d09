package io.aeolus.jms;

import io.aeolus.jms.message.DeserializationPolicy;
import io.aeolus.transport.EndpointUri;
import io.aeolus.transport.TransportConfiguration;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The client's options, resolved once per connection. Each comes, highest first, from the connection URL's query
 * parameter, the connection factory's setter, the system property {@code aeolus.client.<name>}, then the default.
 * Immutable; thread-safe.
 *
 * @param uri                 the parsed URL.
 * @param user                user name, or null.
 * @param password            password, or null.
 * @param clientId            client id given at connect, or null.
 * @param prefetch            messages a consumer may hold beyond what the application took; 0 means pull.
 * @param deserialization     which classes an ObjectMessage may deserialize.
 * @param receiveSpinNs       how long a receiving thread spins (yielding) for a delivery before it parks; 0: parks
 *                            at once.
 * @param autoAckBatch        most messages an AUTO_ACKNOWLEDGE consumer's {@code receive} consumes before it sends
 *                            their acknowledgement (sent earlier whenever the consumer would wait); 1: one each.
 */
record ClientOptions(
    EndpointUri uri,
    String user,
    String password,
    String clientId,
    int prefetch,
    DeserializationPolicy deserialization,
    long receiveSpinNs,
    int autoAckBatch)
{
    /** The longest receive spin allowed. */
    static final long MAX_RECEIVE_SPIN_NS = 10_000_000;

    /** Default of {@code autoAckBatch}. */
    static final int AUTO_ACK_BATCH_DEFAULT = 1;

    /** The largest {@code autoAckBatch}. */
    static final int MAX_AUTO_ACK_BATCH = 65_536;

    /** Default prefetch per consumer. */
    static final int PREFETCH_DEFAULT = 1000;

    /** URL options the transport reads. */
    static final Set<String> TRANSPORT_OPTIONS = Set.of("aeronDir", "termLength", "heartbeatInterval",
        "livenessTimeout", "connectTimeout", "requestTimeout", "sendTimeout", "closeTimeout", "encryption",
        "idleStrategy", "driverIdleStrategy");

    /** URL options the client reads. */
    static final Set<String> CLIENT_OPTIONS = Set.of("prefetch", "clientId", "user", "password", "passwordFile",
        "deserializationAllowList", "deserializationDenyList", "receiveSpin", "autoAckBatch");

    static ClientOptions resolve(final String url, final Map<String, String> setters)
    {
        return resolve(url, setters, System::getenv);
    }

    static ClientOptions resolve(final String url, final Map<String, String> setters,
        final UnaryOperator<String> environment)
    {
        final EndpointUri uri = EndpointUri.parse(url);
        for (final String name : uri.options().keySet())
        {
            if (!TRANSPORT_OPTIONS.contains(name) && !CLIENT_OPTIONS.contains(name))
            {
                throw new IllegalArgumentException("unknown option '" + name + "' in connection URL " + url +
                    " (known: " + CLIENT_OPTIONS + " and " + TRANSPORT_OPTIONS + ")");
            }
        }
        final String prefetchText = option(uri, setters, "prefetch", Integer.toString(PREFETCH_DEFAULT));
        final int prefetch;
        try
        {
            prefetch = Integer.parseInt(prefetchText.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("prefetch: not a number: '" + prefetchText + "'", ex);
        }
        if (prefetch < 0)
        {
            throw new IllegalArgumentException("prefetch: must be 0 (pull) or more, got " + prefetch);
        }
        final DeserializationPolicy policy = DeserializationPolicy.parse(
            option(uri, setters, "deserializationAllowList", null),
            option(uri, setters, "deserializationDenyList", null));
        final long receiveSpinNs = TransportConfiguration.parseDurationNs(
            "receiveSpin", option(uri, setters, "receiveSpin", null), 0);
        if (receiveSpinNs > MAX_RECEIVE_SPIN_NS)
        {
            throw new IllegalArgumentException("receiveSpin: at most 10ms, got " + option(uri, setters,
                "receiveSpin", null));
        }
        return new ClientOptions(uri, DefaultCredentials.user(option(uri, setters, "user", null), environment),
            DefaultCredentials.password(option(uri, setters, "password", null),
            option(uri, setters, "passwordFile", null), environment),
            option(uri, setters, "clientId", null), prefetch, policy, receiveSpinNs,
            autoAckBatch(option(uri, setters, "autoAckBatch", Integer.toString(AUTO_ACK_BATCH_DEFAULT))));
    }

    private static int autoAckBatch(final String text)
    {
        final int batch;
        try
        {
            batch = Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("autoAckBatch: not a number: '" + text + "'", ex);
        }
        if (batch < 1 || batch > MAX_AUTO_ACK_BATCH)
        {
            throw new IllegalArgumentException("autoAckBatch: must be 1 (one acknowledgement per message) to " +
                MAX_AUTO_ACK_BATCH + ", got " + batch);
        }
        return batch;
    }

    private static String option(
        final EndpointUri uri, final Map<String, String> setters, final String name, final String orElse)
    {
        final String fromUrl = uri.options().get(name);
        if (null != fromUrl)
        {
            return fromUrl;
        }
        final String fromSetter = setters.get(name);
        if (null != fromSetter)
        {
            return fromSetter;
        }
        return System.getProperty("aeolus.client." + name, orElse);
    }
}
