package io.aeolus.broker.security;

import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramClient;
import io.aeolus.transport.auth.ScramCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ScramServerExchangeTest
{
    // RFC 7677 section 3.
    private static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0," +
        "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    private static final ScramCredential PENCIL = ScramCredential.derive("pencil", Scram.fromBase64(SALT), 4096);

    @Test
    void shouldAnswerTheRfc7677TestVectorExactly()
    {
        final ScramServerExchange exchange = new ScramServerExchange("user", PENCIL, true, SERVER_NONCE);

        assertEquals(SERVER_FIRST, exchange.onClientFirst(CLIENT_FIRST));
        assertEquals(SERVER_FINAL, exchange.onClientFinal(CLIENT_FINAL));
    }

    @Test
    void shouldRejectAClientFinalMessageReplayedIntoAnotherExchange()
    {
        final ScramServerExchange replayed = new ScramServerExchange("user", PENCIL, true, "anotherFreshNonce");
        replayed.onClientFirst(CLIENT_FIRST);

        assertNull(replayed.onClientFinal(CLIENT_FINAL));
        assertTrue(replayed.failure().contains("nonce"), replayed.failure());
    }

    @Test
    void shouldRejectAProofMadeWithAnotherPassword()
    {
        final ScramClient client = new ScramClient("user", "pencil2");
        final ScramServerExchange exchange = new ScramServerExchange("user", PENCIL, true, Scram.nonce());

        final String serverFirst = exchange.onClientFirst(client.clientFirstMessage());

        assertNull(exchange.onClientFinal(client.clientFinalMessage(serverFirst)));
        assertEquals("wrong password", exchange.failure());
    }

    @Test
    void shouldNeverAcceptAnUnknownUserEvenWithTheRightProofForTheFakeCredential()
    {
        final ScramClient client = new ScramClient("user", "pencil");
        final ScramServerExchange exchange = new ScramServerExchange("user", PENCIL, false, Scram.nonce());

        final String serverFirst = exchange.onClientFirst(client.clientFirstMessage());

        assertNull(exchange.onClientFinal(client.clientFinalMessage(serverFirst)));
        assertEquals("unknown user", exchange.failure());
    }

    @Test
    void shouldRefuseMalformedOrMismatchedClientFirstMessages()
    {
        assertNull(exchange().onClientFirst("p=tls-unique,,n=user,r=abc"));
        assertNull(exchange().onClientFirst("n,a=admin,n=user,r=abc"));
        assertNull(exchange().onClientFirst("n,,n=mallory,r=abc"));
        assertNull(exchange().onClientFirst("n,,n=user"));
        assertNull(exchange().onClientFirst("n,,r=abc,n=user"));
        assertNull(exchange().onClientFirst("n,,n=us=ZZer,r=abc"));
        assertNull(exchange().onClientFirst(""));
    }

    @Test
    void shouldRefuseMalformedClientFinalMessages()
    {
        assertNull(started().onClientFinal("garbage"));
        assertNull(started().onClientFinal("c=biws,r=rOprNGfwEbeRWgbNEkqO" + SERVER_NONCE + ",p=!!!"));
        assertNull(started().onClientFinal("c=biws,r=rOprNGfwEbeRWgbNEkqO" + SERVER_NONCE + ",p=AAAA"));
        assertNull(started().onClientFinal("c=eSws,r=rOprNGfwEbeRWgbNEkqO" + SERVER_NONCE +
            ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertNull(exchange().onClientFinal(CLIENT_FINAL));
        assertNotNull(started().onClientFinal(CLIENT_FINAL));
    }

    private static ScramServerExchange exchange()
    {
        return new ScramServerExchange("user", PENCIL, true, SERVER_NONCE);
    }

    private static ScramServerExchange started()
    {
        final ScramServerExchange exchange = exchange();
        exchange.onClientFirst(CLIENT_FIRST);
        return exchange;
    }
}
