package io.aeolus.benchmarks.jmh;

import io.aeolus.transport.crypto.FrameOpener;
import io.aeolus.transport.crypto.FrameSealer;
import io.aeolus.transport.crypto.TransportKeys;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What transport encryption adds per frame, without the network: sealing a frame (AES-256-GCM, one reused
 * {@code Cipher} per direction) and sealing then opening it (what a frame costs both ends together), for frame sizes
 * of a small message, a 1 KiB one and an Aeron-sized chunk. The frame sits in a direct buffer, as a frame in an Aeron
 * term does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED"})
public class FrameSealerBenchmark
{
    @Param({ "128", "1024", "16384" })
    int frameLength;

    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private FrameSealer sealer;
    private FrameOpener opener;

    /**
     * Derives keys as a login would and fills the frame.
     */
    @Setup
    public void setUp()
    {
        final TransportKeys keys = TransportKeys.derive(new byte[32],
            "n=bench,r=nonce,r=noncemore,s=c2FsdA==,i=4096,c=biws,r=noncemore".getBytes(StandardCharsets.US_ASCII));
        sealer = keys.clientSealer(1);
        opener = keys.brokerOpener(1);
        for (int i = 0; i < frameLength; i++)
        {
            frame.putByte(i, (byte)i);
        }
    }

    /**
     * @return the sealed length.
     */
    @Benchmark
    public int seal()
    {
        return sealer.seal(frame, 0, frameLength);
    }

    /**
     * @return the opened length.
     */
    @Benchmark
    public int sealAndOpen()
    {
        final int sealedLength = sealer.seal(frame, 0, frameLength);
        return opener.open(sealer.buffer(), 0, sealedLength);
    }
}
