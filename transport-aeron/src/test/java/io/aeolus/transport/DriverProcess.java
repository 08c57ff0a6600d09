package io.aeolus.transport;

import java.util.concurrent.locks.LockSupport;

/**
 * A JVM that runs a media driver the way the broker or a client does, for tests that kill it with SIGKILL:
 * {@code DriverProcess <aeron dir>} launches an embedded driver there, {@code DriverProcess embedded} takes a client's
 * own embedded driver ({@link SharedAeronClient}); both print {@code ready <dir>} and then wait to be killed.
 */
public final class DriverProcess
{
    private DriverProcess()
    {
    }

    /**
     * @param args the Aeron directory, or {@code embedded}.
     */
    public static void main(final String[] args)
    {
        final String dir;
        if (SharedAeronClient.EMBEDDED.equals(args[0]))
        {
            final SharedAeronClient client = SharedAeronClient.acquire(SharedAeronClient.EMBEDDED, 64 * 1024);
            dir = client.aeron().context().aeronDirectoryName();
        }
        else
        {
            dir = EmbeddedMediaDriver.launch(args[0], 64 * 1024, false, (throwable) -> { }).aeronDirectoryName();
        }
        System.out.println("ready " + dir);
        System.out.flush();
        while (true)
        {
            // Parked until the test kills this process; nothing to wait for.
            LockSupport.park();
        }
    }
}
