package io.aeolus.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every sample in-process through its command, with small counts, each against the embedded broker it starts
 * for itself, and checks what it prints: the samples cannot rot.
 */
@Timeout(60)
class SamplesIT
{
    private static String run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = new CommandLine(new Samples())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
        final String text = out.toString();
        assertEquals(0, exitCode, text + err);
        assertTrue(text.contains("Started an embedded broker"), text);
        return text;
    }

    private static void assertPrints(final String text, final String regex)
    {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(text).find(), "expected /" + regex + "/ in:\n" +
            text);
    }

    @Test
    void shouldShipEveryOrderIncludingPoisonOnesFixedFromTheDlqAndOnesOfADeadWorker()
    {
        final String text = run("orders", "--count", "8", "--poison-every", "4", "--workers", "2",
            "--crash-after", "0");

        assertPrints(text, "^worker-2 DIES after shipping order 10\\d\\d, before acknowledging it$");
        assertPrints(text, "^worker-1 shipped order 10\\d\\d \\(redelivered\\)$");
        assertPrints(text, "^DLQ\\.orders holds order 1004: reason MAX_DELIVERY_ATTEMPTS after 3 deliveries, " +
            "from orders$");
        assertPrints(text, "^worker-\\d shipped order 1008 \\(retried after a fix\\)$");
        assertPrints(text, "^Summary: 8 orders, 8 shipped \\(2 fixed and retried from DLQ\\.orders, 1 " +
            "redelivered after a worker died\\), 0 lost$");
    }

    @Test
    void shouldShareABurstOfPaymentsByPrefetch()
    {
        final String text = run("payments", "--count", "60", "--prefetch", "10,0");

        assertPrints(text, "^prefetch   10:  worker-1 \\(2 ms\\) took +\\d+ .* all 60 done in \\d+ ms$");
        assertPrints(text, "^prefetch    0:  worker-1 \\(2 ms\\) took +\\d+ .* all 60 done in \\d+ ms$");
    }

    @Test
    void shouldFilterPricesByWildcardLetTheDurableAuditCatchUpAndKeepTheLatestPricePerSymbol()
    {
        final String text = run("ticker", "--count", "6");

        assertPrints(text, "^  dashboard  ACME +\\d+\\.\\d\\d$");
        assertPrints(text, "^Desk GLOBEX received 4 GLOBEX updates$");
        assertPrints(text, "^Audit recorded 6 updates on catching up$");
        assertPrints(text, "^Summary: published 12, audit recorded 12 \\(6 of them published while it was " +
            "offline\\), desks received 0 updates of other symbols$");
        assertPrints(text, "^Quote board read 3 latest prices from last-value queue stock\\.latest, for 12 " +
            "updates: GLOBEX [\\d.]+ \\(#10\\), INITECH [\\d.]+ \\(#11\\), ACME [\\d.]+ \\(#12\\)$");
    }

    @Test
    void shouldValidateAndMapReadingsInTheBrokerForTheDashboardAndBatchAnalytics()
    {
        final String text = run("iot", "--sensors", "3", "--readings", "20", "--batch", "25");

        assertPrints(text, "^Sensors published 60 readings over MQTT to sensors/\\+/celsius$");
        assertPrints(text, "^Broker dead-lettered 1 invalid readings to DLQ\\.sensors\\.sensor-2\\.celsius, " +
            "reason: INVALID: the body does not match the JSON schema: /celsius: must have a minimum value of -90");
        assertPrints(text, "^Analytics committed a batch of 25 readings: mean");
        assertPrints(text, "^Analytics committed a batch of 9 readings: mean");
        assertPrints(text, "^Late MQTT dashboard got the retained latest reading of 3 sensors: \\{sensor-1=");
        assertPrints(text, "^Summary: 60 readings published, 59 valid ones seen live, 59 analysed in batches of " +
            "25, 1 invalid dead-lettered$");
    }

    @Test
    void shouldRouteMailByBrokerRulesWithNoRouterProcess()
    {
        final String text = run("email-routing", "--count", "8");

        assertPrints(text, "^Applications sent 9 mails to email\\.inbox");
        assertPrints(text, "^email\\.inbox holds 1 mail \\(of an unknown kind, for a person\\), email\\.urgent 2, " +
            "email\\.bulk 6$");
        assertPrints(text, "^Mailer for email\\.urgent sent 2 mails: U4 U8$");
        assertPrints(text, "^Mailer for email\\.bulk sent 6 mails: b1 b2 b3 b5 b6 b7$");
        assertPrints(text, "^A person looked at 1 mail left in email\\.inbox$");
    }

    @Test
    void shouldAnswerRequestsByCorrelationIdAndTimeOutWhenTheServiceIsGone()
    {
        final String text = run("request-reply", "--count", "2", "--requesters", "2", "--timeout-ms", "1500");

        assertPrints(text, "^requester-2: 400 EUR -> 432\\.00 USD \\(correlation id ID:.+, \\d+ us\\)$");
        assertPrints(text, "^requester-late: 42 EUR -> no reply within 1500 ms, giving up$");
        assertPrints(text, "^Summary: 4 answered, 1 timed out$");
    }

    @Test
    void shouldPrintRoundTripPercentiles()
    {
        final String text = run("low-latency", "--warmup", "0", "--duration", "2");

        assertPrints(text, "^ +\\d+ s +[\\d,]+ round trips  p50 +[\\d.]+ +p90");
        assertPrints(text, "^total +[1-9][\\d,]* round trips  p50 +[\\d.]+ +p90 +[\\d.]+ +p99 +[\\d.]+ +p99\\.9 " +
            "+[\\d.]+ +max +[\\d.]+ us$");
    }

    @Test
    void shouldDeliverRemindersNoEarlierThanDueAndNeverAnExpiredQuote()
    {
        final String text = run("delayed", "--count", "3", "--step-ms", "300");

        assertPrints(text, "^  reminder 3: due at \\+\\d+ ms, arrived at \\+\\d+ ms \\(\\d+ ms after due\\)$");
        assertPrints(text, "^  [1-3] of 3 quotes expired before the consumer got to them and never arrived$");
        assertPrints(text, "^Summary: 0 reminders arrived early, 0 expired quotes arrived$");
    }

    @Test
    void shouldLetALateJobReadTheLastHourAndReplayItIntoAQueue()
    {
        final String text = run("replay", "--count", "8");

        assertPrints(text, "^Shop published 8 click events to topic shop\\.clicks; the live dashboard saw 8$");
        assertPrints(text, "^Analytics job started late \\(shop\\.clicks\\?start=-1h\\) and read 8 events: " +
            "\\{/cart=2, /checkout=2, /home=2, /product=2\\}$");
        assertPrints(text, "^A job starting from .+Z read 4 events \\(the second half\\)$");
        assertPrints(text, "^Replay 1 of the last hour into queue analytics\\.backfill: 8 of 8 copied \\(done\\); " +
            "the batch job read 8$");
        assertPrints(text, "^Summary: 8 published, 8 read late, 4 read from the middle, 8 replayed, 0 lost$");
    }
}
