package io.aeolus.broker.mqtt;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * TLS for the MQTT gateway with the JDK's {@link SSLEngine}: the broker's key and certificate from a key store
 * ({@code aeolus.broker.mqtt.tls.keystore}), optionally client certificates checked against a trust store
 * ({@code aeolus.broker.mqtt.tls.client.auth}, {@code aeolus.broker.mqtt.tls.truststore}). The stores are read once,
 * when the broker starts; a missing file, a wrong password or a store without a key is an error naming the option.
 * Thread-safe: the context is immutable once made; {@link #newEngine()} from any thread.
 *
 * @param context    the SSL context.
 * @param clientAuth whether clients must, may or need not present a certificate.
 */
public record MqttTls(SSLContext context, ClientAuth clientAuth)
{
    /** Option: the TLS endpoint. */
    public static final String ENDPOINT = "aeolus.broker.mqtt.tls.endpoint";
    /** Option: the key store path. */
    public static final String KEYSTORE = "aeolus.broker.mqtt.tls.keystore";
    /** Option: the key store password. */
    public static final String KEYSTORE_PASSWORD = "aeolus.broker.mqtt.tls.keystore.password";
    /** Option: the key store type. */
    public static final String KEYSTORE_TYPE = "aeolus.broker.mqtt.tls.keystore.type";
    /** Option: client certificates. */
    public static final String CLIENT_AUTH = "aeolus.broker.mqtt.tls.client.auth";
    /** Option: the trust store path. */
    public static final String TRUSTSTORE = "aeolus.broker.mqtt.tls.truststore";
    /** Option: the trust store password. */
    public static final String TRUSTSTORE_PASSWORD = "aeolus.broker.mqtt.tls.truststore.password";

    /** Whether clients present a certificate. */
    public enum ClientAuth
    {
        /** Not asked for. */
        NONE,
        /** Asked for; a client without one is let in, one with an untrusted one is not. */
        OPTIONAL,
        /** Required and checked against the trust store. */
        REQUIRED
    }

    /**
     * Reads the TLS options.
     *
     * @param option the value of an option by its property name (default applied).
     * @return the TLS settings.
     * @throws IllegalArgumentException naming the option that is missing or wrong.
     */
    public static MqttTls resolve(final UnaryOperator<String> option)
    {
        final String clientAuthText = option.apply(CLIENT_AUTH).trim().toUpperCase(Locale.ROOT);
        final ClientAuth clientAuth;
        try
        {
            clientAuth = ClientAuth.valueOf(clientAuthText);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(CLIENT_AUTH + ": expected none, optional or required, got '" +
                option.apply(CLIENT_AUTH).trim() + "'", ex);
        }
        final String type = option.apply(KEYSTORE_TYPE).trim();
        final KeyStore keys = load(option.apply(KEYSTORE).trim(), KEYSTORE, option.apply(KEYSTORE_PASSWORD),
            KEYSTORE_PASSWORD, type);
        try
        {
            final KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(
                KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, option.apply(KEYSTORE_PASSWORD).toCharArray());
            if (!hasKey(keys))
            {
                throw new IllegalArgumentException(KEYSTORE + ": '" + option.apply(KEYSTORE).trim() +
                    "' holds no private key with its certificate");
            }
            final String trustPath = option.apply(TRUSTSTORE).trim();
            TrustManagerFactory trustManagers = null;
            if (!trustPath.isEmpty())
            {
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(load(trustPath, TRUSTSTORE, option.apply(TRUSTSTORE_PASSWORD),
                    TRUSTSTORE_PASSWORD, type));
            }
            else if (clientAuth != ClientAuth.NONE)
            {
                throw new IllegalArgumentException(TRUSTSTORE + ": required with " + CLIENT_AUTH + "=" +
                    clientAuthText.toLowerCase(Locale.ROOT) + " (the certificates clients are checked against)");
            }
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null == trustManagers ? null :
                trustManagers.getTrustManagers(), null);
            return new MqttTls(context, clientAuth);
        }
        catch (final UnrecoverableKeyException ex)
        {
            throw new IllegalArgumentException(KEYSTORE_PASSWORD + ": the key in '" + option.apply(KEYSTORE).trim() +
                "' cannot be read with this password (" + ex.getMessage() + ")", ex);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException(KEYSTORE + ": cannot set up TLS from '" +
                option.apply(KEYSTORE).trim() + "': " + ex.getMessage(), ex);
        }
    }

    private static boolean hasKey(final KeyStore keys) throws GeneralSecurityException
    {
        for (final String alias : java.util.Collections.list(keys.aliases()))
        {
            if (keys.isKeyEntry(alias))
            {
                return true;
            }
        }
        return false;
    }

    private static KeyStore load(final String path, final String pathOption, final String password,
        final String passwordOption, final String type)
    {
        if (path.isEmpty())
        {
            throw new IllegalArgumentException(pathOption + ": required with " + ENDPOINT);
        }
        final Path file;
        try
        {
            file = Path.of(path);
        }
        catch (final InvalidPathException ex)
        {
            throw new IllegalArgumentException(pathOption + ": not a path: '" + path + "'", ex);
        }
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException(pathOption + ": no such file '" + path + "'");
        }
        final KeyStore store;
        try
        {
            store = KeyStore.getInstance(type);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException(KEYSTORE_TYPE + ": unknown key store type '" + type + "'", ex);
        }
        try (InputStream in = Files.newInputStream(file))
        {
            store.load(in, password.toCharArray());
            return store;
        }
        catch (final IOException ex)
        {
            // KeyStore.load reports a wrong password as an IOException caused by UnrecoverableKeyException.
            final boolean wrongPassword = ex.getCause() instanceof UnrecoverableKeyException ||
                String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT).contains("password");
            throw new IllegalArgumentException(wrongPassword ? passwordOption + ": wrong password for '" + path + "'" :
                pathOption + ": cannot read '" + path + "' as a " + type + " key store: " + ex.getMessage(), ex);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException(pathOption + ": cannot read '" + path + "': " + ex.getMessage(), ex);
        }
    }

    /**
     * @return a server-side engine for one connection, asking for client certificates as configured.
     */
    public SSLEngine newEngine()
    {
        final SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        if (clientAuth == ClientAuth.REQUIRED)
        {
            engine.setNeedClientAuth(true);
        }
        else if (clientAuth == ClientAuth.OPTIONAL)
        {
            engine.setWantClientAuth(true);
        }
        return engine;
    }
}
