package dev.gatewright.nn.dataflow;

import java.util.function.IntPredicate;

/**
 * The timing of a step machine: a stage that walks a fixed cycle of {@code period} steps, at most one per
 * cycle. Step {@code j} takes an input beat when {@code needsInput(j)} (and then waits for one) and
 * produces an output beat when {@code producesOutput(j)}, {@code depth} cycles after it issued. A step
 * issues in a cycle where the {@link OutputTiming enable} is high and, if it needs one, the input is valid.
 * The matrix-vector unit, the pools, the element-wise stages and the width converters are step machines.
 */
final class StepTiming implements StageTiming {

  private final long period;
  private final IntPredicateLong needsInput;
  private final IntPredicateLong producesOutput;
  private final int depth;
  private final OutputTiming output;
  private long step;

  /** A predicate over step numbers (longs: a global pool's period can pass 2^31). */
  @FunctionalInterface
  interface IntPredicateLong {
    boolean test(long step);

    static IntPredicateLong always() {
      return j -> true;
    }

    static IntPredicateLong of(IntPredicate p) {
      return j -> p.test((int) j);
    }
  }

  StepTiming(long period, IntPredicateLong needsInput, IntPredicateLong producesOutput, int depth) {
    if (period < 1 || depth < 1) {
      throw new IllegalArgumentException("period and depth must be positive: " + period + ", " + depth);
    }
    this.period = period;
    this.needsInput = needsInput;
    this.producesOutput = producesOutput;
    this.depth = depth;
    this.output = new OutputTiming(depth - 1);
  }

  @Override
  public boolean inReady() {
    return output.enable() && needsInput.test(step);
  }

  @Override
  public boolean outValid() {
    return output.outValid();
  }

  @Override
  public void clock(boolean inFire, boolean outFire) {
    boolean issue = output.enable() && (needsInput.test(step) ? inFire : true);
    boolean produced = issue && producesOutput.test(step);
    output.clock(produced, outFire);
    if (issue) {
      step = step + 1 == period ? 0 : step + 1;
    }
  }

  @Override
  public StageTiming reset() {
    return new StepTiming(period, needsInput, producesOutput, depth);
  }
}
