package io.aeolus.cluster;

import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.Authorizer;
import io.aeolus.transport.ClusterFraming;
import io.aeolus.transport.crypto.FrameOpener;
import io.aeolus.transport.crypto.FrameSealer;
import io.aeolus.transport.crypto.TransportKeys;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An encrypted session as every member holds it: ingress opened alike by every member in log order (replays,
 * tampering and clear messages dropped), egress sealed only by the leader, with sequences that never repeat across
 * leaders of different terms.
 */
@Timeout(30)
class StreamCryptoTest
{
    private static final long SESSION_ID = 5;
    private static final byte[] SESSION_KEY = "group-session-key-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);
    private static final TransportKeys KEYS = TransportKeys.derive(
        "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
        "n=alice,r=a,r=ab,s=c2FsdA==,i=4096,t=AES-256-GCM,c=biws,r=ab".getBytes(StandardCharsets.US_ASCII));

    private final FakeSession session = new FakeSession(encryptedPrincipal(SESSION_KEY));

    @Test
    void shouldOpenTheClientsMessagesOnEveryMemberAndDropReplayedTamperedAndClearOnesAlike()
    {
        final StreamCrypto leader = StreamCrypto.of(session.proxy(), SESSION_KEY, 0, leadership(Cluster.Role.LEADER));
        final StreamCrypto follower = StreamCrypto.of(session.proxy(), SESSION_KEY, 0,
            leadership(Cluster.Role.FOLLOWER));
        final FrameSealer client = KEYS.clientSealer(SESSION_ID);
        final byte[] first = seal(client, message(1));
        final byte[] second = seal(client, message(2));
        final byte[] tampered = seal(client, message(3));
        tampered[tampered.length - 5] ^= 1;

        for (final StreamCrypto member : List.of(leader, follower))
        {
            assertArrayEquals(message(1), open(member, first));
            assertEquals(-1, member.open(new UnsafeBuffer(first), 0, first.length), "replayed");
            assertTrue(member.problem().contains("replayed"), member.problem());
            assertEquals(-1, member.open(new UnsafeBuffer(tampered), 0, tampered.length), "tampered");
            assertTrue(member.problem().contains("failed authentication"), member.problem());
            final byte[] clear = message(4);
            assertEquals(-1, member.open(new UnsafeBuffer(clear), 0, clear.length), "clear");
            assertArrayEquals(message(2), open(member, second));
            assertEquals(2, member.lastAccepted());
        }
        final StreamCrypto restored = StreamCrypto.of(session.proxy(), SESSION_KEY, leader.lastAccepted(),
            leadership(Cluster.Role.FOLLOWER));
        assertEquals(-1, restored.open(new UnsafeBuffer(second), 0, second.length), "applied before the snapshot");
        assertArrayEquals(message(5), open(restored, seal(client, message(5))));
    }

    @Test
    void shouldSealOnlyOnTheLeaderOfTheTermAppliedAndStartEachTermAboveTheLast()
    {
        final StreamCrypto.Leadership leadership = leadership(Cluster.Role.LEADER);
        final StreamCrypto leader = StreamCrypto.of(session.proxy(), SESSION_KEY, 0, leadership);
        final StreamCrypto.Leadership followerView = leadership(Cluster.Role.FOLLOWER);
        final StreamCrypto follower = StreamCrypto.of(session.proxy(), SESSION_KEY, 0, followerView);
        final FrameOpener client = KEYS.clientOpener(SESSION_ID);

        leadership.onNewTerm(3, 0);
        followerView.onNewTerm(3, 0);
        final UnsafeBuffer answer = new UnsafeBuffer(message(6));
        assertEquals(ClientSession.MOCKED_OFFER, follower.offer(session.proxy(), answer, 0, answer.capacity()));
        assertEquals(0, session.offered.size(), "a follower sends nothing");
        leader.offer(session.proxy(), answer, 0, answer.capacity());
        final byte[] termThree = session.offered.get(0);
        assertArrayEquals(message(6), openClient(client, termThree));
        assertEquals(StreamCrypto.firstSequence(3), client.lastSequence());

        // A new leader (this member again, in term 4) continues the session above term 3's sequences.
        leadership.onNewTerm(4, 0);
        leader.offer(session.proxy(), answer, 0, answer.capacity());
        assertArrayEquals(message(6), openClient(client, session.offered.get(1)));
        assertEquals((4L << StreamCrypto.TERM_SHIFT) + 1, client.lastSequence());
        assertEquals(-1, client.open(new UnsafeBuffer(termThree), 0, termThree.length),
            "an earlier leader's frame after the new one's");

        // Still catching up on a term another member led: nothing is sealed under that term's sequences.
        leadership.onNewTerm(5, 2);
        assertEquals(ClientSession.MOCKED_OFFER, leader.offer(session.proxy(), answer, 0, answer.capacity()));
        assertEquals(2, session.offered.size());
        assertThrows(IllegalStateException.class, () -> StreamCrypto.firstSequence(StreamCrypto.MAX_TERM_ID + 1));
    }

    @Test
    void shouldKnowAClearSessionAndRefuseEverythingWhenTheKeysDoNotOpen()
    {
        final FakeSession clear = new FakeSession(ClusterPrincipal.encode(authorizer().principal("bob", Set.of(),
            "test")));
        assertNull(StreamCrypto.of(clear.proxy(), SESSION_KEY, 0, leadership(Cluster.Role.LEADER)));

        final byte[] otherKey = SESSION_KEY.clone();
        otherKey[0] ^= 1;
        final StreamCrypto broken = StreamCrypto.of(session.proxy(), otherKey, 0, leadership(Cluster.Role.LEADER));
        assertNotNull(broken.keysProblem());
        assertTrue(broken.keysProblem().contains("users.key differs"), broken.keysProblem());
        final byte[] sealed = seal(KEYS.clientSealer(SESSION_ID), message(1));
        assertEquals(-1, broken.open(new UnsafeBuffer(sealed), 0, sealed.length));
        assertNotNull(StreamCrypto.of(session.proxy(), null, 0, leadership(Cluster.Role.LEADER)).keysProblem());
    }

    private static byte[] encryptedPrincipal(final byte[] sessionKey)
    {
        return ClusterPrincipal.encode(authorizer().principal("alice", Set.of("app"), "test"),
            GroupSessionKeys.wrap(sessionKey, KEYS, SESSION_ID));
    }

    private static Authorizer authorizer()
    {
        return new Authorizer(AccessPolicy.defaults(), null);
    }

    private static StreamCrypto.Leadership leadership(final Cluster.Role role)
    {
        final StreamCrypto.Leadership leadership = new StreamCrypto.Leadership();
        leadership.cluster((Cluster)Proxy.newProxyInstance(Cluster.class.getClassLoader(),
            new Class<?>[]{Cluster.class}, (proxy, method, args) ->
            {
                switch (method.getName())
                {
                    case "role":
                        return role;
                    case "memberId":
                        return 0;
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            }));
        return leadership;
    }

    private static byte[] message(final int sequence)
    {
        final byte[] message = new byte[ClusterFraming.HEADER_LENGTH + 12];
        ClusterFraming.putHeader(new UnsafeBuffer(message), 0, sequence, 0);
        message[ClusterFraming.HEADER_LENGTH] = (byte)sequence;
        return message;
    }

    private static byte[] seal(final FrameSealer sealer, final byte[] message)
    {
        final int length = sealer.seal(new UnsafeBuffer(message), 0, message.length);
        final byte[] sealed = new byte[length];
        sealer.buffer().getBytes(0, sealed);
        return sealed;
    }

    private static byte[] open(final StreamCrypto crypto, final byte[] sealed)
    {
        final int length = crypto.open(new UnsafeBuffer(sealed), 0, sealed.length);
        assertTrue(length >= 0, crypto.problem());
        final byte[] message = new byte[length];
        crypto.buffer().getBytes(0, message);
        return message;
    }

    private static byte[] openClient(final FrameOpener opener, final byte[] sealed)
    {
        final int length = opener.open(new UnsafeBuffer(sealed), 0, sealed.length);
        assertTrue(length >= 0, opener.problem());
        final byte[] message = new byte[length];
        opener.buffer().getBytes(0, message);
        return message;
    }

    /**
     * A client session that records what is offered on it.
     */
    private static final class FakeSession
    {
        final byte[] principal;
        final List<byte[]> offered = new ArrayList<>();

        FakeSession(final byte[] principal)
        {
            this.principal = principal;
        }

        ClientSession proxy()
        {
            return (ClientSession)Proxy.newProxyInstance(ClientSession.class.getClassLoader(),
                new Class<?>[]{ClientSession.class}, (proxy, method, args) ->
                {
                    switch (method.getName())
                    {
                        case "id":
                            return SESSION_ID;
                        case "encodedPrincipal":
                            return principal;
                        case "offer":
                            final DirectBuffer buffer = (DirectBuffer)args[0];
                            final byte[] bytes = new byte[(int)args[2]];
                            buffer.getBytes((int)args[1], bytes);
                            offered.add(bytes);
                            return 64L;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        }
    }
}
