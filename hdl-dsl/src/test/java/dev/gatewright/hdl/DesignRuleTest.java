package dev.gatewright.hdl;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.testing.CombinationalEvaluator;
import java.math.BigInteger;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every design-rule check fails with a message naming the signal and the user's source line. */
class DesignRuleTest {

  private final int[] line = new int[1];

  private void mark() {
    line[0] = StackWalker.getInstance().walk(f -> f.skip(1).findFirst().orElseThrow().getLineNumber()) + 1;
  }

  private HdlException assertRejected(String signal, String messagePart, Executable design) {
    HdlException e = assertThrows(HdlException.class, design);
    assertTrue(e.getMessage().contains(messagePart), () -> "message was: " + e.getMessage());
    assertEquals(signal, e.signal(), () -> "message was: " + e.getMessage());
    assertEquals("DesignRuleTest.java", e.location().file(), e::getMessage);
    assertEquals(line[0], e.location().line(), e::getMessage);
    assertTrue(e.getMessage().startsWith("DesignRuleTest.java:" + line[0] + ": "), e::getMessage);
    return e;
  }

  @Test
  void rejectsAssignmentThatWouldWidenImplicitly() {
    assertRejected("y", "would change the width of 'y' implicitly", () -> module("m", m -> {
      var x = m.input("x", uint(8));
      var y = m.output("y", uint(9));
      mark();
      y.assign(x);
    }));
  }

  @Test
  void rejectsAssignmentThatWouldTruncate() {
    assertRejected("y", "it is uint(8) but the value is uint(9)", () -> module("m", m -> {
      var x = m.input("x", uint(8));
      var y = m.output("y", uint(8));
      mark();
      y.assign(x.add(x.slice(0, 0)));
    }));
  }

  @Test
  void rejectsAssignmentThatWouldMoveTheBinaryPoint() {
    assertRejected("y", "would change the type of 'y'", () -> module("m", m -> {
      var x = m.input("x", sfix(8, 4));
      var y = m.output("y", sfix(8, 2));
      mark();
      y.assign(x);
    }));
  }

  @Test
  void rejectsOutputWithNoDriver() {
    assertRejected("y", "output 'y' has no driver", () -> module("m", m -> {
      m.input("x", uint(8));
      mark();
      m.output("y", uint(8));
    }));
  }

  @Test
  void rejectsWireWithNoDriver() {
    assertRejected("w", "signal 'w' has no driver", () -> module("m", m -> {
      mark();
      var w = m.wire("w", uint(4));
      m.output("y", uint(4)).assign(w);
    }));
  }

  @Test
  void rejectsCombinationalSignalNotAssignedOnEveryPathAsLatch() {
    HdlException e = assertRejected("w", "would infer a latch", () -> module("m", m -> {
      var enable = m.input("enable", bool());
      var x = m.input("x", uint(4));
      mark();
      var w = m.wire("w", uint(4));
      when(enable, () -> w.assign(x));
      m.output("y", uint(4)).assign(w);
    }));
    assertTrue(e.getMessage().contains("does not hold"), e.getMessage());
  }

  @Test
  void acceptsSignalAssignedOnEveryPathThroughElseWhenAndOtherwise() {
    Component<Void> module = module("m", m -> {
      var select = m.input("select", uint(2));
      var w = m.wire("w", uint(4));
      when(select.eq(0), () -> w.assign(1)).elseWhen(select.eq(1), () -> w.assign(2)).otherwise(() -> w.assign(3));
      m.output("y", uint(4)).assign(w);
    });
    var evaluator = new CombinationalEvaluator(module);
    long[] expected = {1, 2, 3, 3};
    for (int select = 0; select < 4; select++) {
      assertEquals(BigInteger.valueOf(expected[select]),
          evaluator.evaluate(Map.of("select", BigInteger.valueOf(select))).get("y"));
    }
  }

  @Test
  void rejectsTwoUnconditionalDrivers() {
    HdlException e = assertRejected("y", "'y' has two drivers", () -> module("m", m -> {
      var x = m.input("x", uint(4));
      var y = m.output("y", uint(4));
      y.assign(x);
      mark();
      y.assign(x.not());
    }));
    assertTrue(e.getMessage().contains("it is already assigned earlier"), e.getMessage());
  }

  @Test
  void rejectsVecDrivenWholeAndByElement() {
    assertRejected("v", "'v' has two drivers", () -> module("m", m -> {
      var x = m.input("x", uint(4));
      var v = m.output("v", vec(2, uint(4)));
      v.assign(vecOf(x, x));
      mark();
      v.get(1).assign(x);
    }));
  }

  @Test
  void rejectsCombinationalLoopListingItSignalBySignal() {
    HdlException e = assertThrows(HdlException.class, () -> module("m", m -> {
      var x = m.input("x", uint(4));
      var a = m.wire("a", uint(4));
      var b = m.wire("b", uint(4));
      a.assign(b.xor(x));
      b.assign(a.not());
      m.output("y", uint(4)).assign(b);
    }));
    assertTrue(e.getMessage().matches("(?s).*combinational loop in module m: a \\(DesignRuleTest.java:\\d+\\) -> b "
        + "\\(DesignRuleTest.java:\\d+\\) -> a .*"), e.getMessage());
    assertEquals("a", e.signal());
  }

  @Test
  void registersBreakLoops() {
    Component<Void> module = module("m", m -> {
      var r = m.reg("r", uint(4)).init(0);
      r.assign(r.not());
      m.output("y", uint(4)).assign(r);
    });
    assertTrue(module.hasClock());
    assertTrue(module.hasReset());
  }

  /** A 4-bit stage: d in, q out. */
  static final class StageIo extends Bundle {
    final UInt d = input("d", uint(4));
    final UInt q = output("q", uint(4));
  }

  @Test
  void seesCombinationalLoopsThroughInstances() {
    var io = bundle(StageIo::new);
    Component<StageIo> passThrough = module("pass", io, (m, p) -> p.q.assign(p.d));
    Component<StageIo> registered = module("stage", io, (m, p) -> p.q.assign(m.reg("r", p.d)));
    HdlException e = assertThrows(HdlException.class, () -> module("top", m -> {
      StageIo u = m.instance("u", passThrough);
      u.d.assign(u.q.not());
      m.output("y", uint(4)).assign(u.q);
    }));
    assertTrue(e.getMessage().contains("combinational loop in module top"), e.getMessage());
    Component<Void> fine = module("top", m -> {
      StageIo u = m.instance("u", registered);
      u.d.assign(u.q.not());
      m.output("y", uint(4)).assign(u.q);
    });
    assertEquals(List.of("d"), List.copyOf(passThrough.combinationalPaths().get("q")));
    assertTrue(registered.combinationalPaths().get("q").isEmpty());
    assertTrue(fine.hasClock());
  }

  @Test
  void acceptsFixedPlusIntegerAfterToFixed() {
    Component<Void> module = module("m", m -> {
      var f = m.input("f", sfix(8, 4));
      var n = m.input("n", sint(8));
      var sum = f.add(n.toFixed());
      assertEquals(sfix(13, 4), sum.type());
      m.output("y", sum);
    });
    assertEquals(2, module.inputs().size());
  }

  @Test
  void rejectsConstantThatDoesNotFitItsType() {
    assertRejected(null, "constant 256 does not fit uint(8)", () -> module("m", m -> {
      mark();
      m.output("y", uint(8)).assign(256);
    }));
  }

  @Test
  void rejectsFixedConstantThatIsNotRepresentable() {
    assertRejected(null, "not exactly representable in sfix(8,2)", () -> module("m", m -> {
      mark();
      m.output("y", sfix(8, 2)).assign(0.1);
    }));
  }

  @Test
  void rejectsRegisterResetValueThatDoesNotFit() {
    assertRejected(null, "constant -1 does not fit uint(4)", () -> module("m", m -> {
      var r = m.reg("r", uint(4));
      mark();
      r.init(-1);
    }));
  }

  @Test
  void rejectsSliceOutOfRange() {
    assertRejected("x", "slice [8:4] is out of range for 'x', which has bits [7:0]", () -> module("m", m -> {
      var x = m.input("x", uint(8));
      mark();
      m.output("y", uint(5)).assign(x.slice(8, 4));
    }));
  }

  @Test
  void rejectsExtendThatWouldNarrow() {
    assertRejected("x", "extend cannot narrow", () -> module("m", m -> {
      var x = m.input("x", sfix(8, 4));
      mark();
      m.output("y", sfix(8, 2)).assign(x.extend(sfix(8, 2)));
    }));
  }

  @Test
  void rejectsMemoryAddressOfTheWrongWidth() {
    assertRejected("buffer", "its address must be uint(4)", () -> module("m", m -> {
      var address = m.input("address", uint(5));
      var memory = m.memory("buffer", 16, uint(8));
      mark();
      memory.write(address, m.input("data", uint(8)));
    }));
  }

  @Test
  void rejectsSignalsOfAnotherModule() {
    UInt[] leaked = new UInt[1];
    module("a", m -> {
      leaked[0] = m.input("x", uint(4));
      m.output("y", uint(4)).assign(leaked[0]);
    });
    HdlException e = assertThrows(HdlException.class, () -> module("b", m -> m.output("y", uint(4)).assign(leaked[0])));
    assertTrue(e.getMessage().contains("belongs to module a, not b"), e.getMessage());
  }

  @Test
  void reportsUnusedInputsAndSignalsAsWarnings() {
    Component<Void> module = module("m", m -> {
      var used = m.input("used", uint(4));
      m.input("spare", uint(4));
      m.wire("scratch", uint(4)).assign(used);
      m.output("y", uint(4)).assign(used);
    });
    List<String> messages = module.warnings().stream().map(HdlWarning::message).toList();
    assertEquals(List.of("input 'spare' is never used", "signal 'scratch' is never used"), messages);
    assertTrue(module.warnings().get(0).location().file().equals("DesignRuleTest.java"));
  }

  @Test
  void rejectsReservedPortNames() {
    assertRejected("clk", "reserved for the implicit clock", () -> module("m", m -> {
      mark();
      m.input("clk", bool());
    }));
  }

  @Test
  void rejectsWidthsOutsideTheLimitsAtTheUserLine() {
    for (int width : new int[] {-1, 0, 100_000}) {
      assertRejected(null, "must be 1..65536 bits wide, not " + width, () -> module("m", m -> {
        mark();
        m.input("x", uint(width));
      }));
    }
    assertRejected(null, "a vec needs at least one element, not 0", () -> module("m", m -> {
      mark();
      m.input("x", vec(0, uint(4)));
    }));
  }

  @Test
  void rejectsAProductWiderThanTheLimit() {
    assertRejected(null, "must be 1..65536 bits wide, not 80000", () -> module("m", m -> {
      var a = m.input("a", uint(40_000));
      mark();
      m.output("y", a.mul(a));
    }));
  }

  @Test
  void rejectsNullTypesAndComponents() {
    assertRejected("x", "'x' needs a type, not null", () -> module("m", m -> {
      mark();
      m.input("x", (UIntType) null);
    }));
    assertRejected("u", "instance 'u' needs a component, not null", () -> module("m", m -> {
      mark();
      m.instance("u", (Component<StageIo>) null);
    }));
  }

  @Test
  void rejectsAModuleThatInstantiatesItself() {
    HdlException e = assertThrows(HdlException.class, this::recursive);
    assertTrue(e.getMessage().contains("instantiates itself"), e.getMessage());
    assertEquals("DesignRuleTest.java", e.location().file(), e.getMessage());
  }

  private Component<StageIo> recursive() {
    return module("loop", bundle(StageIo::new), (m, io) -> {
      StageIo inner = m.instance("inner", recursive());
      inner.d.assign(io.d);
      io.q.assign(inner.q);
    });
  }

  @Test
  void rejectsAssigningAnInputOrAnExpression() {
    assertRejected("x", "'x' cannot be assigned: it is an input port", () -> module("m", m -> {
      var x = m.input("x", uint(4));
      mark();
      x.assign(3);
    }));
    assertRejected(null, "cannot be assigned: it is the result of an operation", () -> module("m", m -> {
      var x = m.input("x", uint(4));
      mark();
      x.not().assign(x);
    }));
  }

  @Test
  void rejectsInitOnAnythingButARegister() {
    assertRejected("w", "init(...) applies to a whole register, and 'w' is not one", () -> module("m", m -> {
      var w = m.wire("w", uint(4));
      mark();
      w.init(0);
    }));
  }

  @Test
  void locatesErrorsInHelperMethodsAtTheUserLine() {
    HdlException e = assertThrows(HdlException.class, () -> module("m", this::badHelper));
    assertEquals(line[0], e.location().line(), e.getMessage());
  }

  private void badHelper(ModuleBuilder m) {
    var x = m.input("x", uint(8));
    mark();
    m.output("y", uint(4)).assign(x);
  }
}
