package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Global pooling of a channels-last {@link FeatureMap}: per channel the exact sum of its values over all
 * positions, divided by {@code divisor} and brought into the {@code result} type with its rounding and
 * overflow, the division rounded exactly (no intermediate rounding). With {@code divisor = height · width}
 * this is a global average pool; with divisor 1 and a result type wide enough it is the exact sum, whose
 * scale a following layer can absorb (FINN's global accumulator). What it computes is
 * {@link GoldenModel#globalPool}.
 */
public record GlobalPool(String name, FeatureMap input, FixedType inputType, long divisor, Quantizer result)
    implements Layer {

  public GlobalPool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(result, "result");
    Dense.checkWidth(name, inputType);
    Dense.checkWidth(name, result.type());
    if (divisor < 1 || divisor > (1L << 32)) {
      throw new IllegalArgumentException(name + ": the divisor must be 1.." + (1L << 32) + ", not " + divisor);
    }
    if (sumType(input, inputType).width() > FixedValue.FAST_WIDTH) {
      throw new IllegalArgumentException(name + ": sums of " + input.pixels() + " values of " + inputType
          + " are wider than " + FixedValue.FAST_WIDTH + " bits");
    }
  }

  /** A global average pool: the divisor is the number of positions. */
  public static GlobalPool average(String name, FeatureMap input, FixedType inputType, Quantizer result) {
    return new GlobalPool(name, input, inputType, input.pixels(), result);
  }

  /** The narrowest type that holds every exact per-channel sum. */
  public static FixedType sumType(FeatureMap input, FixedType inputType) {
    BigInteger n = BigInteger.valueOf(input.pixels());
    BigInteger low = inputType.minRaw().multiply(n);
    BigInteger high = inputType.maxRaw().multiply(n);
    int bits = Math.max(low.bitLength(), high.bitLength()) + (inputType.signed() ? 1 : 0);
    return new FixedType(inputType.signed(), Math.max(bits, 1), inputType.fraction());
  }

  public FixedType sumType() {
    return sumType(input, inputType);
  }

  @Override
  public int inputs() {
    return input.size();
  }

  @Override
  public int outputs() {
    return input.channels();
  }

  @Override
  public FixedType outputType() {
    return result.type();
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.globalPool(this);
  }

  @Override
  public String toString() {
    return "global pool " + name + " " + input + " / " + divisor + " -> " + result;
  }
}
