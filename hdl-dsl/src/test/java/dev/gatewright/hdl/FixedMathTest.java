package dev.gatewright.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FixedMath#resize} agrees with a BigDecimal reference in every rounding and overflow mode. */
class FixedMathTest {

  static final int[] FROM_FRACTIONS = {-2, 0, 1, 3, 7, 9};
  static final int[] TO_WIDTHS = {1, 2, 3, 5, 8};
  static final int[] TO_FRACTIONS = {-1, 0, 2, 4, 8};

  /** The meaning of resize, written with decimals instead of bits. */
  static BigInteger reference(BigInteger raw, FixedType from, FixedType to, Rounding rounding, Overflow overflow) {
    BigDecimal value = from.toDecimal(raw);
    BigDecimal steps = to.fraction() >= 0
        ? value.multiply(BigDecimal.valueOf(2).pow(to.fraction()))
        : value.divide(BigDecimal.valueOf(2).pow(-to.fraction()));
    BigInteger rounded = switch (rounding) {
      case TRUNCATE -> steps.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      case TRUNCATE_TO_ZERO -> steps.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
      case HALF_UP -> steps.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      case HALF_EVEN -> steps.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    };
    BigInteger max = to.maxRaw();
    BigInteger min = to.minRaw();
    switch (overflow) {
      case WRAP -> {
        BigInteger modulus = BigInteger.ONE.shiftLeft(to.width());
        BigInteger low = rounded.mod(modulus);
        return to.signed() && low.compareTo(max) > 0 ? low.subtract(modulus) : low;
      }
      case SATURATE -> {
        return rounded.max(min).min(max);
      }
      default -> {
        BigInteger symmetricMin = to.signed() ? max.negate() : min;
        return rounded.max(symmetricMin).min(max);
      }
    }
  }

  @Test
  void resizeMatchesReferenceExhaustivelyUpToEightBits() {
    long checked = 0;
    for (boolean fromSigned : new boolean[] {false, true}) {
      for (int fromWidth = 1; fromWidth <= 8; fromWidth++) {
        for (int fromFraction : FROM_FRACTIONS) {
          FixedType from = new FixedType(fromSigned, fromWidth, fromFraction);
          for (boolean toSigned : new boolean[] {false, true}) {
            for (int toWidth : TO_WIDTHS) {
              for (int toFraction : TO_FRACTIONS) {
                FixedType to = new FixedType(toSigned, toWidth, toFraction);
                for (BigInteger raw = from.minRaw(); raw.compareTo(from.maxRaw()) <= 0; raw = raw.add(BigInteger.ONE)) {
                  for (Rounding rounding : Rounding.values()) {
                    for (Overflow overflow : Overflow.values()) {
                      BigInteger expected = reference(raw, from, to, rounding, overflow);
                      BigInteger actual = FixedMath.resize(raw, from, to, rounding, overflow);
                      if (!expected.equals(actual)) {
                        assertEquals(expected, actual, raw + " " + from + " -> " + to + " " + rounding + " " + overflow);
                      }
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
    assertEquals(true, checked > 1_000_000, "checked " + checked);
  }

  @Test
  void resizeMatchesReferenceOnRandomWideValues() {
    Random random = new Random(20261123);
    for (int i = 0; i < 20_000; i++) {
      FixedType from = new FixedType(random.nextBoolean(), 1 + random.nextInt(300), random.nextInt(200) - 50);
      FixedType to = new FixedType(random.nextBoolean(), 1 + random.nextInt(300), random.nextInt(200) - 50);
      BigInteger raw = new BigInteger(from.width(), random);
      if (from.signed()) {
        raw = raw.subtract(BigInteger.ONE.shiftLeft(from.width() - 1));
      }
      Rounding rounding = Rounding.values()[random.nextInt(4)];
      Overflow overflow = Overflow.values()[random.nextInt(3)];
      assertEquals(reference(raw, from, to, rounding, overflow), FixedMath.resize(raw, from, to, rounding, overflow),
          raw + " " + from + " -> " + to + " " + rounding + " " + overflow);
    }
  }

  @Test
  void fromDoubleRoundsLikeResize() {
    FixedType type = FixedType.sfix(8, 4);
    assertEquals(BigInteger.valueOf(2), FixedMath.fromDouble(0.09375, type, Rounding.HALF_EVEN, Overflow.SATURATE));
    assertEquals(BigInteger.valueOf(1), FixedMath.fromDouble(0.09375, type, Rounding.TRUNCATE, Overflow.SATURATE));
    assertEquals(BigInteger.valueOf(127), FixedMath.fromDouble(100.0, type, Rounding.HALF_UP, Overflow.SATURATE));
    assertEquals(BigInteger.valueOf(-127), FixedMath.fromDouble(-100.0, type, Rounding.HALF_UP, Overflow.SATURATE_SYMMETRIC));
    assertEquals(BigInteger.valueOf(-128), FixedMath.fromDouble(-100.0, type, Rounding.HALF_UP, Overflow.SATURATE));
  }

  @Test
  void arithmeticTypesHoldEveryResult() {
    FixedType u8 = FixedType.ufix(8, 0);
    FixedType s8 = FixedType.sfix(8, 0);
    assertEquals(FixedType.ufix(9, 0), FixedType.sum(u8, u8));
    assertEquals(FixedType.sfix(9, 0), FixedType.sum(s8, s8));
    assertEquals(FixedType.sfix(10, 0), FixedType.sum(s8, u8));
    assertEquals(FixedType.sfix(9, 0), FixedType.difference(u8, u8));
    assertEquals(FixedType.sfix(16, 0), FixedType.product(s8, s8));
    assertEquals(FixedType.sfix(16, 0), FixedType.product(s8, u8));
    assertEquals(FixedType.sfix(13, 6), FixedType.sum(FixedType.sfix(8, 6), FixedType.sfix(8, 2)));
    assertEquals(FixedType.sfix(16, 10), FixedType.product(FixedType.sfix(8, 6), FixedType.sfix(8, 4)));
  }
}
