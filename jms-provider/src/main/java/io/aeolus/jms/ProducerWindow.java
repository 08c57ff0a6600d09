package io.aeolus.jms;

import io.aeolus.transport.Response;
import io.aeolus.transport.TransportException;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds what one producer has sent without an answer (non-persistent sends, sends in a transaction), so that a send
 * the broker refuses reaches a sending call instead of vanishing. Every {@link #REQUEST_EVERY_BYTES} of such sends, one
 * send asks the broker for an answer, without waiting for it; the broker answers it only after every earlier send,
 * and with an error if one of them was refused (it then refuses the sends in between too). A sender with more than
 * {@link #MAX_UNANSWERED_BYTES} unanswered waits for answers, for at most the send timeout, so a broker that holds
 * the producer back (flow control withholds answers while a destination is over its memory limit) slows it down.
 * <p>
 * A refusal surfaces as the {@link JMSException} its error code maps to (a {@link ResourceAllocationException} for
 * a full destination), thrown by the next send, or the one waiting for room. Used by the producer's sending thread
 * only (a session is single-threaded); answers complete on the connection's receive thread and are only read here.
 */
final class ProducerWindow
{
    /** A send asks for an answer once this many bytes were sent since the last one that asked. */
    static final int REQUEST_EVERY_BYTES = 64 * 1024;
    /** Most bytes sent and not yet answered before the sender waits. */
    static final int MAX_UNANSWERED_BYTES = 128 * 1024;

    private final long timeoutNs;
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    private long unrequestedBytes;
    private long requestedBytes;

    /**
     * @param timeoutNs how long a sender waits for room before it fails (the connection's send timeout).
     */
    ProducerWindow(final long timeoutNs)
    {
        this.timeoutNs = timeoutNs;
    }

    /**
     * Before a send: throws the refusal of an earlier send if one came back, and waits while the window is full.
     *
     * @throws JMSException the refusal, or a {@link ResourceAllocationException} if no answer came within the
     *                      send timeout.
     */
    void awaitRoom() throws JMSException
    {
        pollAnswers();
        if (unrequestedBytes + requestedBytes < MAX_UNANSWERED_BYTES || requests.isEmpty())
        {
            return;
        }
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (unrequestedBytes + requestedBytes >= MAX_UNANSWERED_BYTES && !requests.isEmpty())
        {
            final Request oldest = requests.peekFirst();
            final long remainingNs = deadlineNs - System.nanoTime();
            try
            {
                oldest.answer.get(Math.max(0, remainingNs), TimeUnit.NANOSECONDS);
            }
            catch (final TimeoutException ex)
            {
                throw new ResourceAllocationException("the broker did not answer this producer's last " +
                    (unrequestedBytes + requestedBytes) + " bytes of sends within the send timeout (" +
                    TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms): a destination it sends to is over its " +
                    "memory limit", "RESOURCE_ALLOCATION");
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw AeolusExceptions.jms("interrupted while waiting for the broker to answer earlier sends", ex);
            }
            catch (final ExecutionException ex)
            {
                // Thrown below, by pollAnswers().
            }
            pollAnswers();
        }
    }

    /**
     * Counts a send that asks for no answer of its own.
     *
     * @param length the send's encoded length.
     * @return true if this send must ask for an answer (then call {@link #onRequested}).
     */
    boolean onSend(final int length)
    {
        unrequestedBytes += length;
        return unrequestedBytes >= REQUEST_EVERY_BYTES;
    }

    /**
     * The send that {@link #onSend} chose asked for this answer: it stands for every send since the previous one.
     *
     * @param answer the broker's answer.
     */
    void onRequested(final CompletableFuture<Response> answer)
    {
        requests.addLast(new Request(answer, unrequestedBytes));
        requestedBytes += unrequestedBytes;
        unrequestedBytes = 0;
    }

    /**
     * A transaction ended (commit or rollback): refusals of its sends were reported by the commit or are void, so
     * answers still outstanding only free room.
     */
    void onTransactionEnded()
    {
        for (final Request request : requests)
        {
            request.reportRefusal = false;
        }
    }

    /**
     * @return bytes sent and not yet answered.
     */
    long unansweredBytes()
    {
        return unrequestedBytes + requestedBytes;
    }

    private void pollAnswers() throws JMSException
    {
        Request request;
        while (null != (request = requests.peekFirst()) && request.answer.isDone())
        {
            requests.pollFirst();
            requestedBytes -= request.bytes;
            if (request.answer.isCompletedExceptionally() && request.reportRefusal)
            {
                throw refusal(request.answer);
            }
        }
    }

    private static JMSException refusal(final CompletableFuture<Response> answer)
    {
        try
        {
            answer.join();
            return new JMSException("a send was refused");
        }
        catch (final CompletionException | java.util.concurrent.CancellationException ex)
        {
            final Throwable cause = null == ex.getCause() ? ex : ex.getCause();
            if (cause instanceof TransportException)
            {
                return AeolusExceptions.toJms((TransportException)cause);
            }
            return AeolusExceptions.jms("an earlier send of this producer failed", cause);
        }
    }

    private static final class Request
    {
        final CompletableFuture<Response> answer;
        final long bytes;
        boolean reportRefusal = true;

        Request(final CompletableFuture<Response> answer, final long bytes)
        {
            this.answer = answer;
            this.bytes = bytes;
        }
    }
}
