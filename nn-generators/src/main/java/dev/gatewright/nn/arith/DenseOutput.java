package dev.gatewright.nn.arith;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.nn.Quantizer;
import java.util.Objects;
import java.util.Optional;

/**
 * How one output of a dense layer is finished after its adder graph, exactly as
 * {@code GoldenModel.dense} defines it, with everything the hardware needs to know to build it narrow:
 * <ol>
 *   <li>{@code total = (sum << shift) + bias}: the graph's {@code sum = Σ w·x} (raw, fraction
 *       {@code fw + fx}; empty for a row of zero weights) moved to the accumulator's fraction, plus the
 *       bias already aligned to that fraction (a constant; floored when the bias has more fraction bits),
 *       less what the sum exceeds {@code Σ w·x} by when the inputs enter the graph moved
 *       ({@link InputOffsets}): one constant.
 *       Its exact range is {@code total}. Adding a constant (or negating) needs no full adders, only a
 *       carry chain of {@code totalChain} bits (0 when there is nothing to add).</li>
 *   <li>{@code accumulator = overflow(total)} into the layer's accumulator type with its overflow mode;
 *       when {@code accumulatorOverflows} is false no value ever leaves the type and the step is
 *       wiring.</li>
 *   <li>{@code result = resize(accumulator)} with the result quantizer; {@code resultOverflows} says
 *       whether its overflow handling can ever act (else only the rounding is built).</li>
 * </ol>
 */
public record DenseOutput(
    int output,
    Optional<Term> sum,
    int shift,
    long bias,
    Interval total,
    int totalChain,
    FixedType accumulatorType,
    Overflow accumulatorOverflow,
    boolean accumulatorOverflows,
    Interval accumulated,
    Quantizer result,
    boolean resultOverflows) {

  public DenseOutput {
    Objects.requireNonNull(sum, "sum");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(accumulatorType, "accumulatorType");
    Objects.requireNonNull(accumulatorOverflow, "accumulatorOverflow");
    Objects.requireNonNull(accumulated, "accumulated");
    Objects.requireNonNull(result, "result");
    if (shift < 0) {
      throw new IllegalArgumentException("output " + output + ": the sum moves left to the accumulator's fraction, not by "
          + shift);
    }
  }

  /** Whether finishing the output needs a carry chain (for the bias, or to negate the sum). */
  public boolean needsAdder() {
    return totalChain > 0;
  }

  @Override
  public String toString() {
    String s = sum.map(t -> shift == 0 ? t.toString() : "(" + t + ") << " + shift).orElse("0");
    return "y" + output + ": total = " + s + (bias != 0 ? " + " + bias : "") + " in " + total + " (" + totalChain
        + "-bit chain); acc " + accumulatorType + (accumulatorOverflows ? " " + accumulatorOverflow : " (never overflows)")
        + " -> " + result + (resultOverflows ? "" : " (never overflows)");
  }
}
