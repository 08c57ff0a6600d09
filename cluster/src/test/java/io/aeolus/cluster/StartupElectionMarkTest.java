package io.aeolus.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/**
 * The Aeron on the class path has the fields {@link StartupElectionMark} reaches; a new Aeron without them fails
 * here, not at a member's first election. Clearing the mark is tested on running members by
 * {@code ClusterFirstElectionLeaderIT}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StartupElectionMarkTest
{
    @Test
    void thisAeronHasTheElectionsStartupMark()
    {
        assertDoesNotThrow(StartupElectionMark::check);
    }
}
