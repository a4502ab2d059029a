package dev.gatewright.nn.dataflow;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.Thresholds;
import java.math.BigInteger;

/**
 * The numbers of a matrix-vector unit, computed from its layer before any hardware: what its accumulator
 * holds and the exact range of each channel's finished sum, and whether (and how) a threshold activation can
 * compare the accumulator directly.
 *
 * <p>The accumulator holds {@code A}: with the XNOR datapath the number of agreeing signs, {@code P}, so the
 * dense sum is {@code D = 2P − inputs}; with the MAC datapath {@code D} itself, the exact sum of the terms
 * {@code w·x} each aligned to the layer's accumulator fraction as {@code GoldenModel.dense} aligns them (floored
 * when the accumulator has fewer fraction bits). The layer's value for channel {@code o} is then
 * {@code r(A) = resize(overflow(D(A) + bias[o]))}, and a threshold activation counts {@code r(A) ≥ t[k]}. When
 * {@code r} cannot decrease over the range of {@code A} (no wrap-around on the way), counting {@code A ≥ T[k]}
 * with {@code T[k]} the least {@code A} whose {@code r} reaches {@code t[k]} is the same count: FINN's
 * threshold folding, found here by exact search instead of algebra.
 */
final class MvauArithmetic {

  private final Dense layer;
  private final boolean xnor;
  private final int simd;
  private final int fraction; // the layer's accumulator fraction: A and D are raw values at it
  private final long[] low; // per channel, the least A
  private final long[] high; // per channel, the greatest A
  private final long[] bias; // per channel, the bias aligned to the accumulator fraction
  private final FixedType accumulator; // holds every partial sum of A
  private final FixedType dot; // holds every step's sum of SIMD terms

  MvauArithmetic(Dense layer, boolean xnor, int simd) {
    this.layer = layer;
    this.xnor = xnor;
    this.simd = simd;
    this.fraction = layer.accumulatorType().fraction();
    int outputs = layer.outputs();
    int inputs = layer.inputs();
    low = new long[outputs];
    high = new long[outputs];
    bias = new long[outputs];
    int biasShift = layer.biasType().fraction() - fraction;
    BigInteger partialLow = BigInteger.ZERO;
    BigInteger partialHigh = BigInteger.ZERO;
    BigInteger stepLow = BigInteger.ZERO;
    BigInteger stepHigh = BigInteger.ZERO;
    for (int o = 0; o < outputs; o++) {
      bias[o] = align(layer.bias(o), biasShift);
      if (xnor) {
        high[o] = inputs;
        continue;
      }
      long lo = 0;
      long hi = 0;
      long negatives = 0;
      long positives = 0;
      long stepNeg = 0;
      long stepPos = 0;
      for (int i = 0; i < inputs; i++) {
        long[] t = termRange(o, i);
        lo += t[0];
        hi += t[1];
        negatives += Math.min(t[0], 0);
        positives += Math.max(t[1], 0);
        stepNeg += Math.min(t[0], 0);
        stepPos += Math.max(t[1], 0);
        if ((i + 1) % simd == 0) {
          stepLow = stepLow.min(BigInteger.valueOf(stepNeg));
          stepHigh = stepHigh.max(BigInteger.valueOf(stepPos));
          stepNeg = 0;
          stepPos = 0;
        }
      }
      low[o] = lo;
      high[o] = hi;
      partialLow = partialLow.min(BigInteger.valueOf(negatives));
      partialHigh = partialHigh.max(BigInteger.valueOf(positives));
    }
    if (xnor) {
      accumulator = new FixedType(false, Hw.bitsFor(inputs), 0);
      dot = new FixedType(false, Hw.bitsFor(simd), 0);
    } else {
      accumulator = new FixedType(true, Hw.signedBits(partialLow, partialHigh), fraction);
      dot = new FixedType(true, Hw.signedBits(stepLow, stepHigh), fraction);
    }
  }

  /** The type of one term {@code w·x} aligned to the accumulator fraction, as the MAC datapath forms it. */
  FixedType termType() {
    FixedType product = FixedType.product(layer.weightType(), layer.inputType());
    int width = product.width() - (product.fraction() - fraction);
    return new FixedType(product.signed(), Math.max(width, 1), fraction);
  }

  /** The least and greatest aligned term {@code w[o][i] · x} over the input type's range. */
  private long[] termRange(int o, int i) {
    long w = layer.weight(o, i);
    long a = alignedTerm(w, layer.inputType().minRaw().longValueExact());
    long b = alignedTerm(w, layer.inputType().maxRaw().longValueExact());
    return new long[] {Math.min(a, b), Math.max(a, b)};
  }

  /** A term as the golden model forms it: {@code w·x} aligned to the accumulator's fraction. */
  long alignedTerm(long w, long x) {
    return align(w * x, layer.weightType().fraction() + layer.inputType().fraction() - fraction);
  }

  private static long align(long value, int dropped) {
    return dropped >= 0 ? value >> dropped : value << -dropped;
  }

  FixedType accumulator() {
    return accumulator;
  }

  FixedType dot() {
    return dot;
  }

  int fraction() {
    return fraction;
  }

  long low(int channel) {
    return low[channel];
  }

  long high(int channel) {
    return high[channel];
  }

  /** The bias of {@code channel}, aligned to the accumulator fraction (a raw value at {@link #fraction()}). */
  long bias(int channel) {
    return bias[channel];
  }

  /** The dense sum {@code D} for an accumulator value {@code A}. */
  long sum(long a) {
    return xnor ? 2 * a - layer.inputs() : a;
  }

  /** The layer's requantized value {@code r(A)} of {@code channel}: its raw result. */
  long requantized(int channel, long a) {
    FixedType acc = layer.accumulatorType();
    BigInteger total = BigInteger.valueOf(sum(a) + bias[channel]);
    BigInteger accumulated = FixedMath.overflow(total, acc, layer.accumulatorOverflow());
    Quantizer r = layer.result();
    return FixedMath.resize(accumulated, acc, r.type(), r.rounding(), r.overflow()).longValueExact();
  }

  /** Whether {@code r(A)} of every channel never decreases over its range of {@code A}. */
  boolean monotone() {
    FixedType acc = layer.accumulatorType();
    Quantizer r = layer.result();
    for (int o = 0; o < layer.outputs(); o++) {
      BigInteger lo = BigInteger.valueOf(sum(low[o]) + bias[o]);
      BigInteger hi = BigInteger.valueOf(sum(high[o]) + bias[o]);
      boolean accFits = acc.fits(lo) && acc.fits(hi);
      if (!accFits && layer.accumulatorOverflow() == Overflow.WRAP) {
        return false;
      }
      BigInteger a = FixedMath.overflow(lo, acc, layer.accumulatorOverflow());
      BigInteger b = FixedMath.overflow(hi, acc, layer.accumulatorOverflow());
      int dropped = acc.fraction() - r.type().fraction();
      BigInteger ra = FixedMath.round(a, dropped, r.rounding());
      BigInteger rb = FixedMath.round(b, dropped, r.rounding());
      if (!(r.type().fits(ra) && r.type().fits(rb)) && r.overflow() == Overflow.WRAP) {
        return false;
      }
    }
    return true;
  }

  /**
   * The thresholds of {@code t} moved onto the accumulator: row {@code c} for channel {@code c}, each the least
   * {@code A} in the channel's range whose {@code r(A)} reaches the threshold, or one past the range when none
   * does. Only valid when {@link #monotone()}.
   */
  long[][] thresholdsOnAccumulator(Thresholds t) {
    long[][] moved = new long[layer.outputs()][t.steps()];
    for (int c = 0; c < layer.outputs(); c++) {
      for (int k = 0; k < t.steps(); k++) {
        long target = t.threshold(c, k);
        long lo = low[c];
        long hi = high[c] + 1; // the answer lies in lo..hi; hi means "never"
        while (lo < hi) {
          long mid = lo + (hi - lo) / 2;
          if (requantized(c, mid) >= target) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        moved[c][k] = lo;
      }
    }
    return moved;
  }

  /** The least and greatest accumulator value over all channels. */
  long lowest() {
    long v = Long.MAX_VALUE;
    for (long l : low) {
      v = Math.min(v, l);
    }
    return v;
  }

  long highest() {
    long v = Long.MIN_VALUE;
    for (long h : high) {
      v = Math.max(v, h);
    }
    return v;
  }
}
