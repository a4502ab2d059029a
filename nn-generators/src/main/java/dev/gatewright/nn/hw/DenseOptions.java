package dev.gatewright.nn.hw;

import dev.gatewright.nn.timing.ClockTarget;
import java.util.Objects;
import java.util.Optional;

/**
 * How a dense layer becomes hardware.
 *
 * @param reuse the reuse factor R: 1 computes every product in parallel and accepts an input every
 *     cycle; R > 1 time-shares {@code ceil(nonzero weights / R)}-ish multipliers (one group per output)
 *     and accepts an input every R cycles
 * @param multiplier the shared adder graph, CSD shift-add per weight or a plain {@code *} (only R = 1 has
 *     constant multiplicands; time-shared multipliers always use {@code *})
 * @param registerEvery without a clock: adder levels between pipeline registers (0: only the output
 *     register)
 * @param clock the clock to place pipeline registers for, by the target's delay model (R = 1); empty:
 *     every {@code registerEvery} adder levels
 * @param summation how the shared adder graph sums each output (a tree of adders, or a compressor tree)
 */
public record DenseOptions(int reuse, MultiplierStyle multiplier, int registerEvery, Optional<ClockTarget> clock,
    Summation summation) {

  /** The clock {@code build} and the demo pipeline for when none is given: xc7 at 200 MHz. */
  public static final ClockTarget DEFAULT_CLOCK = ClockTarget.of("xc7", 200);

  public DenseOptions {
    if (reuse < 1) {
      throw new IllegalArgumentException("the reuse factor must be at least 1, not " + reuse);
    }
    if (registerEvery < 0) {
      throw new IllegalArgumentException("registerEvery must not be negative: " + registerEvery);
    }
    Objects.requireNonNull(multiplier, "multiplier");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(summation, "summation");
  }

  /** Options whose outputs are summed by trees of adders. */
  public DenseOptions(int reuse, MultiplierStyle multiplier, int registerEvery, Optional<ClockTarget> clock) {
    this(reuse, multiplier, registerEvery, clock, Summation.ADDER_TREE);
  }

  /** Options without a clock: registers every {@code registerEvery} adder levels. */
  public DenseOptions(int reuse, MultiplierStyle multiplier, int registerEvery) {
    this(reuse, multiplier, registerEvery, Optional.empty());
  }

  /** What {@code gatewright build} does by default: one shared adder graph per layer, pipelined for {@link #DEFAULT_CLOCK}. */
  public static DenseOptions defaults() {
    return new DenseOptions(1, MultiplierStyle.ADDER_GRAPH, 2, Optional.of(DEFAULT_CLOCK));
  }

  public DenseOptions withReuse(int r) {
    return new DenseOptions(r, multiplier, registerEvery, clock, summation);
  }

  public DenseOptions withMultiplier(MultiplierStyle style) {
    return new DenseOptions(reuse, style, registerEvery, clock, summation);
  }

  /** The adder graph's outputs summed as {@code s} says. */
  public DenseOptions withSummation(Summation s) {
    return new DenseOptions(reuse, multiplier, registerEvery, clock, s);
  }

  /** Registers every {@code levels} adder levels instead of for a clock. */
  public DenseOptions withRegisterEvery(int levels) {
    return new DenseOptions(reuse, multiplier, levels, Optional.empty(), summation);
  }

  /** Registers placed for {@code clock}. */
  public DenseOptions withClock(ClockTarget clock) {
    return new DenseOptions(reuse, multiplier, registerEvery, Optional.of(clock), summation);
  }
}
