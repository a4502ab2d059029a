package dev.gatewright.sim.junit;

import static dev.gatewright.hdl.Hdl.*;
import static dev.gatewright.sim.junit.CoSimulationAssertions.assertMatchesGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.UInt;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.EngineUnavailableException;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The JUnit 5 adapter: mismatches fail as assertions (with a diff), a missing engine skips. */
class CoSimulationAssertionsTest {

  static final class AddIo extends Bundle {
    final UInt a = input("a", uint(8));
    final UInt b = input("b", uint(8));
    final UInt sum = output("sum", uint(9));
  }

  static Component<AddIo> adder() {
    return module("adder", bundle(AddIo::new), (m, io) -> io.sum.assign(m.reg("sum_q", io.a.add(io.b))));
  }

  @Test
  void aMatchingDesignReturnsItsReport() {
    CoSimulation.Report report = assertMatchesGolden(CoSimulation.of(adder()).latency(1)
        .golden((io, in, out) -> out.set(io.sum, in.get(io.a).add(in.get(io.b))))
        .cornerVectors().randomVectors(500, 1), Engine.JAVA);
    assertEquals(500 + 4 * 3, report.comparisons());
  }

  @Test
  void aMismatchFailsAsAnAssertionWithExpectedAndActualValues() {
    CoSimulation<AddIo> wrong = CoSimulation.of(adder()).latency(1).waveforms(false)
        .golden((io, in, out) -> out.set(io.sum, in.get(io.a).subtract(in.get(io.b)).abs()))
        .vector((io, v) -> v.set(io.a, 3).set(io.b, 2));
    AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> assertMatchesGolden(wrong, Engine.JAVA));
    assertTrue(failure.getMessage().contains("adder differs from its golden model on the java engine at cycle 1"),
        failure.getMessage());
    assertEquals("9'h1 = 1 (uint(9))", failure.getExpected().getStringRepresentation());
    assertEquals("9'h5 = 5 (uint(9))", failure.getActual().getStringRepresentation());
  }

  @Test
  void anEngineWithoutItsToolsSkipsTheTest() {
    String property = "gatewright.tool.verilator";
    String before = System.getProperty(property);
    System.setProperty(property, "/nonexistent/verilator");
    try {
      CoSimulation<AddIo> check = CoSimulation.of(adder()).golden((io, in, out) -> {}).randomVectors(1, 1);
      TestAbortedException skipped = assertThrows(TestAbortedException.class,
          () -> assertMatchesGolden(check, Engine.VERILATOR));
      assertTrue(skipped.getMessage().contains("the verilator engine needs Verilator"), skipped.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }

  @Test
  void theExtensionTranslatesOnlyCoSimulationOutcomes() {
    Throwable skipped = CoSimulationExtension.translate(new EngineUnavailableException(Engine.VERILATOR));
    assertTrue(skipped instanceof TestAbortedException, skipped.toString());
    IllegalStateException other = new IllegalStateException("not ours");
    assertEquals(other, CoSimulationExtension.translate(other));
  }

  @Test
  void aMissingOutputFailsWithoutAValueDiff() {
    Component<Void> silent = module("silent", m -> {
      m.input("in_valid", bool());
      m.output("out_valid", bool()).assign(false);
      m.output("y", uint(4)).assign(constant(0, uint(4)));
    });
    CoSimulation<Void> check = CoSimulation.of(silent).valid("in_valid", "out_valid").latency(0).waveforms(false)
        .golden(in -> Map.of("y", BigInteger.ZERO)).vector(Map.of());
    AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> assertMatchesGolden(check, Engine.JAVA));
    assertTrue(failure.getMessage().contains("1 of 1 inputs never produced their outputs"), failure.getMessage());
    assertFalse(failure.isExpectedDefined());
  }
}
