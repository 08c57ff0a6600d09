package io.aeolus.broker.security;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks PLAIN passwords off the conductor: the login module may block (JAAS, a directory) or hash slowly (the
 * users file derives the credential, a fraction of a second). The conductor offers attempts through one Agrona
 * queue; this agent, on the security thread, checks them and hands the results back through another.
 */
final class PlainVerifier implements Agent
{
    static final int CAPACITY = 256;

    private final LoginModule module;
    private final OneToOneConcurrentArrayQueue<Attempt> requests = new OneToOneConcurrentArrayQueue<>(CAPACITY);
    private Runnable waker = () -> { };
    private final OneToOneConcurrentArrayQueue<Attempt> results = new OneToOneConcurrentArrayQueue<>(CAPACITY);
    private int inFlight;

    PlainVerifier(final LoginModule module)
    {
        this.module = module;
    }

    /**
     * Sets what wakes this agent's thread when an attempt is submitted (it parks long while there is nothing to do).
     *
     * @param waker wakes the thread; run on the conductor thread.
     */
    void waker(final Runnable waker)
    {
        this.waker = waker;
    }

    /**
     * Conductor thread.
     *
     * @return false if too many checks are in flight; the attempt then fails.
     */
    boolean submit(final Handshake handshake, final String password)
    {
        if (inFlight >= CAPACITY || !requests.offer(new Attempt(handshake, password)))
        {
            return false;
        }
        inFlight++;
        waker.run();
        return true;
    }

    /**
     * Conductor thread.
     */
    int drainResults(final Consumer<Attempt> consumer)
    {
        final int count = results.drain(consumer);
        inFlight -= count;
        return count;
    }

    public int doWork()
    {
        final Attempt attempt = requests.poll();
        if (null == attempt)
        {
            return 0;
        }
        try
        {
            attempt.roles = module.login(attempt.handshake.user, attempt.password);
        }
        catch (final RuntimeException ex)
        {
            attempt.roles = null;
        }
        attempt.password = null;
        // Cannot fail: the conductor never has more than CAPACITY attempts in flight.
        results.offer(attempt);
        return 1;
    }

    public String roleName()
    {
        return "aeolus-plain-verifier";
    }

    static final class Attempt
    {
        final Handshake handshake;
        String password;
        Set<String> roles;

        Attempt(final Handshake handshake, final String password)
        {
            this.handshake = handshake;
            this.password = password;
        }
    }
}
