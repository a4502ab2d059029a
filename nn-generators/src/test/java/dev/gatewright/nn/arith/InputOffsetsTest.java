package dev.gatewright.nn.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Signed inputs move up by their two's-complement top bit; a row's excess is the constant that adds. */
class InputOffsetsTest {

  @Test
  void aSignedInputMovesByItsTopBitAndAnUnsignedOneStays() {
    List<Interval> inputs = List.of(Interval.of(-32768, 32767), Interval.of(0, 63), Interval.of(-5, -1),
        Interval.of(-3, 100));
    InputOffsets offsets = InputOffsets.unsignedOf(inputs);
    assertTrue(offsets.any());
    assertEquals(1L << 15, offsets.offset(0));
    assertEquals(0, offsets.offset(1));
    assertEquals(8, offsets.offset(2)); // [-5, -1] needs 4 signed bits
    assertEquals(128, offsets.offset(3)); // [-3, 100] needs 8 signed bits
    List<Interval> moved = offsets.moved(inputs);
    assertEquals(List.of(Interval.of(0, 65535), Interval.of(0, 63), Interval.of(3, 7), Interval.of(125, 228)), moved);
    for (Interval r : moved) {
      assertFalse(r.signed());
    }
  }

  @Test
  void aRowsExcessIsItsWeightsTimesTheOffsets() {
    InputOffsets offsets = InputOffsets.unsignedOf(List.of(Interval.of(-8, 7), Interval.of(0, 9), Interval.of(-2, 1)));
    assertEquals(3 * 8 - 5 * 2, offsets.excess(new long[] {3, 11, -5}));
    assertEquals(0, InputOffsets.none(3).excess(new long[] {3, 11, -5}));
    assertFalse(InputOffsets.none(3).any());
    assertThrows(IllegalArgumentException.class, () -> offsets.excess(new long[] {1, 2}));
  }
}
