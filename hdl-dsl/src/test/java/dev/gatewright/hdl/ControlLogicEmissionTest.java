package dev.gatewright.hdl;

import static dev.gatewright.hdl.Hdl.*;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.testing.CombinationalEvaluator;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code when} and {@code switchOn} are emitted as {@code always_comb} / {@code always_ff} blocks with
 * {@code if} and {@code case}, targets named as the user named them, each expression built once.
 */
class ControlLogicEmissionTest {

  @TempDir
  Path directory;

  enum Mode { OFF, COUNT, HOLD }

  static Component<Void> controller() {
    return module("controller", m -> {
      Bool start = m.input("start", bool());
      Bool stop = m.input("stop", bool());
      UInt limit = m.input("limit", uint(8));
      EnumSignal<Mode> mode = m.reg("mode", enumType(Mode.class, Encoding.ONE_HOT)).init(Mode.OFF);
      UInt count = m.reg("count", uint(8)).init(0);
      Bool busy = m.wire("busy", bool());
      UInt next = count.add(1).resize(uint(8), Overflow.WRAP).named("next");
      busy.assign(false);
      switchOn(mode)
          .is(Mode.OFF, () -> when(start, () -> {
            mode.assign(Mode.COUNT);
            count.assign(0);
          }))
          .is(Mode.COUNT, () -> {
            busy.assign(true);
            when(stop, () -> mode.assign(Mode.HOLD))
                .elseWhen(next.eq(limit), () -> mode.assign(Mode.OFF))
                .otherwise(() -> count.assign(next));
          })
          .is(Mode.HOLD, () -> when(start, () -> mode.assign(Mode.COUNT)));
      m.output("busy_o", busy);
      m.output("value", count);
    });
  }

  @Test
  void aControllerIsEmittedAsCaseAndIfBlocksThatAllThreeToolsAccept() {
    String sv = assertCleanInAllTools(controller(), directory).file("controller").text();
    assertTrue(sv.contains("always_comb begin"), sv);
    assertTrue(sv.contains("always_ff @(posedge clk) begin"), sv);
    assertTrue(sv.contains("case (mode)"), sv);
    assertTrue(sv.contains("3'h2: begin  // COUNT"), sv);
    assertTrue(sv.contains("end else if (next == limit) begin"), sv);
    assertTrue(sv.contains("busy = 1'b1;"), sv);
    assertTrue(sv.contains("count <= next;"), sv);
    assertFalse(sv.contains("_mux"), sv);
    assertDeterministic(ControlLogicEmissionTest::controller);
  }

  @Test
  void anExpressionUsedInSeveralBranchesIsBuiltAndEmittedOnce() {
    Component<Void> shared = module("shared", m -> {
      UInt a = m.input("a", uint(8));
      UInt b = m.input("b", uint(8));
      UInt op = m.input("op", uint(2));
      UInt y = m.wire("y", uint(9));
      switchOn(op)
          .is(0, () -> y.assign(a.add(b)))
          .is(1, () -> y.assign(a.add(b).not()))
          .is(2, () -> y.assign(a.add(b).xor(a.zext(9))))
          .otherwise(() -> y.assign(0));
      m.output("out", y);
    });
    long adders = shared.nodes().stream().filter(n -> n.op() == Op.ADD).count();
    assertEquals(1, adders);
    String sv = assertCleanInAllTools(shared, directory).file("shared").text();
    Matcher sums = Pattern.compile("\\+").matcher(sv);
    int count = 0;
    while (sums.find()) {
      count++;
    }
    assertEquals(1, count, sv);
  }

  @Test
  void targetsThatReadEachOtherGetBlocksOfTheirOwn() {
    Component<Void> chained = module("chained", m -> {
      Bool sel = m.input("sel", bool());
      UInt x = m.input("x", uint(4));
      UInt first = m.wire("first", uint(4));
      UInt second = m.wire("second", uint(4));
      when(sel, () -> {
        first.assign(x);
        second.assign(first.not());
      }).otherwise(() -> {
        first.assign(x.not());
        second.assign(first);
      });
      m.output("y", second);
    });
    String sv = assertCleanInAllTools(chained, directory).file("chained").text();
    assertEquals(2, sv.split("always_comb", -1).length - 1, sv);
    CombinationalEvaluator evaluator = new CombinationalEvaluator(chained);
    assertEquals(BigInteger.valueOf(0b1010), evaluator.evaluate(Map.of("sel", BigInteger.ONE, "x", BigInteger.valueOf(0b0101)))
        .get("y"));
    assertEquals(BigInteger.valueOf(0b1010), evaluator.evaluate(Map.of("sel", BigInteger.ZERO, "x", BigInteger.valueOf(0b0101)))
        .get("y"));
  }

  @Test
  void vecElementsEnabledRegistersAndMemoryWritesInsideConditionsPassAllThreeTools() {
    Component<Void> mixed = module("mixed", m -> {
      Bool write = m.input("write", bool());
      UInt op = m.input("op", uint(2));
      UInt data = m.input("data", uint(4));
      Bool enable = m.input("enable", bool());
      Vec<UInt> lanes = m.reg("lanes", vec(4, uint(4)));
      UInt plain = m.reg("plain", uint(4)).enable(enable);
      Memory<UInt> memory = m.memory("words", 4, uint(4));
      switchOn(op)
          .is(0, () -> lanes.get(0).assign(data))
          .is(1, () -> {
            lanes.get(1).assign(data);
            plain.assign(data);
          })
          .is(2, () -> {
            lanes.get(2).assign(data);
            when(write, () -> memory.write(op, data));
          })
          .is(3, () -> lanes.get(3).assign(data.not()));
      m.output("lanes_o", lanes);
      m.output("plain_o", plain);
      m.output("read", memory.readAsync(data.slice(1, 0)));
    });
    String sv = assertCleanInAllTools(mixed, directory).file("mixed").text();
    assertTrue(sv.contains("lanes[7:4] <= data;"), sv);
    assertTrue(sv.contains("if (enable) begin"), sv);
  }

  @Test
  void aRegisterElementNeverAssignedAndWithoutResetIsRejected() {
    HdlException e = org.junit.jupiter.api.Assertions.assertThrows(HdlException.class, () -> module("m", m -> {
      UInt data = m.input("data", uint(4));
      Vec<UInt> lanes = m.reg("lanes", vec(2, uint(4)));
      lanes.get(0).assign(data);
      m.output("y", lanes);
    }));
    assertTrue(e.getMessage().contains("element 1 of register 'lanes' is never assigned and has no reset value"),
        e.getMessage());
  }

  @Test
  void theNetlistAnswersWhoReadsANodeAndWhatItsConeIs() {
    Component<Void> adder = module("adder", m -> {
      UInt a = m.input("a", uint(4));
      UInt b = m.input("b", uint(4));
      UInt r = m.reg("r", a.add(b));
      m.output("y", r.xor(a.zext(5)));
    });
    Node input = adder.node(adder.port("a").orElseThrow().node());
    Node output = adder.node(adder.port("y").orElseThrow().node());
    int[] readers = adder.netlist().readers(input.id());
    assertEquals(1, readers.length, "the adder and the xor share one extension of a");
    assertEquals(2, adder.netlist().readerCount(readers[0]));
    var cone = adder.netlist().combinationalCone(output.id());
    assertTrue(cone.get(input.id()), "a reaches y through the xor");
    assertFalse(cone.get(adder.port("b").orElseThrow().node()), "b reaches y only through the register");
  }
}
