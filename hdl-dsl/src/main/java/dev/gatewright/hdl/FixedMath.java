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

  /** The widest type the {@code long} overloads compute in {@code long} arithmetic (wider ones go through BigInteger). */
  public static final int LONG_WIDTH = 62;

  /**
   * {@link #resize(BigInteger, FixedType, FixedType, Rounding, Overflow)} on a {@code long}: the same result, in
   * {@code long} arithmetic where both types are at most {@link #LONG_WIDTH} bits wide and no shift can leave
   * 63 bits (golden models call it once per value), else through BigInteger.
   */
  public static long resize(long raw, FixedType from, FixedType to, Rounding rounding, Overflow overflow) {
    Objects.requireNonNull(rounding, "rounding");
    Objects.requireNonNull(overflow, "overflow");
    int dropped = from.fraction() - to.fraction();
    if (from.width() > LONG_WIDTH || to.width() > LONG_WIDTH || dropped > LONG_WIDTH
        || -dropped > LONG_WIDTH - from.width()) {
      return resize(BigInteger.valueOf(raw), from, to, rounding, overflow).longValueExact();
    }
    return overflow(round(raw, dropped, rounding), to, overflow);
  }

  /** {@link #round(BigInteger, int, Rounding)} for a value and a shift whose result fits a {@code long}. */
  private static long round(long raw, int dropped, Rounding rounding) {
    if (dropped <= 0) {
      return raw << -dropped;
    }
    long floor = raw >> dropped;
    long remainder = raw - (floor << dropped);
    long half = 1L << (dropped - 1);
    return switch (rounding) {
      case TRUNCATE -> floor;
      case TRUNCATE_TO_ZERO -> raw < 0 && remainder != 0 ? floor + 1 : floor;
      case HALF_UP -> remainder >= half ? floor + 1 : floor;
      case HALF_EVEN -> remainder > half || (remainder == half && (floor & 1) != 0) ? floor + 1 : floor;
    };
  }

  /**
   * {@link #overflow(BigInteger, FixedType, Overflow)} on a {@code long}, in {@code long} arithmetic for types of
   * at most {@link #LONG_WIDTH} bits.
   */
  public static long overflow(long value, FixedType to, Overflow overflow) {
    int width = to.width();
    if (width > LONG_WIDTH) {
      return overflow(BigInteger.valueOf(value), to, overflow).longValueExact();
    }
    boolean signed = to.signed();
    long max = signed ? (1L << (width - 1)) - 1 : (1L << width) - 1;
    long min = !signed ? 0 : overflow == Overflow.SATURATE_SYMMETRIC ? -max : -(1L << (width - 1));
    return switch (overflow) {
      case WRAP -> {
        long low = value & ((1L << width) - 1);
        yield signed && (low >>> (width - 1)) != 0 ? low - (1L << width) : low;
      }
      case SATURATE, SATURATE_SYMMETRIC -> Math.max(min, Math.min(max, value));
    };
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
