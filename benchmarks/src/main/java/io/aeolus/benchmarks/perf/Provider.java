package io.aeolus.benchmarks.perf;

import java.util.List;

/**
 * Something aeolus-perf can measure: a JMS provider with whatever it needs running (a broker in this process or in
 * another), or bare Aeron. Opened for one round of workloads, then closed. Used from the tool's main thread.
 */
public interface Provider extends AutoCloseable
{
    /**
     * @return the provider's name in results, e.g. {@code aeolus-ipc}.
     */
    String name();

    /**
     * @return how it is reached: {@code ipc}, {@code udp} or {@code tcp}.
     */
    String channel();

    /**
     * @param workload a workload.
     * @return false if the workload has no meaning here (bare Aeron has no persistent sends).
     */
    boolean supports(Workload workload);

    /**
     * Runs one workload with every variant its settings ask for (subscriber counts, rates, producer counts).
     *
     * @param workload the workload.
     * @param settings counts, sizes and caps.
     * @return one result per variant.
     * @throws Exception if the provider fails; the run of this workload is then lost, not the whole tool run.
     */
    List<Result> run(Workload workload, WorkloadSettings settings) throws Exception;

    /**
     * Stops whatever the provider started (brokers, drivers, processes) and deletes their files.
     */
    @Override
    void close();
}
