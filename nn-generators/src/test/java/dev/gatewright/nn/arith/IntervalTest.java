package dev.gatewright.nn.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedType;
import org.junit.jupiter.api.Test;

class IntervalTest {

  @Test
  void widthIsTheNarrowestTwosComplementBusWhenNegativeValuesOccur() {
    assertEquals(8, Interval.of(-128, 127).width());
    assertEquals(9, Interval.of(-128, 128).width());
    assertEquals(9, Interval.of(-129, 0).width());
    assertEquals(1, Interval.of(-1, 0).width());
    assertEquals(2, Interval.of(-2, 1).width());
    assertTrue(Interval.of(-1, 0).signed());
  }

  @Test
  void widthIsTheNarrowestUnsignedBusWhenNoNegativeValueOccurs() {
    assertEquals(6, Interval.of(0, 63).width());
    assertEquals(7, Interval.of(5, 64).width());
    assertEquals(1, Interval.of(0, 1).width());
    assertEquals(1, Interval.point(0).width());
    assertFalse(Interval.of(0, 63).signed());
    assertEquals(7, Interval.of(0, 63).signedWidth());
  }

  @Test
  void widthMatchesTheBruteForceNarrowestBusForEveryRangeUpToSixBits() {
    for (long min = -40; min <= 40; min++) {
      for (long max = min; max <= 40; max++) {
        Interval r = Interval.of(min, max);
        int w = 1;
        while (!(r.signed()
            ? min >= -(1L << (w - 1)) && max < (1L << (w - 1))
            : max < (1L << w))) {
          w++;
        }
        assertEquals(w, r.width(), r.toString());
      }
    }
  }

  @Test
  void aFixedTypeCoversItsRawRange() {
    assertEquals(Interval.of(-32768, 32767), Interval.of(FixedType.sfix(16, 10)));
    assertEquals(Interval.of(0, 63), Interval.of(FixedType.ufix(6, 6)));
  }

  @Test
  void rejectsAnEmptyRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interval.of(3, 2));
    assertEquals("an interval needs min <= max, not [3, 2]", e.getMessage());
  }
}
