package dev.gatewright.hdl;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The reference semantics of fixed-point {@code resize} on raw integers. The hardware that
 * {@link Signal#resize(HdlType, Rounding, Overflow)} builds computes exactly this, bit for bit; golden
 * models call it directly.
 */
public final class FixedMath {

  private FixedMath() {}

  /**
   * Converts {@code raw} of type {@code from} to type {@code to}: first the fraction is aligned
   * (rounding as {@code rounding} says when bits are dropped), then a value out of range is handled
   * as {@code overflow} says.
   */
  public static BigInteger resize(BigInteger raw, FixedType from, FixedType to, Rounding rounding, Overflow overflow) {
    Objects.requireNonNull(rounding, "rounding");
    Objects.requireNonNull(overflow, "overflow");
    return overflow(round(raw, from.fraction() - to.fraction(), rounding), to, overflow);
  }

  /** Divides {@code raw} by {@code 2^dropped} with the given rounding; a negative count shifts left. */
  public static BigInteger round(BigInteger raw, int dropped, Rounding rounding) {
    if (dropped <= 0) {
      return raw.shiftLeft(-dropped);
    }
    BigInteger floor = raw.shiftRight(dropped);
    BigInteger remainder = raw.subtract(floor.shiftLeft(dropped));
    BigInteger half = BigInteger.ONE.shiftLeft(dropped - 1);
    return switch (rounding) {
      case TRUNCATE -> floor;
      case TRUNCATE_TO_ZERO -> raw.signum() < 0 && remainder.signum() != 0 ? floor.add(BigInteger.ONE) : floor;
      case HALF_UP -> remainder.compareTo(half) >= 0 ? floor.add(BigInteger.ONE) : floor;
      case HALF_EVEN -> {
        int c = remainder.compareTo(half);
        yield c > 0 || (c == 0 && floor.testBit(0)) ? floor.add(BigInteger.ONE) : floor;
      }
    };
  }

  /** Brings an integer into the range of {@code to}'s raw values. */
  public static BigInteger overflow(BigInteger value, FixedType to, Overflow overflow) {
    BigInteger max = to.maxRaw();
    BigInteger min = overflow == Overflow.SATURATE_SYMMETRIC && to.signed() ? max.negate() : to.minRaw();
    return switch (overflow) {
      case WRAP -> wrap(value, to.width(), to.signed());
      case SATURATE, SATURATE_SYMMETRIC -> value.compareTo(max) > 0 ? max : value.compareTo(min) < 0 ? min : value;
    };
  }

  /** The low {@code width} bits of {@code value}, read as signed or unsigned. */
  public static BigInteger wrap(BigInteger value, int width, boolean signed) {
    BigInteger low = value.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
    if (signed && low.testBit(width - 1)) {
      return low.subtract(BigInteger.ONE.shiftLeft(width));
    }
    return low;
  }

  /** The raw value of {@code value} in {@code type}, rounded and overflowed as given. */
  public static BigInteger fromDouble(double value, FixedType type, Rounding rounding, Overflow overflow) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    if (value == 0) {
      return BigInteger.ZERO;
    }
    // value = mantissa * 2^exponent exactly, with an integer mantissa
    int exponent = Math.max(Math.getExponent(value), Double.MIN_EXPONENT) - 52;
    long mantissa = (long) Math.scalb(value, -exponent);
    return overflow(round(BigInteger.valueOf(mantissa), -(exponent + type.fraction()), rounding), type, overflow);
  }

  /** The value of a raw integer of {@code type} as the nearest double. */
  public static double toDouble(BigInteger raw, FixedType type) {
    return type.toDouble(raw);
  }
}
