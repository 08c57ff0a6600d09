package io.aeolus.transport;

import io.aeolus.transport.auth.AuthMechanism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ClusterLoginTest
{
    @Test
    void shouldCarryTheUserAndTheMechanismsInitialResponse()
    {
        final byte[] credentials = new ClusterLogin("alice", "secret-1".getBytes(StandardCharsets.UTF_8),
            AuthMechanism.SCRAM_SHA_256).encodedCredentials();
        assertEquals("alice", ClusterLogin.user(credentials));
        final byte[] initial = ClusterLogin.initialResponse(credentials);
        assertEquals(AuthMechanism.SCRAM_SHA_256, AuthMechanism.of(initial));
        assertTrue(new String(AuthMechanism.initialResponse(initial), StandardCharsets.UTF_8)
            .startsWith("n,,n=alice,r="));

        final byte[] anonymous = new ClusterLogin("", null, AuthMechanism.SCRAM_SHA_256).encodedCredentials();
        assertEquals(0, anonymous.length);
        assertEquals("", ClusterLogin.user(anonymous));
    }

    @Test
    void shouldRefuseMalformedCredentialsAndUnusablePasswords()
    {
        assertNull(ClusterLogin.user(new byte[]{9, 0, 'a'}), "longer than the credentials");
        assertNull(ClusterLogin.initialResponse(new byte[]{1}));
        final IllegalArgumentException control = assertThrows(IllegalArgumentException.class, () ->
            new ClusterLogin("alice", "bell\u0007".getBytes(StandardCharsets.UTF_8), AuthMechanism.SCRAM_SHA_256));
        assertTrue(control.getMessage().startsWith("the password cannot be used"), control.getMessage());
    }

    @Test
    void shouldRefuseAChallengeItDoesNotExpect()
    {
        final ClusterLogin plain = new ClusterLogin("alice", "secret-1".getBytes(StandardCharsets.UTF_8),
            AuthMechanism.PLAIN);
        plain.encodedCredentials();
        assertArrayEquals(ClusterLogin.SERVER_NOT_VERIFIED, plain.onChallenge(new byte[]{1}));
        assertNotNull(plain.failure());

        final ClusterLogin scram = new ClusterLogin("alice", "secret-1".getBytes(StandardCharsets.UTF_8),
            AuthMechanism.SCRAM_SHA_256);
        scram.encodedCredentials();
        assertArrayEquals(ClusterLogin.SERVER_NOT_VERIFIED,
            scram.onChallenge("not a server-first-message".getBytes(StandardCharsets.UTF_8)));
        assertNotNull(scram.failure());
    }

    @Test
    void shouldKeepTheGroupsReasonForARefusalAndAskForEncryptionOnlyWithScram()
    {
        final ClusterLogin clear = new ClusterLogin("alice", "secret-1".getBytes(StandardCharsets.UTF_8),
            AuthMechanism.SCRAM_SHA_256, io.aeolus.transport.crypto.TransportEncryption.OFF);
        clear.encodedCredentials();

        assertArrayEquals(ClusterLogin.SERVER_NOT_VERIFIED, clear.onChallenge((ClusterLogin.REFUSAL_PREFIX +
            "authentication failed: this broker requires transport encryption").getBytes(StandardCharsets.UTF_8)));
        assertEquals("authentication failed: this broker requires transport encryption", clear.failure());
        assertNull(clear.transportKeys());

        final IllegalArgumentException anonymous = assertThrows(IllegalArgumentException.class, () ->
            new ClusterLogin("", null, AuthMechanism.SCRAM_SHA_256,
            io.aeolus.transport.crypto.TransportEncryption.REQUIRED));
        assertTrue(anonymous.getMessage().contains("encryption=required needs a user"), anonymous.getMessage());
        final byte[] asking = new ClusterLogin("alice", "secret-1".getBytes(StandardCharsets.UTF_8),
            AuthMechanism.SCRAM_SHA_256, io.aeolus.transport.crypto.TransportEncryption.REQUIRED).encodedCredentials();
        assertTrue(new String(AuthMechanism.initialResponse(ClusterLogin.initialResponse(asking)),
            StandardCharsets.UTF_8).endsWith(",t=required"));
    }
}
