package io.aeolus.broker.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class SlowConsumerLogTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    private final List<String> messages = new ArrayList<>();
    private final Handler capture = new Handler()
    {
        public void publish(final LogRecord record)
        {
            messages.add(record.getLevel() + " " + record.getMessage());
        }

        public void flush()
        {
        }

        public void close()
        {
        }
    };

    @BeforeEach
    void attach()
    {
        Logger.getLogger("io.aeolus.broker.connections").addHandler(capture);
    }

    @AfterEach
    void detach()
    {
        Logger.getLogger("io.aeolus.broker.connections").removeHandler(capture);
    }

    @Test
    void shouldWarnOnceAPausedClientHasLastedTheThresholdAndNoteWhenItCatchesUp()
    {
        final SlowConsumerLog log = new SlowConsumerLog(5 * SECOND_NS);
        assertFalse(log.onCheck(7, true, 0, "alice", "127.0.0.1:4000"));
        assertFalse(log.onCheck(7, true, 4 * SECOND_NS, "alice", "127.0.0.1:4000"));
        assertTrue(log.onCheck(7, true, 5 * SECOND_NS, "alice", "127.0.0.1:4000"));
        assertFalse(log.onCheck(7, true, 6 * SECOND_NS, "alice", "127.0.0.1:4000"), "warned once only");
        assertTrue(log.onCheck(7, false, 8 * SECOND_NS, "alice", "127.0.0.1:4000"));

        assertEquals(2, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("WARNING slow consumer: connection 7 (user alice from " +
            "127.0.0.1:4000) has not read its deliveries for 5000 ms"), messages.get(0));
        assertTrue(messages.get(1).startsWith("INFO connection 7 (user alice) caught up after 8000 ms"),
            messages.get(1));
    }

    @Test
    void shouldForgetAClientThatWasPausedBrieflyOrClosed()
    {
        final SlowConsumerLog log = new SlowConsumerLog(5 * SECOND_NS);
        log.onCheck(1, true, 0, "bob", "aeron:ipc");
        assertFalse(log.onCheck(1, false, SECOND_NS, "bob", "aeron:ipc"));
        assertFalse(log.onCheck(1, true, 10 * SECOND_NS, "bob", "aeron:ipc"), "a new pause starts from zero");
        log.onClosed(1);
        assertFalse(log.onCheck(1, true, 20 * SECOND_NS, "bob", "aeron:ipc"));
        assertTrue(messages.isEmpty(), messages.toString());
    }
}
