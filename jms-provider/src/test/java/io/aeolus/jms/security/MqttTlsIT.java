package io.aeolus.jms.security;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MQTT gateway's TLS endpoint with Paho over {@code ssl://}, with key stores made by {@code keytool} in the test:
 * MQTT works over TLS; a password from another host is refused over plain TCP and taken over TLS; client
 * certificates, when required, are checked against the trust store.
 */
@Timeout(120)
class MqttTlsIT
{
    private static final String STORE_PASSWORD = "store-secret";
    private static final String PASSWORD = "alice-secret-1";

    @TempDir
    Path dir;

    @BeforeEach
    void makeKeyStores() throws Exception
    {
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
            "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore",
            dir.resolve("broker.p12").toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "broker", "-keystore", dir.resolve("broker.p12").toString(), "-storepass",
            STORE_PASSWORD, "-file", dir.resolve("broker.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", dir.resolve("broker.crt").toString(),
            "-keystore", dir.resolve("client-trust.p12").toString(), "-storetype", "PKCS12", "-storepass",
            STORE_PASSWORD);
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
            "CN=sensor-7", "-validity", "2", "-keystore", dir.resolve("client.p12").toString(), "-storetype",
            "PKCS12", "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "client", "-keystore", dir.resolve("client.p12").toString(), "-storepass",
            STORE_PASSWORD, "-file", dir.resolve("client.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", dir.resolve("client.crt").toString(),
            "-keystore", dir.resolve("broker-trust.p12").toString(), "-storetype", "PKCS12", "-storepass",
            STORE_PASSWORD);
    }

    @Test
    void shouldCarryMqttOverTlsAndTakePasswordsFromOtherHostsOnlyThere() throws Exception
    {
        final InetAddress address = nonLoopbackAddress();
        assumeTrue(null != address, "this host has no non-loopback IPv4 address to connect from");
        final Path data = dir.resolve("data");
        SecureBroker.addUser(data, "alice", PASSWORD, "app");
        try (EmbeddedBroker broker = EmbeddedBroker.start(SecureBroker.context(data)
            .securityRole("app", "all", "sensors.#")
            .set(BrokerConfiguration.MQTT_ENDPOINT, address.getHostAddress() + ":0")
            .set(BrokerConfiguration.MQTT_TLS_ENDPOINT, address.getHostAddress() + ":0")
            .set(BrokerConfiguration.MQTT_TLS_KEYSTORE, dir.resolve("broker.p12").toString())
            .set(BrokerConfiguration.MQTT_TLS_KEYSTORE_PASSWORD, STORE_PASSWORD)))
        {
            final String host = address.getHostAddress();
            final MqttException plain = assertThrows(MqttException.class, () -> connect("tcp://" + host + ":" +
                broker.broker().mqttAddress().getPort(), "plain", options(null, false)));
            assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, plain.getReasonCode(),
                "a password in clear from another host");

            final String tls = "ssl://" + host + ":" + broker.broker().mqttTlsAddress().getPort();
            final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
            final MqttClient subscriber = connect(tls, "tls-sub", options(null, true));
            subscriber.setCallback(callback(inbox));
            subscriber.subscribe("sensors/#", 1);
            final MqttClient publisher = connect(tls, "tls-pub", options(null, true));
            publisher.publish("sensors/kitchen/temp", "21.5".getBytes(StandardCharsets.UTF_8), 1, false);

            assertEquals("21.5", inbox.poll(10, TimeUnit.SECONDS));
            publisher.disconnect();
            subscriber.disconnect();
            publisher.close();
            subscriber.close();
        }
    }

    @Test
    void shouldCheckClientCertificatesWhenRequired() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dir.resolve("data"))
            .set(BrokerConfiguration.MQTT_TLS_ENDPOINT, "127.0.0.1:0")
            .set(BrokerConfiguration.MQTT_TLS_KEYSTORE, dir.resolve("broker.p12").toString())
            .set(BrokerConfiguration.MQTT_TLS_KEYSTORE_PASSWORD, STORE_PASSWORD)
            .set(BrokerConfiguration.MQTT_TLS_CLIENT_AUTH, "required")
            .set(BrokerConfiguration.MQTT_TLS_TRUSTSTORE, dir.resolve("broker-trust.p12").toString())
            .set(BrokerConfiguration.MQTT_TLS_TRUSTSTORE_PASSWORD, STORE_PASSWORD)))
        {
            assertEquals(null, broker.broker().mqttAddress(), "TLS only");
            final String uri = "ssl://127.0.0.1:" + broker.broker().mqttTlsAddress().getPort();

            assertThrows(MqttException.class, () -> connect(uri, "no-cert", anonymous(null)));
            final MqttClient withCertificate = connect(uri, "with-cert", anonymous(dir.resolve("client.p12")));

            assertTrue(withCertificate.isConnected());
            withCertificate.disconnect();
            withCertificate.close();
        }
    }

    private MqttConnectOptions options(final Path clientKeys, final boolean tls) throws Exception
    {
        final MqttConnectOptions options = anonymous(tls ? clientKeys : null);
        if (!tls)
        {
            options.setSocketFactory(null);
        }
        options.setUserName("alice");
        options.setPassword(PASSWORD.toCharArray());
        return options;
    }

    private MqttConnectOptions anonymous(final Path clientKeys) throws Exception
    {
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(sslContext(clientKeys).getSocketFactory());
        // The broker's certificate names 127.0.0.1 and localhost, not the other address one test connects to.
        options.setHttpsHostnameVerificationEnabled(false);
        options.setConnectionTimeout(10);
        return options;
    }

    private SSLContext sslContext(final Path clientKeys) throws Exception
    {
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(dir.resolve("client-trust.p12")));
        KeyManagerFactory keys = null;
        if (null != clientKeys)
        {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(clientKeys), STORE_PASSWORD.toCharArray());
        }
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null == keys ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(final Path file) throws Exception
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file))
        {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        return store;
    }

    private static MqttClient connect(final String uri, final String clientId, final MqttConnectOptions options)
        throws MqttException
    {
        final MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        try
        {
            client.connect(options);
        }
        catch (final MqttException ex)
        {
            client.close(true);
            throw ex;
        }
        return client;
    }

    private static MqttCallback callback(final BlockingQueue<String> inbox)
    {
        return new MqttCallback()
        {
            public void connectionLost(final Throwable cause)
            {
            }

            public void messageArrived(final String topic, final MqttMessage message)
            {
                inbox.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            public void deliveryComplete(final IMqttDeliveryToken token)
            {
            }
        };
    }

    private static InetAddress nonLoopbackAddress() throws Exception
    {
        for (final NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces()))
        {
            if (!network.isUp() || network.isLoopback())
            {
                continue;
            }
            for (final InetAddress address : Collections.list(network.getInetAddresses()))
            {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                {
                    return address;
                }
            }
        }
        return null;
    }

    /**
     * Runs the JDK's keytool.
     */
    static void keytool(final String... args) throws Exception
    {
        final String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool timed out");
        assertEquals(0, process.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
    }
}
