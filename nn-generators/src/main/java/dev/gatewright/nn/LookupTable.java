package dev.gatewright.nn;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.math.BigInteger;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * A function tabulated over {@code [low, high)} in {@code size} equal bins, each entry a raw value of
 * {@code type}. Used for sigmoid, tanh and softmax's exponent and reciprocal.
 *
 * <p>The bin width {@code step = (high - low) / size} must be a power of two ({@code 2^s}, any integer
 * {@code s}) and {@code low} a multiple of it, so that indexing is a shift and a subtraction:
 * for an input {@code x} with raw value {@code r} and fraction {@code f},
 * <pre>
 *   index(x) = clamp( floor(r × 2^-(f + s)) - low / step ,  0, size - 1 )
 * </pre>
 * that is {@code floor((x - low) / step)} clamped to the table — an input below {@code low} reads
 * entry 0, one at or above {@code high} reads entry {@code size - 1}. Entry {@code k} is the function's
 * value at the middle of bin {@code k}, {@code low + (k + 1/2) × step}, quantized into {@code type}
 * with {@link Rounding#HALF_EVEN} and {@link Overflow#SATURATE}.
 */
public record LookupTable(int size, double low, double high, FixedType type) {

  /** Largest table accepted. */
  public static final int MAX_SIZE = 1 << 20;

  public LookupTable {
    Objects.requireNonNull(type, "type");
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("table size must be 1.." + MAX_SIZE + ", not " + size);
    }
    if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
      throw new IllegalArgumentException("table range must be finite with low < high, not [" + low + ", " + high + ")");
    }
    double step = (high - low) / size;
    if (step != Math.scalb(1.0, Math.getExponent(step))) {
      throw new IllegalArgumentException("table bin width (high - low) / size = " + step
          + " must be a power of two, for range [" + low + ", " + high + ") and size " + size);
    }
    if (low / step != Math.rint(low / step)) {
      throw new IllegalArgumentException("table low end " + low + " must be a multiple of the bin width " + step);
    }
    if (type.width() > FixedValue.FAST_WIDTH) {
      throw new IllegalArgumentException("table entry type " + type + " is wider than " + FixedValue.FAST_WIDTH + " bits");
    }
  }

  /** The bin width. */
  public double step() {
    return (high - low) / size;
  }

  /** {@code s} with {@code step = 2^s}. */
  public int stepExponent() {
    return Math.getExponent(step());
  }

  /** {@code low / step}, an integer. */
  public long lowInSteps() {
    return (long) (low / step());
  }

  /** The entry index for raw value {@code raw} with {@code fraction} fraction bits (see the class comment). */
  public int index(long raw, int fraction) {
    BigInteger bins = FixedMath.round(BigInteger.valueOf(raw), fraction + stepExponent(), Rounding.TRUNCATE)
        .subtract(BigInteger.valueOf(lowInSteps()));
    if (bins.signum() < 0) {
      return 0;
    }
    return bins.compareTo(BigInteger.valueOf(size - 1)) > 0 ? size - 1 : bins.intValue();
  }

  /** Where entry {@code k} samples the function: the middle of its bin. */
  public double samplePoint(int k) {
    return low + (k + 0.5) * step();
  }

  /** The table's raw entries for {@code function}. */
  public long[] entries(DoubleUnaryOperator function) {
    long[] entries = new long[size];
    for (int k = 0; k < size; k++) {
      double y = function.applyAsDouble(samplePoint(k));
      if (Double.isNaN(y)) {
        throw new IllegalArgumentException("table function is undefined at " + samplePoint(k));
      }
      y = Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, y)); // an infinity saturates like any large value
      entries[k] = FixedMath.fromDouble(y, type, Rounding.HALF_EVEN, Overflow.SATURATE).longValueExact();
    }
    return entries;
  }

  @Override
  public String toString() {
    return "table(" + size + " x " + type + " over [" + low + ", " + high + "))";
  }
}
