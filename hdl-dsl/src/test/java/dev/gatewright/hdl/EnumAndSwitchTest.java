package dev.gatewright.hdl;

import static dev.gatewright.hdl.Hdl.*;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.testing.CombinationalEvaluator;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hardware enums: encodings, and switches that must cover every state. */
class EnumAndSwitchTest {

  @TempDir
  Path directory;

  enum Phase { IDLE, LOAD, RUN, DRAIN, DONE }

  @Test
  void encodingsHaveTheirWidthsAndCodes() {
    EnumType<Phase> binary = enumType(Phase.class);
    EnumType<Phase> oneHot = enumType(Phase.class, Encoding.ONE_HOT);
    EnumType<Phase> gray = enumType(Phase.class, Encoding.GRAY);
    assertEquals(3, binary.width());
    assertEquals(5, oneHot.width());
    assertEquals(3, gray.width());
    assertEquals(BigInteger.valueOf(3), binary.code(Phase.DRAIN));
    assertEquals(BigInteger.valueOf(8), oneHot.code(Phase.DRAIN));
    assertEquals(BigInteger.valueOf(2), gray.code(Phase.DRAIN));
    for (Phase a : Phase.values()) {
      assertEquals(a, gray.decode(gray.code(a)));
    }
  }

  private final int[] line = new int[1];

  private void mark() {
    line[0] = StackWalker.getInstance().walk(f -> f.skip(1).findFirst().orElseThrow().getLineNumber()) + 1;
  }

  @Test
  void aSwitchThatLeavesAStateWithoutABranchIsRejectedAtItsLine() {
    HdlException e = assertThrows(HdlException.class, () -> module("m", m -> {
      EnumSignal<Phase> phase = m.input("phase", enumType(Phase.class));
      UInt y = m.output("y", uint(2));
      y.assign(0);
      mark();
      switchOn(phase).is(Phase.IDLE, () -> y.assign(1)).is(Phase.RUN, Phase.DRAIN, () -> y.assign(2));
    }));
    assertTrue(e.getMessage().contains("has no branch for LOAD, DONE"), e.getMessage());
    assertEquals(line[0], e.location().line(), e.getMessage());
    assertEquals("EnumAndSwitchTest.java", e.location().file());
  }

  @Test
  void anOtherwiseCoversTheRestAndEveryEncodingDecodesTheSame() {
    for (Encoding encoding : Encoding.values()) {
      Component<Void> decoder = module("decoder", m -> {
        EnumSignal<Phase> phase = m.input("phase", enumType(Phase.class, encoding));
        UInt y = m.output("y", uint(3));
        switchOn(phase).is(Phase.LOAD, () -> y.assign(1)).is(Phase.DONE, () -> y.assign(5)).otherwise(() -> y.assign(7));
        m.output("running", phase.is(Phase.RUN));
      });
      CombinationalEvaluator evaluator = new CombinationalEvaluator(decoder);
      EnumType<Phase> type = enumType(Phase.class, encoding);
      for (Phase phase : Phase.values()) {
        Map<String, BigInteger> out = evaluator.evaluate(Map.of("phase", type.code(phase)));
        long expected = phase == Phase.LOAD ? 1 : phase == Phase.DONE ? 5 : 7;
        assertEquals(BigInteger.valueOf(expected), out.get("y"), encoding + " " + phase);
        assertEquals(phase == Phase.RUN ? BigInteger.ONE : BigInteger.ZERO, out.get("running"), encoding + " " + phase);
      }
      assertCleanInAllTools(decoder, directory.resolve(encoding.name()));
    }
  }

  @Test
  void aCompleteSwitchEmitsItsLastStateAsTheDefaultAndNamesTheStates() {
    Component<Void> complete = module("complete", m -> {
      EnumSignal<Phase> phase = m.input("phase", enumType(Phase.class));
      UInt y = m.wire("y", uint(3));
      switchOn(phase)
          .is(Phase.IDLE, () -> y.assign(0)).is(Phase.LOAD, () -> y.assign(1)).is(Phase.RUN, () -> y.assign(2))
          .is(Phase.DRAIN, () -> y.assign(3)).is(Phase.DONE, () -> y.assign(4));
      m.output("out", y);
    });
    String sv = assertCleanInAllTools(complete, directory).file("complete").text();
    assertTrue(sv.contains("3'h0: begin  // IDLE"), sv);
    assertTrue(sv.contains("default: begin  // DONE"), sv);
    CombinationalEvaluator evaluator = new CombinationalEvaluator(complete);
    assertEquals(BigInteger.valueOf(4), evaluator.evaluate(Map.of("phase", BigInteger.valueOf(4))).get("out"));
  }

  @Test
  void aSwitchNamingOneValueTwiceIsRejected() {
    HdlException e = assertThrows(HdlException.class, () -> module("m", m -> {
      UInt op = m.input("op", uint(2));
      UInt y = m.output("y", uint(2));
      y.assign(0);
      switchOn(op).is(1, () -> y.assign(1)).is(1, () -> y.assign(2));
    }));
    assertTrue(e.getMessage().contains("has two branches for 1"), e.getMessage());
  }
}
