package dev.gatewright.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@code long} fast path of {@link FixedMath#resize} and {@link FixedMath#overflow} is the BigInteger
 * definition, value for value: exhaustively on narrow types, and on random values up to 62 bits and beyond.
 */
class FixedMathLongTest {

  private static long viaBigInteger(long raw, FixedType from, FixedType to, Rounding r, Overflow o) {
    return FixedMath.resize(BigInteger.valueOf(raw), from, to, r, o).longValueExact();
  }

  @Test
  void everyValueOfEveryNarrowTypeResizesAsTheDefinitionSays() {
    long checked = 0;
    for (boolean fromSigned : new boolean[] {true, false}) {
      for (int fromWidth = 1; fromWidth <= 6; fromWidth++) {
        for (int fromFraction = -2; fromFraction <= 6; fromFraction += 2) {
          FixedType from = new FixedType(fromSigned, fromWidth, fromFraction);
          for (boolean toSigned : new boolean[] {true, false}) {
            for (int toWidth = 1; toWidth <= 5; toWidth++) {
              for (int toFraction = -3; toFraction <= 7; toFraction++) {
                FixedType to = new FixedType(toSigned, toWidth, toFraction);
                for (Rounding r : Rounding.values()) {
                  for (Overflow o : Overflow.values()) {
                    for (long raw = from.minRaw().longValue(); raw <= from.maxRaw().longValue(); raw++) {
                      assertEquals(viaBigInteger(raw, from, to, r, o), FixedMath.resize(raw, from, to, r, o),
                          () -> from + " -> " + to + " " + r + " " + o);
                      checked++;
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    assertEquals(1_663_200, checked, "1,260 raw values of 60 source types into 110 target types, 12 modes each");
  }

  @Test
  void wideValuesAndLongShiftsAgreeWithTheDefinition() {
    Random random = new Random(62);
    for (int k = 0; k < 200_000; k++) {
      // up to 63 bits, every result a long; beyond 62 the fast path hands over to BigInteger
      FixedType from = new FixedType(random.nextBoolean(), 1 + random.nextInt(63), random.nextInt(80) - 10);
      FixedType to = new FixedType(random.nextBoolean(), 1 + random.nextInt(63), random.nextInt(80) - 10);
      long raw = new BigInteger(from.width(), random).add(from.minRaw()).min(from.maxRaw()).longValueExact();
      Rounding r = Rounding.values()[random.nextInt(Rounding.values().length)];
      Overflow o = Overflow.values()[random.nextInt(Overflow.values().length)];
      assertEquals(viaBigInteger(raw, from, to, r, o), FixedMath.resize(raw, from, to, r, o),
          () -> raw + ": " + from + " -> " + to + " " + r + " " + o);
    }
  }

  @Test
  void overflowOfAnyLongIntoAnyTypeAgreesWithTheDefinition() {
    Random random = new Random(7);
    long[] corners = {0, 1, -1, Long.MAX_VALUE >> 1, Long.MIN_VALUE >> 1, (1L << 61) - 1, -(1L << 61)};
    for (int k = 0; k < 100_000; k++) {
      FixedType to = new FixedType(random.nextBoolean(), 1 + random.nextInt(63), 0);
      long value = k < corners.length * 10 ? corners[k % corners.length] : random.nextLong() >> (1 + random.nextInt(62));
      for (Overflow o : Overflow.values()) {
        assertEquals(FixedMath.overflow(BigInteger.valueOf(value), to, o).longValueExact(), FixedMath.overflow(value, to, o),
            () -> value + " into " + to + " " + o);
      }
    }
  }
}
