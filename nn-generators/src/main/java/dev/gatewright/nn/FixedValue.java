package dev.gatewright.nn;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An immutable fixed-point number: a {@link FixedType} and a raw integer that fits it; the value is
 * {@code raw × 2^-fraction}.
 *
 * <p>Arithmetic never loses a bit: {@link #add}, {@link #subtract}, {@link #multiply} and
 * {@link #negate} return values of {@link FixedType#sum}, {@link FixedType#difference},
 * {@link FixedType#product} and {@link FixedType#negation} — the same width rules the DSL's hardware
 * operators use. Only {@link #resize} drops bits, and it is {@link FixedMath#resize} itself, so a value
 * computed here is bit for bit what the hardware computes.
 *
 * <p>Values of types up to {@value #FAST_WIDTH} bits wide keep their raw value in a {@code long} and
 * compute in {@code long} when the result type is that narrow too; wider values use {@link BigInteger}.
 * The two representations are invisible to callers.
 *
 * <p>{@link #equals} compares type and raw value; {@link #compareTo} compares numeric values across
 * types, so (like {@link BigDecimal}) {@code 0.5} as {@code sfix(4,1)} and as {@code sfix(8,2)} compare
 * equal but are not {@code equals}.
 */
public final class FixedValue implements Comparable<FixedValue> {

  /** Widest type whose raw values are held in a {@code long}. */
  public static final int FAST_WIDTH = 62;

  private final FixedType type;
  private final long small;
  private final BigInteger big; // null when type.width() <= FAST_WIDTH

  private FixedValue(FixedType type, long small, BigInteger big) {
    this.type = type;
    this.small = small;
    this.big = big;
  }

  /** The value with raw integer {@code raw} in {@code type}; {@code raw} must fit the type. */
  public static FixedValue of(FixedType type, BigInteger raw) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(raw, "raw");
    if (!type.fits(raw)) {
      throw new IllegalArgumentException("raw value " + raw + " does not fit " + type
          + " (range " + type.minRaw() + ".." + type.maxRaw() + ")");
    }
    return type.width() <= FAST_WIDTH ? new FixedValue(type, raw.longValue(), null) : new FixedValue(type, 0, raw);
  }

  /** The value with raw integer {@code raw} in {@code type}; {@code raw} must fit the type. */
  public static FixedValue of(FixedType type, long raw) {
    Objects.requireNonNull(type, "type");
    if (type.width() <= FAST_WIDTH) {
      if (raw < type.minRaw().longValue() || raw > type.maxRaw().longValue()) {
        throw new IllegalArgumentException("raw value " + raw + " does not fit " + type
            + " (range " + type.minRaw() + ".." + type.maxRaw() + ")");
      }
      return new FixedValue(type, raw, null);
    }
    return of(type, BigInteger.valueOf(raw));
  }

  /** Zero in {@code type}. */
  public static FixedValue zero(FixedType type) {
    return of(type, 0L);
  }

  /** {@code value} quantized into {@code type}: {@link FixedMath#fromDouble} with the given modes. */
  public static FixedValue fromDouble(double value, FixedType type, Rounding rounding, Overflow overflow) {
    return of(type, FixedMath.fromDouble(value, type, rounding, overflow));
  }

  public FixedType type() {
    return type;
  }

  public BigInteger raw() {
    return big == null ? BigInteger.valueOf(small) : big;
  }

  /** The raw integer as a {@code long}; fails when it does not fit one. */
  public long rawLong() {
    return big == null ? small : big.longValueExact();
  }

  /** The exact value. */
  public BigDecimal toDecimal() {
    return type.toDecimal(raw());
  }

  /** The nearest double. */
  public double toDouble() {
    return type.toDouble(raw());
  }

  public int signum() {
    return big == null ? Long.signum(small) : big.signum();
  }

  /** {@code this + other}, exact, of type {@link FixedType#sum}. */
  public FixedValue add(FixedValue other) {
    FixedType result = FixedType.sum(type, other.type);
    if (result.width() <= FAST_WIDTH && big == null && other.big == null) {
      return new FixedValue(result, align(result) + other.align(result), null);
    }
    return of(result, alignBig(result).add(other.alignBig(result)));
  }

  /** {@code this - other}, exact, of type {@link FixedType#difference}. */
  public FixedValue subtract(FixedValue other) {
    FixedType result = FixedType.difference(type, other.type);
    if (result.width() <= FAST_WIDTH && big == null && other.big == null) {
      return new FixedValue(result, align(result) - other.align(result), null);
    }
    return of(result, alignBig(result).subtract(other.alignBig(result)));
  }

  /** {@code this × other}, exact, of type {@link FixedType#product}. */
  public FixedValue multiply(FixedValue other) {
    FixedType result = FixedType.product(type, other.type);
    if (result.width() <= FAST_WIDTH && big == null && other.big == null) {
      return new FixedValue(result, small * other.small, null);
    }
    return of(result, raw().multiply(other.raw()));
  }

  /** {@code -this}, exact, of type {@link FixedType#negation}. */
  public FixedValue negate() {
    FixedType result = FixedType.negation(type);
    if (result.width() <= FAST_WIDTH && big == null) {
      return new FixedValue(result, -small, null);
    }
    return of(result, raw().negate());
  }

  /** This value in type {@code to}, exactly as {@link FixedMath#resize} defines it. */
  public FixedValue resize(FixedType to, Rounding rounding, Overflow overflow) {
    return of(to, FixedMath.resize(raw(), type, to, rounding, overflow));
  }

  /** This value in {@code quantizer}'s type with its rounding and overflow. */
  public FixedValue resize(Quantizer quantizer) {
    return resize(quantizer.type(), quantizer.rounding(), quantizer.overflow());
  }

  /** Numeric comparison; types may differ. */
  @Override
  public int compareTo(FixedValue other) {
    int fraction = Math.max(type.fraction(), other.type.fraction());
    return raw().shiftLeft(fraction - type.fraction())
        .compareTo(other.raw().shiftLeft(fraction - other.type.fraction()));
  }

  private long align(FixedType to) {
    return small << (to.fraction() - type.fraction());
  }

  private BigInteger alignBig(FixedType to) {
    return raw().shiftLeft(to.fraction() - type.fraction());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedValue v && type.equals(v.type) && raw().equals(v.raw());
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + raw().hashCode();
  }

  /** The exact decimal value and the type, e.g. {@code -0.375 sfix(4,3)}. */
  @Override
  public String toString() {
    return toDecimal().toPlainString() + " " + type;
  }
}
