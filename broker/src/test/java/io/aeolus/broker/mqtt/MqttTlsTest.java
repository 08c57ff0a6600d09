package io.aeolus.broker.mqtt;

import io.aeolus.broker.engine.TopicWildcards;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MQTT gateway's TLS options: a good key store makes an engine; a missing file, a wrong password, an unknown
 * client-auth value or client certificates without a trust store fail the start with the option named.
 */
@Timeout(60)
class MqttTlsTest
{
    private static final String PASSWORD = "store-secret";

    @TempDir
    Path dir;

    private final Map<String, String> options = new HashMap<>();

    @BeforeEach
    void makeKeyStore() throws Exception
    {
        final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
            .toString(), "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
            "CN=localhost", "-validity", "2", "-keystore", dir.resolve("broker.p12").toString(), "-storetype",
            "PKCS12", "-storepass", PASSWORD).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        options.put("aeolus.broker.mqtt.endpoint", "");
        options.put(MqttTls.ENDPOINT, "127.0.0.1:0");
        options.put("aeolus.broker.mqtt.remote.passwords", "false");
        options.put("aeolus.broker.mqtt.max.packet.size", "1m");
        options.put("aeolus.broker.mqtt.receive.maximum", "64");
        options.put(MqttTls.KEYSTORE, dir.resolve("broker.p12").toString());
        options.put(MqttTls.KEYSTORE_PASSWORD, PASSWORD);
        options.put(MqttTls.KEYSTORE_TYPE, "PKCS12");
        options.put(MqttTls.CLIENT_AUTH, "none");
        options.put(MqttTls.TRUSTSTORE, "");
        options.put(MqttTls.TRUSTSTORE_PASSWORD, "");
    }

    private MqttSettings resolve()
    {
        return MqttSettings.resolve(options::get, TopicWildcards.DEFAULT);
    }

    private String problem()
    {
        return assertThrows(IllegalArgumentException.class, this::resolve).getMessage();
    }

    @Test
    void shouldMakeServerEnginesFromAKeyStore()
    {
        final MqttSettings settings = resolve();

        assertNull(settings.endpoint(), "TLS only");
        final SSLEngine engine = settings.tls().newEngine();
        assertFalse(engine.getUseClientMode());
        assertFalse(engine.getNeedClientAuth());
    }

    @Test
    void shouldNameTheOptionOfAMissingKeyStore()
    {
        options.put(MqttTls.KEYSTORE, dir.resolve("missing.p12").toString());

        assertTrue(problem().startsWith(MqttTls.KEYSTORE + ": no such file"), problem());
    }

    @Test
    void shouldNameThePasswordOptionForAWrongPassword()
    {
        options.put(MqttTls.KEYSTORE_PASSWORD, "wrong");

        assertTrue(problem().startsWith(MqttTls.KEYSTORE_PASSWORD + ": wrong password"), problem());
    }

    @Test
    void shouldRefuseAnUnknownClientAuthAndClientCertificatesWithoutATrustStore()
    {
        options.put(MqttTls.CLIENT_AUTH, "sometimes");
        assertTrue(problem().startsWith(MqttTls.CLIENT_AUTH + ": expected none, optional or required"), problem());

        options.put(MqttTls.CLIENT_AUTH, "required");
        assertTrue(problem().startsWith(MqttTls.TRUSTSTORE + ": required"), problem());

        options.put(MqttTls.TRUSTSTORE, dir.resolve("broker.p12").toString());
        options.put(MqttTls.TRUSTSTORE_PASSWORD, PASSWORD);
        assertTrue(resolve().tls().newEngine().getNeedClientAuth());
    }

    @Test
    void shouldRequireAKeyStoreWithATlsEndpoint()
    {
        options.put(MqttTls.KEYSTORE, "");

        assertTrue(problem().startsWith(MqttTls.KEYSTORE + ": required with " + MqttTls.ENDPOINT), problem());
    }
}
