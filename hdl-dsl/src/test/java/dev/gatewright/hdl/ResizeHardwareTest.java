package dev.gatewright.hdl;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.testing.CombinationalEvaluator;
import java.math.BigInteger;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hardware that {@code resize} builds computes exactly {@link FixedMath#resize}, bit for bit. */
class ResizeHardwareTest {

  private static Component<Void> resizer(FixedType from, FixedType to, Rounding rounding, Overflow overflow) {
    return module("resize", m -> m.output("y", to).assign(m.input("x", from).resize(to, rounding, overflow)));
  }

  private static void assertMatchesSpecification(FixedType from, FixedType to, Rounding rounding, Overflow overflow,
      Iterable<BigInteger> raws) {
    CombinationalEvaluator hardware = new CombinationalEvaluator(resizer(from, to, rounding, overflow));
    for (BigInteger raw : raws) {
      BigInteger expected = Eval.toBits(FixedMath.resize(raw, from, to, rounding, overflow), to.width());
      BigInteger actual = hardware.evaluate(Map.of("x", Eval.toBits(raw, from.width()))).get("y");
      if (!expected.equals(actual)) {
        assertEquals(expected, actual, "raw " + raw + ": " + from + " -> " + to + " " + rounding + " " + overflow);
      }
    }
  }

  private static Iterable<BigInteger> allValues(FixedType type) {
    java.util.List<BigInteger> values = new java.util.ArrayList<>();
    for (BigInteger raw = type.minRaw(); raw.compareTo(type.maxRaw()) <= 0; raw = raw.add(BigInteger.ONE)) {
      values.add(raw);
    }
    return values;
  }

  @Test
  void everyRoundingAndOverflowModeMatchesTheLibraryExhaustivelyOnSmallTypes() {
    int[] fractions = {-1, 0, 2, 5};
    for (boolean fromSigned : new boolean[] {false, true}) {
      for (int fromWidth = 1; fromWidth <= 6; fromWidth++) {
        for (int fromFraction : fractions) {
          FixedType from = new FixedType(fromSigned, fromWidth, fromFraction);
          Iterable<BigInteger> values = allValues(from);
          for (boolean toSigned : new boolean[] {false, true}) {
            for (int toWidth : new int[] {1, 3, 4, 7}) {
              for (int toFraction : fractions) {
                FixedType to = new FixedType(toSigned, toWidth, toFraction);
                for (Rounding rounding : Rounding.values()) {
                  for (Overflow overflow : Overflow.values()) {
                    assertMatchesSpecification(from, to, rounding, overflow, values);
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  @Test
  void wideResizesMatchTheLibraryOnRandomAndExtremeValues() {
    Random random = new Random(7);
    for (int i = 0; i < 150; i++) {
      FixedType from = new FixedType(random.nextBoolean(), 40 + random.nextInt(140), random.nextInt(90) - 10);
      FixedType to = new FixedType(random.nextBoolean(), 30 + random.nextInt(120), random.nextInt(90) - 10);
      java.util.List<BigInteger> values = new java.util.ArrayList<>(java.util.List.of(from.minRaw(), from.maxRaw(),
          BigInteger.ZERO, BigInteger.ONE, from.signed() ? BigInteger.ONE.negate() : BigInteger.TWO));
      for (int k = 0; k < 20; k++) {
        values.add(FixedMath.wrap(new BigInteger(from.width(), random), from.width(), from.signed()));
      }
      for (Rounding rounding : Rounding.values()) {
        for (Overflow overflow : Overflow.values()) {
          assertMatchesSpecification(from, to, rounding, overflow, values);
        }
      }
    }
  }

  @Test
  void integerResizesWrapOrSaturate() {
    for (boolean fromSigned : new boolean[] {false, true}) {
      for (boolean toSigned : new boolean[] {false, true}) {
        IntType<?> from = fromSigned ? sint(6) : uint(6);
        IntType<?> to = toSigned ? sint(4) : uint(4);
        for (Overflow overflow : Overflow.values()) {
          Component<Void> module = module("r", m -> m.output("y", m.input("x", from.asHdlType()).resize(to, overflow)));
          CombinationalEvaluator hardware = new CombinationalEvaluator(module);
          FixedType f = new FixedType(fromSigned, 6, 0);
          FixedType t = new FixedType(toSigned, 4, 0);
          for (BigInteger raw : allValues(f)) {
            assertEquals(Eval.toBits(FixedMath.resize(raw, f, t, Rounding.TRUNCATE, overflow), 4),
                hardware.evaluate(Map.of("x", Eval.toBits(raw, 6))).get("y"), raw + " " + from + "->" + to + " " + overflow);
          }
        }
      }
    }
  }

  @Test
  void aResizeReadsTheValuesOwnTypeEvenWhereItsNodeIsShared() {
    // a constant is a shared uint node, and as(...) keeps its operand's node: the resize must still read
    // the fixed-point value, not the raw bits as an integer
    Component<Void> module = module("views", m -> {
      Fixed constant = constant(0.75, sfix(6, 5));
      m.output("c", constant.resize(sfix(10, 6), Rounding.HALF_EVEN, Overflow.SATURATE));
      UInt raw = m.input("raw", uint(8));
      m.output("v", raw.as(sfix(8, 6)).resize(sfix(6, 3), Rounding.HALF_UP, Overflow.SATURATE));
    });
    CombinationalEvaluator hardware = new CombinationalEvaluator(module);
    for (int raw = 0; raw < 256; raw++) {
      Map<String, BigInteger> out = hardware.evaluate(Map.of("raw", BigInteger.valueOf(raw)));
      assertEquals(BigInteger.valueOf(48), out.get("c"), "0.75 in sfix(10,6) is 48 raw");
      BigInteger signed = FixedMath.wrap(BigInteger.valueOf(raw), 8, true);
      BigInteger expected = FixedMath.resize(signed, sfix(8, 6), sfix(6, 3), Rounding.HALF_UP, Overflow.SATURATE);
      assertEquals(Eval.toBits(expected, 6), out.get("v"), "raw " + raw);
    }
  }
}
