package io.aeolus.management;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractTest
{
    @Test
    void shouldReadBackEveryListRecordItWrote()
    {
        final List<DestinationInfo> destinations = List.of(
            new DestinationInfo("orders", "QUEUE", 3, 1, 0, 2, 10, 6, 1, 0, 512, false, true, 42, 1, "DLQ.orders", 4,
                0),
            new DestinationInfo("prices", "TOPIC", 0, 0, 0, 1, 7, 0, 0, 0, 0, false, false, 0, 0, "", 0, 2));
        final Map<String, Object> body = Reply.putRows(new LinkedHashMap<>(), destinations, DestinationInfo::write);

        assertEquals(destinations, Reply.rows(body, DestinationInfo::read));
        assertRoundTrip(new ConnectionInfo(7, "app", "alice", "10.0.0.1:4000", 2, 3, 1), ConnectionInfo::write,
            ConnectionInfo::read);
        assertRoundTrip(new SessionInfo(7, 1, "CLIENT_ACKNOWLEDGE", 1, 1, 0), SessionInfo::write, SessionInfo::read);
        assertRoundTrip(new ConsumerInfo(7, 1, 3, "orders", "QUEUE", "", "a = 1", false, 10, 8, 2, 20, 18),
            ConsumerInfo::write, ConsumerInfo::read);
        assertRoundTrip(new ProducerInfo(7, 1, 4, "orders", "QUEUE"), ProducerInfo::write, ProducerInfo::read);
        assertRoundTrip(new RouteInfo("eu", "queue:orders", "region = 'EU'", "queue:orders.eu,topic:audit",
            "exclusive", true), RouteInfo::write, RouteInfo::read);
        assertRoundTrip(new LastValueInfo("prices", "symbol", 3, 2, "AAPL,MSFT"), LastValueInfo::write,
            LastValueInfo::read);
        assertRoundTrip(new RouteInfo("json", "queue:in", "", "queue:out", "exclusive", false, "xml-to-json",
            "root=keep", "{\"type\": \"object\"}", "dead-letter"), RouteInfo::write, RouteInfo::read);
        assertRoundTrip(new SubscriptionInfo("prices", "s1", "app", true, false, "", 5, 0, 1),
            SubscriptionInfo::write, SubscriptionInfo::read);
        assertRoundTrip(new TrashBatch("purge-9", "purge", "orders", 1000, 2000, 3), TrashBatch::write,
            TrashBatch::read);
        assertRoundTrip(new HistoryPoint(60_000, 4, 1.5, 0.5), HistoryPoint::write, HistoryPoint::read);
        assertRoundTrip(new JobInfo(5, JobKind.RETRY, "DLQ.orders", "", "a = 1", JobState.PAUSED, 300, 120, 2, 20,
            1000, 0), JobInfo::write, JobInfo::read);
        assertRoundTrip(new JobInfo(6, JobKind.MOVE, "orders", "held", "", JobState.DONE, 2, 2, 0, 0, 1000, 2000,
            "ID:a\nID:b"), JobInfo::write, JobInfo::read);
        assertRoundTrip(new MessageInfo("ID:1", "c", "t", "replies", 1, 0, 4, true, 1, "TEXT", 5, "hello", false,
            Map.of("k", "v")), MessageInfo::write, MessageInfo::read);
        assertRoundTrip(new UserInfo("alice", "admin,app", 600_000), UserInfo::write, UserInfo::read);
    }

    @Test
    void shouldReadAJobOfAnOlderBrokerAsHavingFoundEveryNamedMessage()
    {
        final Map<String, Object> older = new LinkedHashMap<>();
        new JobInfo(7, JobKind.PURGE, "orders", "", "", JobState.DONE, 3, 3, 0, 0, 1000, 2000, "ID:x").write(older, "");
        older.remove("notFound");

        final JobInfo job = JobInfo.read(older, "");

        assertEquals("", job.notFound());
        assertEquals(List.of(), job.notFoundIds());
        assertEquals(List.of("ID:x", "ID:y"), new JobInfo(8, JobKind.PURGE, "orders", "", "", JobState.DONE, 0, 0, 0,
            0, 1000, 2000, "ID:x\nID:y").notFoundIds());
    }

    @Test
    void shouldTellWhichRolesAUserHolds()
    {
        final UserInfo user = new UserInfo("bob", "app,admin-readers", 4096);

        assertTrue(user.hasRole("app"));
        assertTrue(user.hasRole("admin-readers"));
        assertFalse(user.hasRole("admin"));
        assertFalse(new UserInfo("carol", "", 4096).hasRole("admin"));
    }

    @Test
    void shouldReadBackSnapshotsGroupsAndMessageDetails()
    {
        final MetricsSnapshot snapshot = new MetricsSnapshot(1000, 2, 3, 4000, 10, 20, 0, List.of(
            new MetricsSnapshot.Destination("orders", "QUEUE", 3, 1, 1, 10, 7, 2.0, 1.0, 0, 1, 0, 0, 0, 0, 64, 5, 0)),
            new MetricsSnapshot.Journal(4096, 3, 2.0, 150.0, 400));
        final Map<String, Object> snapshotBody = new LinkedHashMap<>();
        snapshot.write(snapshotBody);
        final DeadLetterGroups groups = new DeadLetterGroups("AEOLUS_DLQ_REASON", 3, 10, 20, 5, List.of(
            new DeadLetterGroups.Group("timeout", 3, 10, 20, new int[]{1, 2}, "AEOLUS_DLQ_REASON = 'timeout'")));
        final Map<String, Object> groupsBody = new LinkedHashMap<>();
        groups.write(groupsBody);
        final MessageDetail detail = new MessageDetail("ID:1", "orders", "c", null, "t", "", "NONE", 1, 0, 1, 4, true,
            1, false, "TEXT", 5, 0, "hello".getBytes(), "", Map.of("k", 1L));
        final Map<String, Object> detailBody = new LinkedHashMap<>();
        detail.write(detailBody);

        assertEquals(snapshot, MetricsSnapshot.read(snapshotBody));
        final DeadLetterGroups readGroups = DeadLetterGroups.read(groupsBody);
        assertEquals("timeout", readGroups.groups().get(0).key());
        assertArrayEquals(new int[]{1, 2}, readGroups.groups().get(0).histogram());
        final MessageDetail readDetail = MessageDetail.read(detailBody);
        assertEquals("hello", readDetail.text());
        assertNull(readDetail.correlationIdBytes());
        assertEquals(Map.of("k", 1L), readDetail.properties());
    }

    @Test
    void shouldNameEveryOperationOnceAndFindItByItsWireName()
    {
        final Set<String> names = new HashSet<>();
        for (final Operation operation : Operation.values())
        {
            assertTrue(names.add(operation.wireName()), operation.wireName());
            assertEquals(operation, Operation.ofWireName(operation.wireName()));
        }

        assertNull(Operation.ofWireName("noSuchOperation"));
        assertTrue(Operation.PURGE.changesState());
        assertEquals(Operation.BROWSE, Request.operation(Request.of(Operation.BROWSE, Argument.NAME, "orders")));
        assertEquals(Map.of(Argument.OP, "purge", Argument.NAME, "orders"),
            Request.of(Operation.PURGE, Argument.NAME, "orders", Argument.SELECTOR, null));
        assertThrows(IllegalArgumentException.class, () -> Request.of(Operation.PURGE, Argument.NAME));
    }

    @Test
    void shouldTellHowMuchOfAJobIsDone()
    {
        final JobInfo job = new JobInfo(7, JobKind.parse(" retry "), "DLQ.orders", null, null, JobState.PAUSED, 300,
            120, 2, 20, 1000, 0);

        assertEquals(122.0 / 300, job.fractionDone(), 1e-9);
        assertEquals(1.0, job.withState(JobState.DONE, 2000).fractionDone());
        assertTrue(job.withState(JobState.CANCELLED, 2000).isFinished());
        assertEquals("", job.target());
    }

    private static <T> void assertRoundTrip(final T record, final Reply.RowWriter<T> writer,
        final Reply.RowReader<T> reader)
    {
        final List<T> rows = new ArrayList<>(List.of(record, record));
        final Map<String, Object> body = Reply.putRows(new LinkedHashMap<>(), rows, writer);

        assertEquals(rows, Reply.rows(body, reader));
    }
}
