package dev.gatewright.sim.verilator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a design is built. Every field is part of the cache key.
 *
 * @param trace build with {@code --trace} so the simulator can write VCD (a little slower per cycle)
 * @param verilatorArgs extra arguments for {@code verilator}, after gatewright's own
 * @param cxxOptimization the optimisation flag for the model's per-cycle code ({@code -O2}; Verilator's
 *     makefile default {@code -Os} is about 30 % slower)
 * @param timeout the longest any one tool run of the build may take
 */
public record VerilatorOptions(boolean trace, List<String> verilatorArgs, String cxxOptimization,
    Duration timeout) {

  public VerilatorOptions {
    verilatorArgs = List.copyOf(verilatorArgs);
    Objects.requireNonNull(cxxOptimization, "cxxOptimization");
    Objects.requireNonNull(timeout, "timeout");
    if (!cxxOptimization.matches("-O[0-3sz]?|-Ofast")) {
      throw new IllegalArgumentException("not a g++ optimisation flag: " + cxxOptimization);
    }
  }

  public static VerilatorOptions defaults() {
    return new VerilatorOptions(false, List.of(), "-O2", Duration.ofMinutes(30));
  }

  public VerilatorOptions withTrace(boolean trace) {
    return new VerilatorOptions(trace, verilatorArgs, cxxOptimization, timeout);
  }

  public VerilatorOptions withVerilatorArgs(List<String> args) {
    return new VerilatorOptions(trace, args, cxxOptimization, timeout);
  }

  public VerilatorOptions withCxxOptimization(String flag) {
    return new VerilatorOptions(trace, verilatorArgs, flag, timeout);
  }

  public VerilatorOptions withTimeout(Duration timeout) {
    return new VerilatorOptions(trace, verilatorArgs, cxxOptimization, timeout);
  }
}
