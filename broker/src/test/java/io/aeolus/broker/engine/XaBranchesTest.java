package io.aeolus.broker.engine;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's XA branches, driven through its input port alone: what a branch holds, when it shows, what comes
 * back, and the XA codes a transaction manager hears for calls out of turn.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class XaBranchesTest
{
    private static final String QUEUE = "backlog";
    private static final long XA_SESSION = 1;
    private static final long PLAIN_SESSION = 2;
    private static final long PRODUCER = 100;
    private static final long CONSUMER = 200;
    private static final long OTHER_CONSUMER = 201;

    private final EngineRig rig = new EngineRig(null);
    private final EngineInputs in = rig.inputs();
    private final XaInputs xa = in.xa();
    private long correlationId = 1000;
    private long nowMs = EngineRig.START_MS;

    XaBranchesTest()
    {
        in.onConnected(1, "", rig.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        in.onCreateSession(1, next(), XA_SESSION, AckMode.TRANSACTED);
        in.onCreateSession(1, next(), PLAIN_SESSION, AckMode.AUTO);
        in.onCreateProducer(1, next(), XA_SESSION, PRODUCER, DestinationType.QUEUE, QUEUE);
        in.onCreateProducer(1, next(), PLAIN_SESSION, PRODUCER + 1, DestinationType.QUEUE, QUEUE);
        rig.settle();
    }

    @Test
    void shouldHoldSendsUntilTwoPhaseCommit()
    {
        final BranchId xid = xid("tx-1");
        assertOk(start(xid, XaInputs.TMNOFLAGS));
        send(XA_SESSION, PRODUCER, "held");
        assertOk(end(xid, XaInputs.TMSUCCESS, Map.of()));

        final long prepare = next();
        xa.onXaPrepare(1, prepare, xid);
        rig.settle();

        assertEquals("ok 1 " + prepare + " 0", answer(prepare));
        assertTrue(outputsContain("XaPrepare"), "prepare is journaled");
        assertEquals(0, queue().depth(), "nothing of a prepared branch is visible");

        final long commit = next();
        xa.onXaCommit(1, commit, xid, false);
        rig.settle();

        assertEquals("ok 1 " + commit + " 0", answer(commit));
        assertEquals(1, queue().depth());
        assertTrue(outputsContain("XaForget"), "the branch record goes with the commit");
    }

    @Test
    void shouldLockAcknowledgedDeliveriesUntilResolvedAndRedeliverOnRollback()
    {
        send(PLAIN_SESSION, PRODUCER + 1, "work");
        final BranchId xid = xid("tx-2");
        assertOk(start(xid, XaInputs.TMNOFLAGS));
        consumer(XA_SESSION, CONSUMER);
        final long deliveryId = lastDeliveryId(CONSUMER);
        assertOk(end(xid, XaInputs.TMSUCCESS, Map.of(CONSUMER, deliveryId)));
        final long prepare = next();
        xa.onXaPrepare(1, prepare, xid);
        rig.settle();
        assertEquals("ok 1 " + prepare + " 0", answer(prepare));

        // The consumer goes, and another comes: the branch keeps what it acknowledged.
        in.onCloseConsumer(1, next(), CONSUMER, deliveryId);
        consumer(PLAIN_SESSION, OTHER_CONSUMER);
        assertEquals(-1, lastDeliveryId(OTHER_CONSUMER), "a prepared branch's acknowledged message is locked");
        assertEquals(1, queue().inFlightCount());

        final long rollback = next();
        xa.onXaRollback(1, rollback, xid);
        rig.settle();

        assertEquals("ok 1 " + rollback + " 0", answer(rollback));
        assertTrue(lastDelivery(OTHER_CONSUMER).endsWith(" 2 " + messageIdOf(deliveryId)),
            "redelivered as its second delivery: " + lastDelivery(OTHER_CONSUMER));
    }

    @Test
    void shouldCommitInOnePhaseAndRefuseOnePhaseOnAPreparedBranch()
    {
        final BranchId xid = xid("tx-3");
        assertOk(start(xid, XaInputs.TMNOFLAGS));
        send(XA_SESSION, PRODUCER, "one-phase");
        assertOk(end(xid, XaInputs.TMSUCCESS, Map.of()));
        final long commit = next();
        xa.onXaCommit(1, commit, xid, true);
        rig.settle();
        assertEquals("ok 1 " + commit + " 0", answer(commit));
        assertEquals(1, queue().depth());
        assertTrue(!outputsContain("XaPrepare"), "one phase writes no branch record");

        final BranchId second = xid("tx-4");
        assertOk(start(second, XaInputs.TMNOFLAGS));
        send(XA_SESSION, PRODUCER, "two-phase");
        assertOk(end(second, XaInputs.TMSUCCESS, Map.of()));
        final long prepare = next();
        xa.onXaPrepare(1, prepare, second);
        rig.settle();

        assertError(EngineError.XA_PROTO, commit(second, true));
    }

    @Test
    void shouldAnswerReadOnlyForABranchThatDidNothing()
    {
        final BranchId xid = xid("tx-5");
        assertOk(start(xid, XaInputs.TMNOFLAGS));
        assertOk(end(xid, XaInputs.TMSUCCESS, Map.of()));

        final long prepare = next();
        xa.onXaPrepare(1, prepare, xid);
        rig.settle();

        assertEquals("ok 1 " + prepare + " " + XaInputs.XA_RDONLY, answer(prepare));
        assertError(EngineError.XA_NOTA, commit(xid, false));
    }

    @Test
    void shouldAnswerTheXaCodeForCallsOutOfTurn()
    {
        final BranchId xid = xid("tx-6");

        assertError(EngineError.XA_NOTA, commit(xid, false));
        assertError(EngineError.XA_NOTA, end(xid, XaInputs.TMSUCCESS, Map.of()));
        assertError(EngineError.XA_PROTO, start(PLAIN_SESSION, xid, XaInputs.TMNOFLAGS));
        assertError(EngineError.XA_NOTA, start(xid, XaInputs.TMJOIN));
        assertOk(start(xid, XaInputs.TMNOFLAGS));
        assertError(EngineError.XA_PROTO, start(xid("tx-7"), XaInputs.TMNOFLAGS));
        assertError(EngineError.XA_PROTO, prepare(xid));
        assertError(EngineError.XA_INVAL, end(xid, XaInputs.TMJOIN, Map.of()));
        send(XA_SESSION, PRODUCER, "x");
        assertOk(end(xid, XaInputs.TMSUCCESS, Map.of()));
        assertError(EngineError.XA_DUPID, start(xid, XaInputs.TMNOFLAGS));
        assertError(EngineError.XA_PROTO, commit(xid, false));
        assertError(EngineError.XA_PROTO, forget(xid));
        assertOk(rollback(xid));
        assertError(EngineError.XA_NOTA, commit(xid, true));
    }

    @Test
    void shouldSuspendResumeAndJoin()
    {
        final BranchId xid = xid("tx-8");
        in.onCreateSession(1, next(), 3, AckMode.TRANSACTED);
        in.onCreateProducer(1, next(), 3, PRODUCER + 3, DestinationType.QUEUE, QUEUE);
        assertOk(start(xid, XaInputs.TMNOFLAGS));
        send(XA_SESSION, PRODUCER, "a");
        assertOk(end(xid, XaInputs.TMSUSPEND, Map.of()));
        assertError(EngineError.XA_PROTO, prepare(xid));
        assertOk(start(XA_SESSION, xid, XaInputs.TMRESUME));
        assertOk(start(3, xid, XaInputs.TMJOIN));
        send(3, PRODUCER + 3, "b");
        assertOk(end(3, xid, XaInputs.TMSUCCESS, Map.of()));
        assertOk(end(xid, XaInputs.TMSUCCESS, Map.of()));

        assertOk(commit(xid, true));

        assertEquals(2, queue().depth(), "both sessions' sends commit together");
    }

    @Test
    void shouldMarkAFailedBranchRollbackOnly()
    {
        final BranchId xid = xid("tx-9");
        assertOk(start(xid, XaInputs.TMNOFLAGS));
        send(XA_SESSION, PRODUCER, "doomed");
        assertOk(end(xid, XaInputs.TMFAIL, Map.of()));

        assertError(EngineError.XA_RBROLLBACK, prepare(xid));
        assertEquals(0, queue().depth());
        assertError(EngineError.XA_NOTA, rollback(xid));
    }

    @Test
    void shouldRollBackABranchWhoseTimeoutPassed()
    {
        send(PLAIN_SESSION, PRODUCER + 1, "work");
        final BranchId xid = xid("tx-10");
        final long start = next();
        xa.onXaStart(1, start, XA_SESSION, xid, XaInputs.TMNOFLAGS, 1);
        consumer(XA_SESSION, CONSUMER);
        assertOk(end(xid, XaInputs.TMSUCCESS, Map.of(CONSUMER, lastDeliveryId(CONSUMER))));

        nowMs += 1500;
        rig.advance(nowMs);

        assertError(EngineError.XA_RBTIMEOUT, prepare(xid));
        assertTrue(lastDelivery(CONSUMER).contains(" 2 "),
            "the timed-out branch gave back what it acknowledged, delivered again: " + lastDelivery(CONSUMER));
    }

    @Test
    void shouldListPreparedBranchesAndLetAnAdministratorCompleteThem()
    {
        final BranchId xid = xid("tx-11");
        assertOk(start(xid, XaInputs.TMNOFLAGS));
        send(XA_SESSION, PRODUCER, "stuck");
        assertOk(end(xid, XaInputs.TMSUCCESS, Map.of()));
        assertOk(prepare(xid));

        final long recover = next();
        xa.onXaRecover(1, recover);
        assertEquals("xaRecovered 1 " + recover + " [" + xid + "]", answer(recover));
        final XaBranches branches = (XaBranches)xa;
        assertEquals(List.of(new XaBranchInfo(xid.toString(), "PREPARED", nowMs, 1, 0)), branches.list());

        assertEquals(null, branches.completeHeuristically(xid, true));
        rig.settle();

        assertEquals(1, queue().depth(), "an administrator's commit delivers");
        assertTrue(outputsContain("XaHeuristic"));
        assertError(EngineError.XA_HEURCOM, commit(xid, false));
        assertError(EngineError.XA_HEURCOM, rollback(xid));
        assertOk(forget(xid));
        assertError(EngineError.XA_NOTA, forget(xid));
        assertEquals("no branch " + xid, branches.completeHeuristically(xid, false));
    }

    @Test
    void shouldRollBackAnUnpreparedBranchWhenItsConnectionGoesAndKeepAPreparedOne()
    {
        send(PLAIN_SESSION, PRODUCER + 1, "first");
        send(PLAIN_SESSION, PRODUCER + 1, "second");
        consumer(XA_SESSION, CONSUMER);
        final BranchId prepared = xid("tx-12");
        assertOk(start(prepared, XaInputs.TMNOFLAGS));
        assertOk(end(prepared, XaInputs.TMSUCCESS, Map.of(CONSUMER, firstDeliveryId(CONSUMER))));
        assertOk(prepare(prepared));
        final BranchId idle = xid("tx-13");
        assertOk(start(idle, XaInputs.TMNOFLAGS));
        assertOk(end(idle, XaInputs.TMSUCCESS, Map.of(CONSUMER, lastDeliveryId(CONSUMER))));

        in.onConnectionClosed(1);
        rig.settle();

        assertEquals(1, queue().depth(), "the unprepared branch's message is back");
        assertEquals(1, queue().inFlightCount(), "the prepared branch's message stays locked");
        in.onConnected(2, "", rig.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        final long commit = next();
        xa.onXaCommit(2, commit, prepared, false);
        rig.settle();
        assertEquals("ok 2 " + commit + " 0", answer(commit));
        assertEquals(0, queue().inFlightCount());
    }

    private MessageQueue queue()
    {
        return rig.engine().destinations().queues().get(QUEUE);
    }

    private long start(final BranchId xid, final int flags)
    {
        return start(XA_SESSION, xid, flags);
    }

    private long start(final long sessionId, final BranchId xid, final int flags)
    {
        final long id = next();
        xa.onXaStart(1, id, sessionId, xid, flags, 0);
        rig.settle();
        return id;
    }

    private long end(final BranchId xid, final int flags, final Map<Long, Long> consumed)
    {
        return end(XA_SESSION, xid, flags, consumed);
    }

    private long end(final long sessionId, final BranchId xid, final int flags, final Map<Long, Long> consumed)
    {
        final long id = next();
        xa.onXaEnd(1, id, sessionId, xid, flags, consumed);
        rig.settle();
        return id;
    }

    private long prepare(final BranchId xid)
    {
        final long id = next();
        xa.onXaPrepare(1, id, xid);
        rig.settle();
        return id;
    }

    private long commit(final BranchId xid, final boolean onePhase)
    {
        final long id = next();
        xa.onXaCommit(1, id, xid, onePhase);
        rig.settle();
        return id;
    }

    private long rollback(final BranchId xid)
    {
        final long id = next();
        xa.onXaRollback(1, id, xid);
        rig.settle();
        return id;
    }

    private long forget(final BranchId xid)
    {
        final long id = next();
        xa.onXaForget(1, id, xid);
        rig.settle();
        return id;
    }

    private void consumer(final long sessionId, final long consumerId)
    {
        in.onCreateConsumer(1, new ConsumerRequest(next(), sessionId, consumerId, DestinationType.QUEUE, QUEUE, "",
            "", 10, false, false, false, false));
        rig.settle();
    }

    private void send(final long sessionId, final long producerId, final String text)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final int length = new ReplayWorkload.Message(QUEUE, text).encode(buffer, 1, nowMs);
        in.onSend(1, next(), sessionId, producerId, buffer, 0, length);
        rig.settle();
    }

    private long next()
    {
        return correlationId++;
    }

    private static BranchId xid(final String gtrid)
    {
        return new BranchId(0x4145, gtrid.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    private String answer(final long id)
    {
        for (final String line : rig.outputs())
        {
            final String[] words = line.split(" ");
            if (words.length > 2 && !line.startsWith("append") && !line.startsWith("deliver") &&
                words[2].equals(Long.toString(id)))
            {
                return line;
            }
        }
        return "no answer to " + id;
    }

    private void assertOk(final long id)
    {
        assertTrue(answer(id).startsWith("ok "), answer(id));
    }

    private void assertError(final EngineError error, final long id)
    {
        assertTrue(answer(id).startsWith("error 1 " + id + " " + error + " "), "want " + error + ": " + answer(id));
    }

    private boolean outputsContain(final String text)
    {
        for (final String line : rig.outputs())
        {
            if (line.contains(text))
            {
                return true;
            }
        }
        return false;
    }

    /** deliver connection consumer deliveryId deliveryCount messageId destination checksum */
    private String lastDelivery(final long consumerId)
    {
        String last = "";
        for (final String line : rig.outputs())
        {
            if (line.startsWith("deliver 1 " + consumerId + " "))
            {
                last = line.substring(0, line.lastIndexOf(' ', line.lastIndexOf(' ') - 1));
            }
        }
        return last;
    }

    private long lastDeliveryId(final long consumerId)
    {
        final String last = lastDelivery(consumerId);
        return last.isEmpty() ? -1 : Long.parseLong(last.split(" ")[3]);
    }

    private long firstDeliveryId(final long consumerId)
    {
        for (final String line : rig.outputs())
        {
            if (line.startsWith("deliver 1 " + consumerId + " "))
            {
                return Long.parseLong(line.split(" ")[3]);
            }
        }
        return -1;
    }

    private String messageIdOf(final long deliveryId)
    {
        for (final String line : rig.outputs())
        {
            final String[] words = line.split(" ");
            if (line.startsWith("deliver ") && words[3].equals(Long.toString(deliveryId)))
            {
                return words[5];
            }
        }
        return "?";
    }
}
