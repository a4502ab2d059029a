package dev.gatewright.nn;

import static dev.gatewright.hdl.FixedType.sfix;
import static dev.gatewright.hdl.FixedType.ufix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FixedValue} arithmetic is exact and uses the DSL's width rules; resize is FixedMath's. */
class FixedValueTest {

  /** Types of widths up to 8: signed and unsigned, fractions negative, zero, inside and beyond the width. */
  static final FixedType[] NARROW = {
      sfix(1, 0), ufix(1, -2), sfix(3, 5), ufix(3, 1), sfix(5, 2), ufix(5, 5), sfix(8, 4), ufix(8, 0), sfix(8, -1)};

  static BigInteger[] allRaw(FixedType t) {
    int n = t.maxRaw().subtract(t.minRaw()).intValueExact() + 1;
    BigInteger[] values = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      values[i] = t.minRaw().add(BigInteger.valueOf(i));
    }
    return values;
  }

  static void checkExact(FixedValue a, FixedValue b) {
    BigDecimal x = a.toDecimal();
    BigDecimal y = b.toDecimal();
    FixedValue sum = a.add(b);
    assertEquals(FixedType.sum(a.type(), b.type()), sum.type());
    assertEquals(0, x.add(y).compareTo(sum.toDecimal()), () -> a + " + " + b);
    FixedValue difference = a.subtract(b);
    assertEquals(FixedType.difference(a.type(), b.type()), difference.type());
    assertEquals(0, x.subtract(y).compareTo(difference.toDecimal()), () -> a + " - " + b);
    FixedValue product = a.multiply(b);
    assertEquals(FixedType.product(a.type(), b.type()), product.type());
    assertEquals(0, x.multiply(y).compareTo(product.toDecimal()), () -> a + " * " + b);
  }

  @Test
  void addSubtractAndMultiplyAreExactForEveryPairOfValuesUpToEightBits() {
    for (FixedType ta : NARROW) {
      for (FixedType tb : NARROW) {
        for (BigInteger ra : allRaw(ta)) {
          FixedValue a = FixedValue.of(ta, ra);
          for (BigInteger rb : allRaw(tb)) {
            checkExact(a, FixedValue.of(tb, rb));
          }
        }
      }
    }
  }

  @Test
  void negationIsExactForEveryValueUpToEightBits() {
    for (FixedType t : NARROW) {
      for (BigInteger r : allRaw(t)) {
        FixedValue v = FixedValue.of(t, r);
        assertEquals(FixedType.negation(t), v.negate().type());
        assertEquals(0, v.toDecimal().negate().compareTo(v.negate().toDecimal()));
      }
    }
  }

  /** The meaning of resize in decimals, independent of FixedMath's bit tricks. */
  static BigInteger reference(BigDecimal value, FixedType to, Rounding rounding, Overflow overflow) {
    BigDecimal steps = value.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(Math.max(0, to.fraction()))))
        .divide(new BigDecimal(BigInteger.ONE.shiftLeft(Math.max(0, -to.fraction()))));
    BigInteger rounded = switch (rounding) {
      case TRUNCATE -> steps.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      case TRUNCATE_TO_ZERO -> steps.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
      case HALF_UP -> steps.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
      case HALF_EVEN -> steps.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    };
    BigInteger max = to.maxRaw();
    BigInteger min = overflow == Overflow.SATURATE_SYMMETRIC && to.signed() ? max.negate() : to.minRaw();
    if (overflow == Overflow.WRAP) {
      BigInteger modulus = BigInteger.ONE.shiftLeft(to.width());
      BigInteger low = rounded.mod(modulus);
      return to.signed() && low.compareTo(max) > 0 ? low.subtract(modulus) : low;
    }
    return rounded.max(min).min(max);
  }

  @Test
  void resizeMatchesTheDecimalReferenceInEveryModeForEveryValueUpToEightBits() {
    for (FixedType from : NARROW) {
      for (FixedType to : NARROW) {
        for (Rounding rounding : Rounding.values()) {
          for (Overflow overflow : Overflow.values()) {
            for (BigInteger raw : allRaw(from)) {
              FixedValue v = FixedValue.of(from, raw);
              FixedValue r = v.resize(to, rounding, overflow);
              assertEquals(to, r.type());
              assertEquals(reference(v.toDecimal(), to, rounding, overflow), r.raw(),
                  () -> v + " -> " + to + " " + rounding + " " + overflow);
              assertEquals(r, v.resize(new Quantizer(to, rounding, overflow)));
            }
          }
        }
      }
    }
  }

  static FixedType randomType(Random random, int minWidth, int maxWidth) {
    int width = minWidth + random.nextInt(maxWidth - minWidth + 1);
    return new FixedType(random.nextBoolean(), width, random.nextInt(2 * width + 20) - 10 - width / 2);
  }

  static FixedValue randomValue(Random random, FixedType t) {
    BigInteger span = t.maxRaw().subtract(t.minRaw()).add(BigInteger.ONE);
    BigInteger r = new BigInteger(span.bitLength() + 8, random).mod(span).add(t.minRaw());
    if (random.nextInt(8) == 0) {
      r = random.nextBoolean() ? t.minRaw() : t.maxRaw();
    }
    return FixedValue.of(t, r);
  }

  @Test
  void arithmeticAndResizeMatchBigDecimalOnRandomWideValues() {
    Random random = new Random(42);
    for (int k = 0; k < 20_000; k++) {
      FixedValue a = randomValue(random, randomType(random, 9, 200));
      FixedValue b = randomValue(random, randomType(random, 1, 200));
      checkExact(a, b);
      checkExact(b, a);
      assertEquals(0, a.toDecimal().negate().compareTo(a.negate().toDecimal()));
      FixedType to = randomType(random, 1, 120);
      Rounding rounding = Rounding.values()[random.nextInt(Rounding.values().length)];
      Overflow overflow = Overflow.values()[random.nextInt(Overflow.values().length)];
      assertEquals(reference(a.toDecimal(), to, rounding, overflow), a.resize(to, rounding, overflow).raw(),
          () -> a + " -> " + to + " " + rounding + " " + overflow);
    }
  }

  @Test
  void longAndBigIntegerRepresentationsAgreeAcrossTheSixtyTwoBitBoundary() {
    Random random = new Random(7);
    for (int k = 0; k < 20_000; k++) {
      FixedValue a = randomValue(random, randomType(random, 20, 62));
      FixedValue b = randomValue(random, randomType(random, 20, 62));
      checkExact(a, b);
    }
    FixedValue most = FixedValue.of(sfix(31, 0), -(1L << 30));
    assertEquals(BigInteger.ONE.shiftLeft(60), most.multiply(most).raw());
    FixedValue wide = FixedValue.of(sfix(62, 0), -(1L << 61));
    assertEquals(BigInteger.ONE.shiftLeft(122), wide.multiply(wide).raw());
    assertEquals(BigInteger.ONE.shiftLeft(61), wide.negate().raw());
    assertEquals(BigInteger.ONE.shiftLeft(62).negate(), wide.add(wide).raw());
  }

  @Test
  void fromDoubleQuantizesWithTheGivenModesAndToDoubleIsExactForNarrowTypes() {
    assertEquals(BigInteger.valueOf(2), FixedValue.fromDouble(0.3125, sfix(4, 3), Rounding.HALF_EVEN, Overflow.WRAP).raw());
    assertEquals(BigInteger.valueOf(3), FixedValue.fromDouble(0.3125, sfix(4, 3), Rounding.HALF_UP, Overflow.WRAP).raw());
    assertEquals(BigInteger.valueOf(7), FixedValue.fromDouble(5.0, sfix(4, 3), Rounding.HALF_EVEN, Overflow.SATURATE).raw());
    assertEquals(BigInteger.valueOf(-8), FixedValue.fromDouble(-5.0, sfix(4, 3), Rounding.HALF_EVEN, Overflow.SATURATE).raw());
    for (BigInteger raw : allRaw(sfix(8, 4))) {
      FixedValue v = FixedValue.of(sfix(8, 4), raw);
      assertEquals(v, FixedValue.fromDouble(v.toDouble(), sfix(8, 4), Rounding.TRUNCATE, Overflow.WRAP));
    }
    assertThrows(IllegalArgumentException.class,
        () -> FixedValue.fromDouble(Double.NaN, sfix(8, 4), Rounding.TRUNCATE, Overflow.WRAP));
  }

  @Test
  void compareToComparesValuesAcrossTypesWhileEqualsAlsoComparesTypes() {
    FixedValue half = FixedValue.of(sfix(4, 1), 1);
    FixedValue alsoHalf = FixedValue.of(ufix(8, 2), 2);
    assertEquals(0, half.compareTo(alsoHalf));
    assertNotEquals(half, alsoHalf);
    assertEquals(half, FixedValue.of(sfix(4, 1), BigInteger.ONE));
    assertEquals(half.hashCode(), FixedValue.of(sfix(4, 1), BigInteger.ONE).hashCode());
    assertTrue(FixedValue.of(sfix(4, 1), -1).compareTo(FixedValue.zero(ufix(3, 0))) < 0);
    assertTrue(FixedValue.of(sfix(100, 90), BigInteger.ONE).compareTo(FixedValue.zero(sfix(2, 0))) > 0);
    assertEquals(1, half.signum());
    assertEquals(1L, half.rawLong());
    assertEquals("0.5 sfix(4,1)", half.toString());
    assertEquals("-0.375 sfix(4,3)", FixedValue.of(sfix(4, 3), -3).toString());
  }

  @Test
  void rejectsARawValueOutsideItsType() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FixedValue.of(sfix(4, 0), 8));
    assertTrue(e.getMessage().contains("does not fit sfix(4,0)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FixedValue.of(ufix(4, 0), -1));
    assertThrows(IllegalArgumentException.class, () -> FixedValue.of(sfix(70, 0), BigInteger.ONE.shiftLeft(69)));
    assertThrows(ArithmeticException.class, () -> FixedValue.of(sfix(70, 0), BigInteger.ONE.shiftLeft(68)).rawLong());
  }
}
