package dev.gatewright.nn.imports.streamline;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A quantizer of one element as a model defines it: a monotone non-decreasing map from a real value to an
 * integer level in {@code min, min + step, …, max}, and the real value each level stands for
 * ({@code mul · level + add}). Computed exactly on rationals.
 */
public sealed interface Quantization {

  long level(Rational z);

  long min();

  long max();

  long step();

  /** The real value of level {@code q} is {@code mul · q + add}. */
  Rational mul();

  Rational add();

  /** How a QONNX Quant/Trunc rounds (the spec's table; ROUND is half to even, DOWN = ROUND_TO_ZERO). */
  enum Mode {
    ROUND, CEIL, FLOOR, UP, DOWN, HALF_UP, HALF_DOWN;

    public static Mode parse(String text) {
      String t = text.strip().toUpperCase(Locale.ROOT);
      if (t.equals("ROUND_TO_ZERO")) {
        return DOWN;
      }
      try {
        return valueOf(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown rounding_mode \"" + text + "\" (expected one of "
            + Arrays.toString(values()) + " or ROUND_TO_ZERO)");
      }
    }

    public BigInteger round(Rational z) {
      BigInteger floor = z.floor();
      if (z.isInteger()) {
        return floor;
      }
      BigInteger ceil = floor.add(BigInteger.ONE);
      int half = z.subtract(Rational.of(floor)).compareTo(new Rational(BigInteger.ONE, BigInteger.TWO));
      boolean negative = z.signum() < 0;
      return switch (this) {
        case FLOOR -> floor;
        case CEIL -> ceil;
        case DOWN -> negative ? ceil : floor;
        case UP -> negative ? floor : ceil;
        case ROUND -> half < 0 ? floor : half > 0 ? ceil : floor.testBit(0) ? ceil : floor;
        case HALF_UP -> half < 0 ? floor : half > 0 ? ceil : negative ? floor : ceil;
        case HALF_DOWN -> half < 0 ? floor : half > 0 ? ceil : negative ? ceil : floor;
      };
    }
  }

  /** QONNX's integer Quant: {@code q = clamp(round(z / scale + zeroPoint))}, real {@code scale · (q − zeroPoint)}. */
  record IntQuant(Rational scale, Rational zeroPoint, int bits, boolean signed, boolean narrow, Mode mode)
      implements Quantization {
    public IntQuant {
      Objects.requireNonNull(scale, "scale");
      Objects.requireNonNull(zeroPoint, "zeroPoint");
      Objects.requireNonNull(mode, "mode");
      if (scale.signum() <= 0) {
        throw new IllegalArgumentException("the scale must be > 0, not " + scale);
      }
      if (bits < 1 || bits > 32) {
        throw new IllegalArgumentException("the bit width must be 1..32, not " + bits);
      }
    }

    @Override
    public long min() {
      return signed ? -(1L << (bits - 1)) + (narrow ? 1 : 0) : 0;
    }

    @Override
    public long max() {
      return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1 - (narrow ? 1 : 0);
    }

    @Override
    public long step() {
      return 1;
    }

    @Override
    public long level(Rational z) {
      BigInteger q = mode.round(z.divide(scale).add(zeroPoint));
      return Math.max(min(), Math.min(max(), q.max(BigInteger.valueOf(min())).min(BigInteger.valueOf(max()))
          .longValueExact()));
    }

    @Override
    public Rational mul() {
      return scale;
    }

    @Override
    public Rational add() {
      return scale.multiply(zeroPoint).negate();
    }
  }

  /** QONNX's BipolarQuant: {@code z ≥ 0 ? +1 : −1}, real {@code scale · q}. */
  record Bipolar(Rational scale) implements Quantization {
    public Bipolar {
      if (scale.signum() <= 0) {
        throw new IllegalArgumentException("the scale must be > 0, not " + scale);
      }
    }

    @Override
    public long level(Rational z) {
      return z.signum() >= 0 ? 1 : -1;
    }

    @Override
    public long min() {
      return -1;
    }

    @Override
    public long max() {
      return 1;
    }

    @Override
    public long step() {
      return 2;
    }

    @Override
    public Rational mul() {
      return scale;
    }

    @Override
    public Rational add() {
      return Rational.ZERO;
    }
  }

  /** ONNX Sign: −1, 0 or +1. */
  record Sign() implements Quantization {
    @Override
    public long level(Rational z) {
      return z.signum();
    }

    @Override
    public long min() {
      return -1;
    }

    @Override
    public long max() {
      return 1;
    }

    @Override
    public long step() {
      return 1;
    }

    @Override
    public Rational mul() {
      return Rational.ONE;
    }

    @Override
    public Rational add() {
      return Rational.ZERO;
    }
  }

  /** FINN's MultiThreshold: {@code q = #{k : z ≥ t[k]}}, real {@code outScale · q + outBias}. */
  record MultiThreshold(List<Rational> thresholds, Rational outScale, Rational outBias) implements Quantization {
    public MultiThreshold {
      thresholds = List.copyOf(thresholds);
      if (thresholds.isEmpty()) {
        throw new IllegalArgumentException("no thresholds");
      }
      if (outScale.signum() <= 0) {
        throw new IllegalArgumentException("out_scale must be > 0 here, not " + outScale);
      }
    }

    @Override
    public long level(Rational z) {
      long count = 0;
      for (Rational t : thresholds) {
        count += z.compareTo(t) >= 0 ? 1 : 0;
      }
      return count;
    }

    @Override
    public long min() {
      return 0;
    }

    @Override
    public long max() {
      return thresholds.size();
    }

    @Override
    public long step() {
      return 1;
    }

    @Override
    public Rational mul() {
      return outScale;
    }

    @Override
    public Rational add() {
      return outBias;
    }
  }

  /**
   * QONNX's Trunc (version 2 with {@code outScale}; version 1 keeps the input scale):
   * {@code y = round(z / scale + zeroPoint)}, {@code q = clamp(mode(y / 2^shift))}, real
   * {@code outScale · (q − zeroPoint / 2^shift)} (version 1: {@code scale · (q − zeroPoint)}).
   */
  record Trunc(Rational scale, Rational zeroPoint, int shift, int outBits, boolean signed, boolean narrow,
      Rational outScale, Rational outZeroPoint, Mode mode) implements Quantization {

    @Override
    public long level(Rational z) {
      BigInteger y = Mode.ROUND.round(z.divide(scale).add(zeroPoint));
      Rational shifted = Rational.of(y).shift(-shift);
      Rational clamped = shifted.max(Rational.of(min())).min(Rational.of(max()));
      return mode.round(clamped).longValueExact();
    }

    @Override
    public long min() {
      return signed ? -(1L << (outBits - 1)) + (narrow ? 1 : 0) : 0;
    }

    @Override
    public long max() {
      return signed ? (1L << (outBits - 1)) - 1 : (1L << outBits) - 1 - (narrow ? 1 : 0);
    }

    @Override
    public long step() {
      return 1;
    }

    @Override
    public Rational mul() {
      return outScale;
    }

    @Override
    public Rational add() {
      return outScale.multiply(outZeroPoint).negate();
    }
  }
}
