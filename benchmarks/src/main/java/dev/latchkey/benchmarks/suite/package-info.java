/**
 * {@code bin/latchkey bench}: one run of every figure, side by side, printed as one table and written
 * under {@code benchmarks/results/}. A figure comes from a {@link dev.latchkey.benchmarks.suite.Scenario}
 * registered in {@link dev.latchkey.benchmarks.suite.BenchmarkSuite#SCENARIOS}.
 */
@NullMarked
package dev.latchkey.benchmarks.suite;

import org.jspecify.annotations.NullMarked;
