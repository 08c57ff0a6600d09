/**
 * The floor: the same ping-pong, throughput, fan-out and fixed-rate shapes on bare Aeron publications and
 * subscriptions, over IPC and UDP, with embedded media drivers configured as the broker's.
 */
package io.aeolus.benchmarks.perf.aeron;
