/**
 * aeolus-perf, the load tool: the command line ({@link io.aeolus.benchmarks.perf.AeolusPerf}), the workloads and
 * their settings, the providers it can drive, and the reports (a table for people, one {@code RESULT} line per
 * figure set for machines, and the side-by-side {@code --compare} table of medians and ratios).
 */
package io.aeolus.benchmarks.perf;
