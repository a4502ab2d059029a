package dev.gatewright.nn.arith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsdTest {

  @Test
  void digitsAreCanonical() {
    assertArrayEquals(new int[] {}, Csd.digits(0));
    assertArrayEquals(new int[] {-1, 0, 0, 1}, Csd.digits(7)); // 8 - 1
    assertArrayEquals(new int[] {1, 0, -1}, Csd.digits(-3)); // 1 - 4
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, -1}, Csd.digits(-32));
  }

  @Test
  void everyValueUpToTwelveBitsIsRepresentedWithNoAdjacentNonzeroDigitsAndTheFewestDigits() {
    for (long v = -2048; v < 2048; v++) {
      int[] d = Csd.digits(v);
      long sum = 0;
      for (int k = 0; k < d.length; k++) {
        sum += d[k] * (1L << k);
        assertTrue(k == 0 || d[k] == 0 || d[k - 1] == 0, "adjacent nonzero digits in " + v);
      }
      assertEquals(v, sum);
      // the canonical form has the fewest nonzero digits, which are the one bits of 3|v| XOR |v|
      assertEquals(Long.bitCount((3 * Math.abs(v)) ^ Math.abs(v)), Csd.nonzeroDigits(v), "digits of " + v);
    }
  }
}
