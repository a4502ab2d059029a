package dev.gatewright.hdl;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.testing.CombinationalEvaluator;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the DSL's control structures and operators compute, checked on the IR. */
class ControlAndOperatorTest {

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  @Test
  void laterAssignmentsWinInsideNestedWhens() {
    Component<Void> module = module("priority", m -> {
      var a = m.input("a", bool());
      var b = m.input("b", bool());
      var y = m.output("y", uint(3));
      y.assign(1);
      when(a, () -> {
        y.assign(2);
        when(b, () -> y.assign(3));
      }).otherwise(() -> when(b, () -> y.assign(4)));
    });
    CombinationalEvaluator evaluator = new CombinationalEvaluator(module);
    assertEquals(big(1), evaluator.evaluate(Map.of("a", big(0), "b", big(0))).get("y"));
    assertEquals(big(4), evaluator.evaluate(Map.of("a", big(0), "b", big(1))).get("y"));
    assertEquals(big(2), evaluator.evaluate(Map.of("a", big(1), "b", big(0))).get("y"));
    assertEquals(big(3), evaluator.evaluate(Map.of("a", big(1), "b", big(1))).get("y"));
  }

  @Test
  void switchSelectsTheMatchingCaseOrOtherwise() {
    Component<Void> module = module("decoder", m -> {
      var state = m.input("state", uint(2));
      var y = m.output("y", uint(4));
      switchOn(state).is(0, () -> y.assign(9)).is(2, () -> y.assign(5)).otherwise(() -> y.assign(0));
    });
    CombinationalEvaluator evaluator = new CombinationalEvaluator(module);
    long[] expected = {9, 0, 5, 0};
    for (int s = 0; s < 4; s++) {
      assertEquals(big(expected[s]), evaluator.evaluate(Map.of("state", big(s))).get("y"));
    }
  }

  @Test
  void vecElementsCanBeAssignedOneByOneAndSelectedByASignal() {
    Component<Void> module = module("vectors", m -> {
      var x = m.input("x", uint(4));
      var index = m.input("index", uint(3));
      var v = m.wire("v", vec(3, uint(4)));
      v.get(0).assign(x);
      v.get(1).assign(x.not());
      v.get(2).assign(15);
      m.output("all", vec(3, uint(4))).assign(v);
      m.output("picked", uint(4)).assign(v.get(index));
    });
    CombinationalEvaluator evaluator = new CombinationalEvaluator(module);
    for (int index = 0; index < 8; index++) {
      Map<String, BigInteger> out = evaluator.evaluate(Map.of("x", big(6), "index", big(index)));
      assertEquals(big(0xF96), out.get("all"));
      long expected = switch (index) {
        case 0 -> 6;
        case 1 -> 9;
        case 2 -> 15;
        default -> 0;
      };
      assertEquals(big(expected), out.get("picked"), "index " + index);
    }
  }

  @Test
  void arithmeticIsExactOnRandomSignedAndUnsignedOperands() {
    Component<Void> module = module("arith", m -> {
      var a = m.input("a", sint(37));
      var b = m.input("b", uint(29));
      var s = a.add(b);
      var d = b.sub(a);
      var p = a.mul(b);
      m.output("s", s);
      m.output("d", d);
      m.output("p", p);
      m.output("lt", bool()).assign(a.lt(b));
      m.output("shifted", sint(37)).assign(a.shr(5));
    });
    CombinationalEvaluator evaluator = new CombinationalEvaluator(module);
    Random random = new Random(3);
    for (int i = 0; i < 2000; i++) {
      BigInteger a = FixedMath.wrap(new BigInteger(37, random), 37, true);
      BigInteger b = new BigInteger(29, random);
      Map<String, BigInteger> out = evaluator.evaluate(Map.of("a", Eval.toBits(a, 37), "b", b));
      assertEquals(a.add(b), Eval.toSigned(out.get("s"), module.port("s").orElseThrow().type().width()));
      assertEquals(b.subtract(a), Eval.toSigned(out.get("d"), module.port("d").orElseThrow().type().width()));
      assertEquals(a.multiply(b), Eval.toSigned(out.get("p"), 66));
      assertEquals(a.compareTo(b) < 0 ? BigInteger.ONE : BigInteger.ZERO, out.get("lt"));
      assertEquals(a.shiftRight(5), Eval.toSigned(out.get("shifted"), 37));
    }
  }

  @Test
  void fixedPointOperatorsAlignBinaryPoints() {
    Component<Void> module = module("fixed", m -> {
      var a = m.input("a", sfix(8, 6));
      var b = m.input("b", ufix(6, 2));
      m.output("sum", a.add(b));
      m.output("scaled", sfix(9, 6)).assign(a.mul(0.5).resize(sfix(9, 6), Rounding.HALF_EVEN, Overflow.WRAP));
    });
    CombinationalEvaluator evaluator = new CombinationalEvaluator(module);
    FixedType sumType = (FixedType) module.port("sum").orElseThrow().type();
    for (int a = -128; a < 128; a += 7) {
      for (int b = 0; b < 64; b += 5) {
        Map<String, BigInteger> out = evaluator.evaluate(Map.of("a", Eval.toBits(big(a), 8), "b", big(b)));
        double expected = a / 64.0 + b / 4.0;
        assertEquals(expected, sumType.toDouble(Eval.toSigned(out.get("sum"), sumType.width())), 0.0);
        // a * 0.5 is exactly sfix(9,7) with a's raw bits; resizing to 6 fraction bits rounds one bit away
        BigInteger halved = FixedMath.resize(big(a), sfix(9, 7), sfix(9, 6), Rounding.HALF_EVEN, Overflow.WRAP);
        assertEquals(FixedMath.round(big(a), 1, Rounding.HALF_EVEN), halved);
        assertEquals(Eval.toBits(halved, 9), out.get("scaled"));
      }
    }
  }

  @Test
  void constantsFoldAwayAtElaboration() {
    Component<Void> module = module("folded", m -> {
      var seven = constant(7, uint(4));
      m.output("y", uint(6)).assign(seven.mul(seven).slice(5, 0));
    });
    assertEquals(java.util.List.of(), module.nodes().stream()
        .filter(n -> n.op() == dev.gatewright.hdl.ir.Op.MUL).toList());
    assertEquals(big(49), new CombinationalEvaluator(module).evaluate(Map.of()).get("y"));
  }

  @Test
  void aChainOfConstantsThroughResizesFoldsToOneConstant() {
    Component<Void> module = module("chain", m -> {
      UInt count = constant(0, uint(4));
      SInt level = count.toSInt().resize(sint(8), Overflow.WRAP).mul(3).add(5);
      m.output("y", level.resize(sint(6), Overflow.WRAP));
    });
    assertEquals(List.of(dev.gatewright.hdl.ir.Op.OUTPUT, dev.gatewright.hdl.ir.Op.CONST),
        module.nodes().stream().map(n -> n.op()).toList());
    assertTrue(module.toString().contains("assign y = 6'h5;"), module.toString());
  }
}
