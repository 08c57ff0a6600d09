package io.aeolus.transport.crypto;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the receiving end of an encrypted connection: a genuine sealed frame with fuzzed bytes
 * overwritten, or fuzzed bytes alone, go into a {@link FrameOpener}. Whatever arrives, it throws nothing; what it
 * opens is exactly the genuine frame, and only once (a replay never opens).
 */
class FrameOpenerFuzzTest
{
    private static final TransportKeys KEYS = TransportKeys.derive(new byte[32],
        "n=fuzz,r=a,r=ab,s=c2FsdA==,i=4096,c=biws,r=ab".getBytes(StandardCharsets.US_ASCII));

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldOpenOnlyTheGenuineFrameOnce(final FuzzedDataProvider data)
    {
        final FrameSealer sealer = KEYS.clientSealer(7);
        final FrameOpener opener = KEYS.brokerOpener(7);
        final byte[] genuine = data.consumeBytes(200);
        final byte[] sealed = sealer.sealToNewArray(genuine, genuine.length);
        final byte[] received;
        if (data.consumeBoolean())
        {
            received = sealed.clone();
            final int edits = data.consumeInt(0, 4);
            for (int i = 0; i < edits; i++)
            {
                received[data.consumeInt(0, received.length - 1)] = data.consumeByte();
            }
        }
        else
        {
            received = data.consumeRemainingAsBytes();
        }

        final int length = opener.open(new UnsafeBuffer(received), 0, received.length);
        if (length >= 0)
        {
            assertArrayEquals(genuine, Arrays.copyOf(opener.buffer().byteArray(), length));
            assertEquals(-1, opener.open(new UnsafeBuffer(received), 0, received.length), "a replay opened");
        }
        else
        {
            assertTrue(null != opener.problem() && !opener.problem().isEmpty(), "a refusal needs a reason");
        }
    }
}
