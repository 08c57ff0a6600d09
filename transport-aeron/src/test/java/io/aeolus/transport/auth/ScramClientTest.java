package io.aeolus.transport.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ScramClientTest
{
    // RFC 7677 section 3: user "user", password "pencil".
    static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_FIRST =
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0," +
        "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    @Test
    void shouldProduceTheMessagesOfTheRfc7677TestVector()
    {
        final ScramClient client = new ScramClient("user", "pencil", CLIENT_NONCE);

        assertEquals(CLIENT_FIRST, client.clientFirstMessage());
        assertEquals(CLIENT_FINAL, client.clientFinalMessage(SERVER_FIRST));
        assertTrue(client.isServerFinalValid(SERVER_FINAL));
    }

    @Test
    void shouldRejectAServerSignatureThatDoesNotMatch()
    {
        final ScramClient client = new ScramClient("user", "pencil", CLIENT_NONCE);
        client.clientFinalMessage(SERVER_FIRST);

        assertFalse(client.isServerFinalValid("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        assertFalse(client.isServerFinalValid("e=invalid-proof"));
        assertFalse(client.isServerFinalValid("v=not base64!"));
    }

    @Test
    void shouldNotAcceptAServerFinalBeforeTheExchange()
    {
        assertFalse(new ScramClient("user", "pencil", CLIENT_NONCE).isServerFinalValid(SERVER_FINAL));
    }

    @Test
    void shouldRefuseAServerNonceThatDoesNotExtendTheClientNonce()
    {
        final ScramClient client = new ScramClient("user", "pencil", CLIENT_NONCE);

        assertThrows(IllegalArgumentException.class,
            () -> client.clientFinalMessage("r=somebodyElse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        assertThrows(IllegalArgumentException.class,
            () -> client.clientFinalMessage("r=" + CLIENT_NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
    }

    @Test
    void shouldRefuseAnIterationCountBelowTheRfcMinimumOrAbsurdlyHigh()
    {
        final ScramClient client = new ScramClient("user", "pencil", CLIENT_NONCE);

        assertThrows(IllegalArgumentException.class,
            () -> client.clientFinalMessage("r=" + CLIENT_NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1"));
        assertThrows(IllegalArgumentException.class,
            () -> client.clientFinalMessage("r=" + CLIENT_NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=2000000000"));
        assertThrows(IllegalArgumentException.class,
            () -> client.clientFinalMessage("m=ext,r=" + CLIENT_NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
    }

    @Test
    void shouldDeriveTheStoredAndServerKeysOfTheTestVector()
    {
        final byte[] salt = Scram.fromBase64("W22ZaJ0SNY7soEsUEjb6gQ==");

        final ScramCredential credential = ScramCredential.derive("pencil", salt, 4096);

        // Recompute the client's proof from the stored credential the way a server verifies it.
        final byte[] authMessage = (CLIENT_FIRST.substring(3) + "," + SERVER_FIRST + "," +
            CLIENT_FINAL.substring(0, CLIENT_FINAL.indexOf(",p="))).getBytes(StandardCharsets.UTF_8);
        final byte[] proof = Scram.fromBase64(Scram.attribute(CLIENT_FINAL, 'p'));
        final byte[] clientKey = Scram.xor(proof, Scram.hmac(credential.storedKey(), authMessage));
        assertArrayEquals(credential.storedKey(), Scram.sha256(clientKey));
        assertEquals(SERVER_FINAL, "v=" + Scram.base64(Scram.hmac(credential.serverKey(), authMessage)));
        assertTrue(credential.matches("pencil"));
        assertFalse(credential.matches("pencil2"));
    }

    @Test
    void shouldEscapeCommaAndEqualsInUserNames()
    {
        assertEquals("a=2Cb=3Dc", Scram.escapeUser("a,b=c"));
        assertEquals("a,b=c", Scram.unescapeUser("a=2Cb=3Dc"));
        assertThrows(IllegalArgumentException.class, () -> Scram.unescapeUser("a=ZZ"));
        assertEquals("n,,n=a=2Cb,r=" + CLIENT_NONCE, new ScramClient("a,b", "x", CLIENT_NONCE).clientFirstMessage());
    }

    @Test
    void shouldFindAttributesAndNothingElse()
    {
        assertEquals("4096", Scram.attribute(SERVER_FIRST, 'i'));
        assertEquals("W22ZaJ0SNY7soEsUEjb6gQ==", Scram.attribute(SERVER_FIRST, 's'));
        assertNull(Scram.attribute(SERVER_FIRST, 'p'));
        assertNull(Scram.attribute("", 'r'));
    }

    @Test
    void shouldGiveFreshNoncesEachTime()
    {
        final String first = Scram.nonce();
        final String second = Scram.nonce();

        assertTrue(Scram.isPrintable(first));
        assertFalse(first.equals(second));
    }

    @Test
    void shouldEncodeAndParseTheMechanismOfConnectCredentials()
    {
        final byte[] credentials = AuthMechanism.SCRAM_SHA_256.encode(CLIENT_FIRST.getBytes(StandardCharsets.UTF_8));

        assertEquals(AuthMechanism.SCRAM_SHA_256, AuthMechanism.of(credentials));
        assertEquals(CLIENT_FIRST, new String(AuthMechanism.initialResponse(credentials), StandardCharsets.UTF_8));
        assertNull(AuthMechanism.of("garbage without a zero byte".getBytes(StandardCharsets.UTF_8)));
        assertNull(AuthMechanism.of("MD5\0x".getBytes(StandardCharsets.UTF_8)));
        assertEquals(AuthMechanism.PLAIN, AuthMechanism.of(AuthMechanism.PLAIN.encode(new byte[]{1})));
    }

    @Test
    void shouldAskForEncryptionAndDeriveKeysWhenTheBrokerAgrees()
    {
        final ScramClient client = new ScramClient("user", "pencil", CLIENT_NONCE,
            io.aeolus.transport.crypto.TransportEncryption.ON);
        assertEquals(CLIENT_FIRST + ",t=on", client.clientFirstMessage());

        client.clientFinalMessage(SERVER_FIRST + ",t=AES-256-GCM");

        assertTrue(null != client.transportKeys());
    }

    @Test
    void shouldStayClearWhenTheBrokerDoesNotEncryptAndTheClientDoesNotRequireIt()
    {
        final ScramClient client = new ScramClient("user", "pencil", CLIENT_NONCE,
            io.aeolus.transport.crypto.TransportEncryption.ON);
        client.clientFinalMessage(SERVER_FIRST);

        assertNull(client.transportKeys());
    }

    @Test
    void shouldRefuseABrokerThatDoesNotEncryptWhenRequired()
    {
        final ScramClient client = new ScramClient("user", "pencil", CLIENT_NONCE,
            io.aeolus.transport.crypto.TransportEncryption.REQUIRED);
        assertEquals(CLIENT_FIRST + ",t=required", client.clientFirstMessage());

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> client.clientFinalMessage(SERVER_FIRST));
        assertTrue(ex.getMessage().contains("encryption=required"), ex.getMessage());
    }

    @Test
    void shouldRefuseEncryptionItDidNotAskForOrACipherItDoesNotKnow()
    {
        final ScramClient off = new ScramClient("user", "pencil", CLIENT_NONCE);
        assertEquals(CLIENT_FIRST, off.clientFirstMessage());
        assertThrows(IllegalArgumentException.class, () -> off.clientFinalMessage(SERVER_FIRST + ",t=AES-256-GCM"));

        final ScramClient on = new ScramClient("user", "pencil", CLIENT_NONCE,
            io.aeolus.transport.crypto.TransportEncryption.ON);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> on.clientFinalMessage(SERVER_FIRST + ",t=ROT13"));
        assertTrue(ex.getMessage().contains("ROT13"), ex.getMessage());
    }
}
