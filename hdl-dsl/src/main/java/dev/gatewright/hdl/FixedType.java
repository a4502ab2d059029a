package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A binary fixed-point number: {@code width} raw bits (two's complement when signed) whose value is
 * {@code raw × 2^-fraction}. As in ap_fixed, the fraction may be negative or exceed the width.
 *
 * <p>The arithmetic rules here are the single specification of fixed-point widths: the DSL's hardware
 * operators and the Java golden models both use them, so they cannot drift apart.
 */
public final class FixedType extends HdlType<Fixed> {

  private final boolean signed;
  private final int width;
  private final int fraction;

  public FixedType(boolean signed, int width, int fraction) {
    this.signed = signed;
    this.width = checkWidth(width, signed ? "an sfix" : "a ufix");
    this.fraction = fraction;
  }

  public boolean signed() {
    return signed;
  }

  @Override
  public int width() {
    return width;
  }

  /** Bits right of the binary point; negative or beyond the width as in ap_fixed. */
  public int fraction() {
    return fraction;
  }

  @Override
  Fixed wrap(ModuleBuilder module, int node, Target target, int element) {
    return new Fixed(module, node, this, target, element);
  }

  @Override
  public boolean equals(Object other) {
    return other == this || other instanceof FixedType f && f.signed == signed && f.width == width && f.fraction == fraction;
  }

  @Override
  public int hashCode() {
    return (signed ? 1 : 0) + 31 * width + 961 * fraction;
  }

  public static FixedType sfix(int width, int fraction) {
    return new FixedType(true, width, fraction);
  }

  public static FixedType ufix(int width, int fraction) {
    return new FixedType(false, width, fraction);
  }

  @Override
  public boolean isSigned() {
    return signed;
  }

  /** Bits left of the binary point ({@code width - fraction}); may be negative. */
  public int integerBits() {
    return width - fraction;
  }

  public BigInteger minRaw() {
    return signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
  }

  public BigInteger maxRaw() {
    return signed
        ? BigInteger.ONE.shiftLeft(width - 1).subtract(BigInteger.ONE)
        : BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
  }

  public boolean fits(BigInteger raw) {
    return raw.compareTo(minRaw()) >= 0 && raw.compareTo(maxRaw()) <= 0;
  }

  /** The exact value of a raw integer of this type. */
  public BigDecimal toDecimal(BigInteger raw) {
    // raw / 2^f = raw * 5^f / 10^f, exact
    return fraction >= 0
        ? new BigDecimal(raw.multiply(BigInteger.valueOf(5).pow(fraction)), fraction)
        : new BigDecimal(raw.shiftLeft(-fraction));
  }

  public double toDouble(BigInteger raw) {
    return toDecimal(raw).doubleValue();
  }

  /** The type of {@code a + b}: the fractions aligned, wide enough that no sum can overflow. */
  public static FixedType sum(FixedType a, FixedType b) {
    int fraction = Math.max(a.fraction, b.fraction);
    int wa = a.width + (fraction - a.fraction);
    int wb = b.width + (fraction - b.fraction);
    if (a.signed == b.signed) {
      return new FixedType(a.signed, Math.max(wa, wb) + 1, fraction);
    }
    int signedA = a.signed ? wa : wa + 1;
    int signedB = b.signed ? wb : wb + 1;
    return new FixedType(true, Math.max(signedA, signedB) + 1, fraction);
  }

  /** The type of {@code a - b}: always signed, wide enough that no difference can overflow. */
  public static FixedType difference(FixedType a, FixedType b) {
    int fraction = Math.max(a.fraction, b.fraction);
    int wa = a.width + (fraction - a.fraction);
    int wb = b.width + (fraction - b.fraction);
    if (!a.signed && !b.signed) {
      return new FixedType(true, Math.max(wa, wb) + 1, fraction);
    }
    int signedA = a.signed ? wa : wa + 1;
    int signedB = b.signed ? wb : wb + 1;
    return new FixedType(true, Math.max(signedA, signedB) + 1, fraction);
  }

  /** The type of {@code a × b}: the full product, fractions added. */
  public static FixedType product(FixedType a, FixedType b) {
    return new FixedType(a.signed || b.signed, a.width + b.width, a.fraction + b.fraction);
  }

  /** The type of {@code -a}: signed, one bit wider. */
  public static FixedType negation(FixedType a) {
    return new FixedType(true, a.width + 1, a.fraction);
  }

  /** The smallest type that holds both {@code a} and {@code b} exactly (for comparisons and muxes). */
  public static FixedType union(FixedType a, FixedType b) {
    int fraction = Math.max(a.fraction, b.fraction);
    int wa = a.width + (fraction - a.fraction);
    int wb = b.width + (fraction - b.fraction);
    if (a.signed == b.signed) {
      return new FixedType(a.signed, Math.max(wa, wb), fraction);
    }
    int signedA = a.signed ? wa : wa + 1;
    int signedB = b.signed ? wb : wb + 1;
    return new FixedType(true, Math.max(signedA, signedB), fraction);
  }

  /** Whether every value of {@code this} is exactly a value of {@code wider}. */
  public boolean fitsIn(FixedType wider) {
    if (wider.fraction < fraction) {
      return false;
    }
    int aligned = width + (wider.fraction - fraction);
    if (signed && !wider.signed) {
      return false;
    }
    return signed == wider.signed ? aligned <= wider.width : aligned + 1 <= wider.width;
  }

  @Override
  public String toString() {
    return (signed ? "sfix(" : "ufix(") + width + "," + fraction + ")";
  }
}
