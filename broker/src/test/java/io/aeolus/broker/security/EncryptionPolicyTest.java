package io.aeolus.broker.security;

import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramClient;
import io.aeolus.transport.auth.ScramCredential;
import io.aeolus.transport.crypto.TransportEncryption;
import io.aeolus.transport.crypto.TransportKeys;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class EncryptionPolicyTest
{
    private static final ScramCredential PENCIL = ScramCredential.derive("pencil", 4096);

    @Test
    void shouldRequireEncryptionForOtherHostsAndNotForThisOneByDefault()
    {
        final EncryptionPolicy auto = EncryptionPolicy.parse("auto");
        assertEquals(TransportEncryption.OFF, auto.forSource("aeron:ipc"));
        assertEquals(TransportEncryption.OFF, auto.forSource("127.0.0.1:40123"));
        assertEquals(TransportEncryption.OFF, auto.forSource("[::1]:40123"));
        assertEquals(TransportEncryption.REQUIRED, auto.forSource("10.1.2.3:40123"));
        assertEquals(TransportEncryption.REQUIRED, auto.forSource("192.168.0.7:5151"));
        assertEquals(TransportEncryption.ON, EncryptionPolicy.parse("ON").forSource("aeron:ipc"));
        assertEquals(TransportEncryption.OFF, EncryptionPolicy.parse("off").forSource("10.1.2.3:1"));
    }

    @Test
    void shouldRefuseABadValueNamingTheOption()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> EncryptionPolicy.parse("always"));
        assertTrue(ex.getMessage().startsWith(EncryptionPolicy.OPTION + ": expected auto, off, on or required"),
            ex.getMessage());
        assertTrue(ex.getMessage().contains("'always'"), ex.getMessage());
    }

    @Test
    void shouldRefuseAtStartWhatCannotWork()
    {
        final IllegalArgumentException plainOnly = assertThrows(IllegalArgumentException.class,
            () -> EncryptionPolicy.parse("on").check(settings(SecurityMode.ON, AuthMechanism.PLAIN)));
        assertTrue(plainOnly.getMessage().contains(EncryptionPolicy.OPTION + "=on") &&
            plainOnly.getMessage().contains("SCRAM-SHA-256"), plainOnly.getMessage());

        final IllegalArgumentException dev = assertThrows(IllegalArgumentException.class,
            () -> EncryptionPolicy.parse("required").check(settings(SecurityMode.DEV, AuthMechanism.SCRAM_SHA_256)));
        assertTrue(dev.getMessage().contains(EncryptionPolicy.OPTION + "=required") &&
            dev.getMessage().contains("aeolus.broker.security=dev"), dev.getMessage());

        EncryptionPolicy.parse("on").check(settings(SecurityMode.DEV, AuthMechanism.SCRAM_SHA_256));
        EncryptionPolicy.parse("required").check(settings(SecurityMode.ON, AuthMechanism.SCRAM_SHA_256));
        EncryptionPolicy.AUTO.check(settings(SecurityMode.DEV, AuthMechanism.PLAIN));
        assertTrue(EncryptionPolicy.AUTO.warning(settings(SecurityMode.ON, AuthMechanism.PLAIN))
            .contains(EncryptionPolicy.OPTION + "=off"));
        assertNull(EncryptionPolicy.AUTO.warning(settings(SecurityMode.ON, AuthMechanism.SCRAM_SHA_256)));
        assertNull(EncryptionPolicy.parse("off").warning(settings(SecurityMode.ON, AuthMechanism.PLAIN)));
    }

    @Test
    void shouldAgreeOnKeysWithTheClientWhenBothEncrypt()
    {
        final ScramClient client = new ScramClient("user", "pencil", Scram.nonce(), TransportEncryption.ON);
        final ScramServerExchange exchange = new ScramServerExchange("user", PENCIL, true, Scram.nonce(),
            TransportEncryption.ON);

        final String serverFirst = exchange.onClientFirst(client.clientFirstMessage());
        assertTrue(serverFirst.endsWith(",t=AES-256-GCM"), serverFirst);
        final String serverFinal = exchange.onClientFinal(client.clientFinalMessage(serverFirst));
        assertTrue(client.isServerFinalValid(serverFinal));

        final TransportKeys brokerKeys = exchange.transportKeys();
        final TransportKeys clientKeys = client.transportKeys();
        assertNotNull(brokerKeys);
        final byte[] frame = "any frame at all, sealed by the client".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final var sealer = clientKeys.clientSealer(9);
        final int length = sealer.seal(new UnsafeBuffer(frame), 0, frame.length);
        assertEquals(frame.length, brokerKeys.brokerOpener(9).open(sealer.buffer(), 0, length));
    }

    @Test
    void shouldStayClearUnlessBothSidesEncrypt()
    {
        final ScramClient offClient = new ScramClient("user", "pencil", Scram.nonce(), TransportEncryption.OFF);
        final ScramServerExchange onBroker = new ScramServerExchange("user", PENCIL, true, Scram.nonce(),
            TransportEncryption.ON);
        final String serverFirst = onBroker.onClientFirst(offClient.clientFirstMessage());
        assertNull(Scram.attribute(serverFirst, 't'));
        assertNotNull(onBroker.onClientFinal(offClient.clientFinalMessage(serverFirst)));
        assertNull(onBroker.transportKeys());

        final ScramClient onClient = new ScramClient("user", "pencil", Scram.nonce(), TransportEncryption.ON);
        final ScramServerExchange offBroker = new ScramServerExchange("user", PENCIL, true, Scram.nonce(),
            TransportEncryption.OFF);
        assertNull(Scram.attribute(offBroker.onClientFirst(onClient.clientFirstMessage()), 't'));
    }

    @Test
    void shouldRefuseAClientThatDoesNotEncryptWhenRequiredSayingWhy()
    {
        final ScramClient offClient = new ScramClient("user", "pencil", Scram.nonce(), TransportEncryption.OFF);
        final ScramServerExchange exchange = new ScramServerExchange("user", PENCIL, true, Scram.nonce(),
            TransportEncryption.REQUIRED);

        assertNull(exchange.onClientFirst(offClient.clientFirstMessage()));
        assertTrue(exchange.clientMessage().contains(EncryptionPolicy.OPTION + "=required"),
            exchange.clientMessage());

        final ScramServerExchange bogus = new ScramServerExchange("user", PENCIL, true, Scram.nonce(),
            TransportEncryption.ON);
        assertNull(bogus.onClientFirst("n,,n=user,r=abcdef,t=sometimes"));
        assertTrue(bogus.failure().contains("transport encryption"), bogus.failure());
    }

    private static SecuritySettings settings(final SecurityMode mode, final AuthMechanism mechanism)
    {
        return new SecuritySettings(mode, Path.of("users"), Path.of("audit.log"), Set.of(mechanism), "file", "aeolus",
            4096, 0, 0, AccessPolicy.parse(java.util.Map.of()), new Limits(1, 1, 1, 1));
    }
}
