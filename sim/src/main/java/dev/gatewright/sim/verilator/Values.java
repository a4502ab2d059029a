package dev.gatewright.sim.verilator;

import java.math.BigInteger;

/** Conversions between Java numbers and unsigned bit vectors. */
final class Values {

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private Values() {}

  static BigInteger unsigned(long bits) {
    BigInteger value = BigInteger.valueOf(bits);
    return bits < 0 ? value.add(TWO_64) : value;
  }

  /** The {@code width}-bit pattern of {@code value}, which must lie in [-2^(width-1), 2^width). */
  static BigInteger twosComplement(BigInteger value, int width) {
    BigInteger limit = BigInteger.ONE.shiftLeft(width);
    if (value.signum() < 0) {
      if (value.compareTo(BigInteger.ONE.shiftLeft(width - 1).negate()) < 0) {
        throw new IllegalArgumentException(value + " does not fit in " + width + " bits");
      }
      return value.add(limit);
    }
    if (value.compareTo(limit) >= 0) {
      throw new IllegalArgumentException(value + " does not fit in " + width + " bits");
    }
    return value;
  }

  /** Whether {@code value} fits {@code width} bits as unsigned or as two's complement. */
  static boolean fits(long value, int width) {
    if (width >= 64) {
      return true;
    }
    return value >= -(1L << (width - 1)) && value < (1L << width);
  }

  static long mask(int width) {
    return width >= 64 ? -1L : (1L << width) - 1;
  }
}
