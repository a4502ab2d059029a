package dev.gatewright.nn;

import static dev.gatewright.hdl.FixedType.sfix;
import static dev.gatewright.hdl.FixedType.ufix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tables are indexed by floor((x − low) / step), clamped, and sample the middle of each bin. */
class LookupTableTest {

  @Test
  void indexIsTheBinOfTheInputClampedToTheTable() {
    LookupTable t = new LookupTable(8, -2, 2, ufix(8, 8)); // step 1/2
    assertEquals(-1, t.stepExponent());
    assertEquals(-4, t.lowInSteps());
    // input sfix(8,4): raw r means r/16
    assertEquals(0, t.index(-128, 4)); // -8 below the range
    assertEquals(0, t.index(-32, 4)); // -2, the first bin's start
    assertEquals(0, t.index(-25, 4)); // -1.5625
    assertEquals(1, t.index(-24, 4)); // -1.5
    assertEquals(3, t.index(-1, 4)); // just below 0
    assertEquals(4, t.index(0, 4));
    assertEquals(7, t.index(31, 4)); // 1.9375
    assertEquals(7, t.index(32, 4)); // 2, the end: clamped
    assertEquals(7, t.index(127, 4));
  }

  @Test
  void indexWorksWhenBinsAreFinerThanTheInputStepAndForNegativeFractions() {
    LookupTable fine = new LookupTable(64, -1, 1, ufix(8, 8)); // step 1/32, input step 1/4
    assertEquals(24, fine.index(-1, 2)); // -0.25 -> (−0.25 + 1) * 32 = 24
    assertEquals(40, fine.index(1, 2));
    LookupTable coarse = new LookupTable(4, -16, 16, ufix(8, 8)); // step 8, input fraction -1 (steps of 2)
    assertEquals(2, coarse.index(0, -1));
    assertEquals(1, coarse.index(-1, -1)); // -2
    assertEquals(3, coarse.index(4, -1)); // 8
  }

  @Test
  void entriesSampleTheMiddleOfEachBinRoundedHalfEvenAndSaturated() {
    LookupTable t = new LookupTable(4, 0, 4, ufix(3, 1)); // samples 0.5, 1.5, 2.5, 3.5
    assertArrayEquals(new long[] {1, 3, 5, 7}, t.entries(x -> x));
    assertArrayEquals(new long[] {2, 6, 7, 7}, t.entries(x -> 2 * x)); // 1, 3, then saturated at 3.5
    assertArrayEquals(new long[] {0, 4, 4, 7}, t.entries(x -> x == 0.5 ? 0.25 : x == 1.5 ? 1.75 : x == 2.5 ? 2.25 : 1e300));
    assertArrayEquals(new long[] {7, 7, 0, 0}, t.entries(x -> x < 2 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY));
    assertEquals(2.5, t.samplePoint(2));
    assertEquals(1.0, t.step());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.entries(x -> Double.NaN));
    assertTrue(e.getMessage().contains("undefined at 0.5"), e.getMessage());
  }

  @Test
  void rejectsRangesWhoseBinWidthIsNotAPowerOfTwoOrNotAlignedToLow() {
    assertMessage("must be a power of two", () -> new LookupTable(10, -8, 8, ufix(8, 8)));
    assertMessage("must be a multiple of the bin width", () -> new LookupTable(4, -1.5, 2.5, ufix(8, 8)));
    assertMessage("low < high", () -> new LookupTable(4, 2, 2, ufix(8, 8)));
    assertMessage("low < high", () -> new LookupTable(4, Double.NEGATIVE_INFINITY, 2, ufix(8, 8)));
    assertMessage("table size must be 1..", () -> new LookupTable(0, 0, 1, ufix(8, 8)));
    assertMessage("wider than 62", () -> new LookupTable(4, 0, 4, sfix(63, 8)));
    assertEquals("table(4 x ufix(8,8) over [0.0, 4.0))", new LookupTable(4, 0, 4, ufix(8, 8)).toString());
  }

  static void assertMessage(String expected, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
