package dev.gatewright.nn.imports.streamline;

import dev.gatewright.hdl.FixedType;
import java.math.BigInteger;

/**
 * How the integer levels of per-element quantizers become raw values of one fixed-point type. When every
 * level's real value {@code mul · level + add} is dyadic (scales and offsets are multiples of powers of two,
 * as with power-of-two scales, bipolar ±1 or integer zero points), the raw value is that real value with
 * {@code fraction} fraction bits and nothing remains to decode. Otherwise the raw value is the level (plus
 * {@code add / mul} when that is an integer) and {@code decode} keeps the scale and offset.
 */
record Representation(boolean direct, int fraction, long[] shift, FixedType type, Chain[] decode, Quantization[] q) {

  static Representation of(Quantization[] q) {
    int n = q.length;
    int fraction = 0;
    boolean direct = true;
    for (Quantization x : q) {
      int fm = x.mul().dyadicFraction();
      int fa = x.add().dyadicFraction();
      // direct only for short dyadic scales (2, 0.5, 0.75, 2^-6): a float32 scale such as 0.0371 is dyadic
      // too, but as raw values it would cost 24 bits more than the level it stands for
      direct &= fm >= 0 && fa >= 0 && x.mul().num().bitLength() <= 8 && x.add().num().bitLength() <= 16;
      fraction = Math.max(fraction, Math.max(fm, fa));
    }
    direct &= fraction <= 24;
    long[] shift = new long[n];
    Chain[] decode = new Chain[n];
    boolean uniform = true;
    for (Quantization x : q) {
      uniform &= x.mul().equals(q[0].mul());
    }
    for (int e = 0; e < n && !direct; e++) {
      Rational ratio = q[e].add().divide(q[e].mul());
      boolean folds = uniform && ratio.isInteger() && ratio.num().bitLength() < 40;
      shift[e] = folds ? ratio.num().longValueExact() : 0;
      decode[e] = Chain.affine(q[e].mul(), folds ? Rational.ZERO : q[e].add());
    }
    if (direct) {
      java.util.Arrays.fill(decode, Chain.IDENTITY);
    }
    Representation partial = new Representation(direct, direct ? fraction : 0, shift, null, decode, q);
    BigInteger low = null;
    BigInteger high = null;
    for (int e = 0; e < n; e++) {
      for (long level : new long[] {q[e].min(), q[e].max()}) {
        BigInteger raw = BigInteger.valueOf(partial.raw(e, level));
        low = low == null ? raw : low.min(raw);
        high = high == null ? raw : high.max(raw);
      }
    }
    return new Representation(direct, partial.fraction, shift, Widths.typeFor(low, high, partial.fraction), decode, q);
  }

  /** The raw value of element {@code e} at quantizer level {@code level}. */
  long raw(int e, long level) {
    if (direct) {
      return q[e].mul().multiply(Rational.of(level)).add(q[e].add()).scaledToInteger(fraction).longValueExact();
    }
    return level + shift[e];
  }

  /** The change of the raw value when the level changes by {@code levelStep}. */
  long rawStep(int e, long levelStep) {
    return direct ? q[e].mul().multiply(Rational.of(levelStep)).scaledToInteger(fraction).longValueExact() : levelStep;
  }
}
