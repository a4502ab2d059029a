package dev.gatewright.nn.imports.streamline;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An exact rational number {@code num / den} in lowest terms, {@code den > 0}. Every finite double is one
 * ({@link #of(double)}), so scales, zero points, batch-norm parameters and thresholds from a model are
 * combined here without rounding; only the final comparisons against integers leave this class.
 */
public record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {

  public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
  public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

  public Rational {
    Objects.requireNonNull(num, "num");
    Objects.requireNonNull(den, "den");
    if (den.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    BigInteger g = num.gcd(den);
    if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
      num = num.divide(g);
      den = den.divide(g);
    }
    if (num.signum() == 0) {
      den = BigInteger.ONE;
    }
  }

  public static Rational of(long value) {
    return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
  }

  public static Rational of(BigInteger value) {
    return new Rational(value, BigInteger.ONE);
  }

  /** The exact value of a finite double. */
  public static Rational of(double value) {
    if (!Double.isFinite(value)) {
      throw new ArithmeticException("not a finite number: " + value);
    }
    if (value == 0) {
      return ZERO;
    }
    int exponent = Math.max(Math.getExponent(value), Double.MIN_EXPONENT) - 52;
    long mantissa = (long) Math.scalb(value, -exponent);
    BigInteger m = BigInteger.valueOf(mantissa);
    return exponent >= 0 ? new Rational(m.shiftLeft(exponent), BigInteger.ONE)
        : new Rational(m, BigInteger.ONE.shiftLeft(-exponent));
  }

  /** {@code 2^exponent}. */
  public static Rational powerOfTwo(int exponent) {
    return exponent >= 0 ? new Rational(BigInteger.ONE.shiftLeft(exponent), BigInteger.ONE)
        : new Rational(BigInteger.ONE, BigInteger.ONE.shiftLeft(-exponent));
  }

  public Rational add(Rational o) {
    if (den.equals(o.den)) {
      return new Rational(num.add(o.num), den);
    }
    return new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  public Rational subtract(Rational o) {
    return add(o.negate());
  }

  public Rational multiply(Rational o) {
    return new Rational(num.multiply(o.num), den.multiply(o.den));
  }

  public Rational multiply(BigInteger o) {
    return new Rational(num.multiply(o), den);
  }

  public Rational divide(Rational o) {
    return new Rational(num.multiply(o.den), den.multiply(o.num));
  }

  public Rational negate() {
    return new Rational(num.negate(), den);
  }

  public Rational shift(int bits) {
    return multiply(powerOfTwo(bits));
  }

  public int signum() {
    return num.signum();
  }

  public boolean isInteger() {
    return den.equals(BigInteger.ONE);
  }

  /** Largest integer {@code <= this}. */
  public BigInteger floor() {
    BigInteger[] qr = num.divideAndRemainder(den);
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  /** Smallest integer {@code >= this}. */
  public BigInteger ceil() {
    BigInteger[] qr = num.divideAndRemainder(den);
    return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
  }

  /** Whether the value is {@code ±2^e} for an integer {@code e}. */
  public boolean isPowerOfTwoMagnitude() {
    BigInteger n = num.abs();
    return n.signum() > 0 && n.bitCount() == 1 && den.bitCount() == 1;
  }

  /** {@code e} of a value {@code ±2^e} ({@link #isPowerOfTwoMagnitude()}). */
  public int exponent() {
    return num.abs().getLowestSetBit() - den.getLowestSetBit();
  }

  /**
   * The fewest fraction bits {@code f >= 0} with {@code this · 2^f} an integer, or -1 when the denominator
   * is not a power of two (the value is not dyadic).
   */
  public int dyadicFraction() {
    return den.bitCount() == 1 ? den.getLowestSetBit() : -1;
  }

  /** {@code this · 2^fraction}, which must be an integer. */
  public BigInteger scaledToInteger(int fraction) {
    Rational r = shift(fraction);
    if (!r.isInteger()) {
      throw new ArithmeticException(this + " · 2^" + fraction + " is not an integer");
    }
    return r.num;
  }

  public double doubleValue() {
    return new BigDecimal(num).divide(new BigDecimal(den), java.math.MathContext.DECIMAL128).doubleValue();
  }

  public Rational min(Rational o) {
    return compareTo(o) <= 0 ? this : o;
  }

  public Rational max(Rational o) {
    return compareTo(o) >= 0 ? this : o;
  }

  @Override
  public int compareTo(Rational o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  @Override
  public String toString() {
    if (isInteger()) {
      return num.toString();
    }
    double d = doubleValue();
    return Double.toString(d);
  }
}
