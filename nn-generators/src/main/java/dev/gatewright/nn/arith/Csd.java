package dev.gatewright.nn.arith;

/**
 * The canonical signed-digit form of an integer: digits in {-1, 0, 1}, least significant first, no two
 * adjacent digits nonzero. It has the fewest nonzero digits of any signed-digit form, so multiplying by
 * the integer with shifts and adds costs {@code nonzeroDigits - 1} adders.
 */
public final class Csd {

  private Csd() {}

  /** The digits of {@code value}, least significant first; empty for 0. */
  public static int[] digits(long value) {
    if (value == Long.MIN_VALUE) {
      throw new IllegalArgumentException("no signed-digit form is computed for " + value);
    }
    int[] digits = new int[65];
    int length = 0;
    long v = value;
    while (v != 0) {
      int digit = (v & 1) == 0 ? 0 : (v & 3) == 3 ? -1 : 1;
      digits[length++] = digit;
      v = (v - digit) >> 1;
    }
    return java.util.Arrays.copyOf(digits, length);
  }

  /** How many digits of {@code value}'s canonical signed-digit form are nonzero. */
  public static int nonzeroDigits(long value) {
    int count = 0;
    for (int d : digits(value)) {
      count += d != 0 ? 1 : 0;
    }
    return count;
  }
}
