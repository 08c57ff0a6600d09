package io.aeolus.jms.foundation;

import java.nio.file.Files;

/**
 * The manual soak behind {@link CrashRecoveryIT}: the same kill loop, as long as asked, outside JUnit's timeout.
 * From jms-provider/, after {@code mvn install -DskipTests} and {@code mvn dependency:build-classpath
 * -Dmdep.outputFile=cp.txt}:
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Daeolus.crash.kills=100 \
 *     -cp target/test-classes:target/classes:$(cat cp.txt) io.aeolus.jms.foundation.CrashSoak
 * </pre>
 */
public final class CrashSoak
{
    private CrashSoak()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final CrashRecoveryIT test = new CrashRecoveryIT();
        test.dataDir = Files.createTempDirectory("aeolus-crash-soak");
        final long startNs = System.nanoTime();
        test.shouldLoseNoConfirmedMessageAndConsumeNoneTwiceAcrossRepeatedKills();
        System.out.println("SOAK PASSED: " + Integer.getInteger("aeolus.crash.kills", 5) + " kills, " +
            test.confirmedCount() + " confirmed sends, " + test.consumedCount() + " consumed, " +
            test.inDoubtCount() + " commits in doubt, " + (System.nanoTime() - startNs) / 1_000_000_000 + " s");
    }
}
