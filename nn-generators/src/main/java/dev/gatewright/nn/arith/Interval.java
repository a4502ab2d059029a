package dev.gatewright.nn.arith;

import dev.gatewright.hdl.FixedType;

/**
 * A closed range of integers {@code [min, max]}: the values a wire can carry. Its {@link #width()} is the
 * narrowest two's-complement (when {@link #signed()}) or unsigned bus that holds every value in it.
 */
public record Interval(long min, long max) {

  public Interval {
    if (min > max) {
      throw new IllegalArgumentException("an interval needs min <= max, not [" + min + ", " + max + "]");
    }
  }

  public static Interval of(long min, long max) {
    return new Interval(min, max);
  }

  /** The single value {@code value}. */
  public static Interval point(long value) {
    return new Interval(value, value);
  }

  /** Every raw value of {@code type}. */
  public static Interval of(FixedType type) {
    if (type.width() > 63) {
      throw new IllegalArgumentException("type " + type + " is wider than 63 bits");
    }
    return new Interval(type.minRaw().longValueExact(), type.maxRaw().longValueExact());
  }

  /** Whether the range holds a negative value, so that the bus must be two's complement. */
  public boolean signed() {
    return min < 0;
  }

  public boolean contains(long value) {
    return value >= min && value <= max;
  }

  /** Whether every value of this interval lies in {@code other}. */
  public boolean within(Interval other) {
    return min >= other.min && max <= other.max;
  }

  /**
   * Bits of the narrowest bus that holds every value: two's complement when {@link #signed()}, else
   * unsigned; at least 1 (the range {@code [0, 0]} is one constant-zero bit).
   */
  public int width() {
    return signed() ? signedWidth() : Math.max(1, 64 - Long.numberOfLeadingZeros(max));
  }

  /** Bits of the narrowest two's-complement bus that holds every value (at least 1). */
  public int signedWidth() {
    return Math.max(signedBits(min), signedBits(max));
  }

  /** Two's-complement bits of one value: {@code -1} and {@code 0} need 1, {@code 1} and {@code -2} need 2. */
  static int signedBits(long value) {
    return 65 - Long.numberOfLeadingZeros(value < 0 ? ~value : value);
  }

  @Override
  public String toString() {
    return "[" + min + ", " + max + "]";
  }
}
