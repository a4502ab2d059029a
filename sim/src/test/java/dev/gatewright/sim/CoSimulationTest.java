package dev.gatewright.sim;

import static dev.gatewright.hdl.Hdl.*;
import static dev.gatewright.sim.junit.CoSimulationAssertions.assumeAvailable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The co-simulation harness with a fixed latency: typed handles, inline ports, mismatches, vectors. */
@ExtendWith(CoSimulationExtension.class)
class CoSimulationTest {

  static final FixedType SAMPLE = sfix(8, 6);
  static final FixedType RESULT = sfix(10, 7);

  static final class MulAddIo extends Bundle {
    final Fixed a = input("a", SAMPLE);
    final Fixed b = input("b", SAMPLE);
    final Fixed c = input("c", SAMPLE);
    final Fixed y = output("y", RESULT);
  }

  static final BundleType<MulAddIo> MUL_ADD_IO = bundle(MulAddIo::new);

  /** y = saturate(a * b + c), two register stages, ports in an IO bundle. */
  static Component<MulAddIo> multiplyAdd() {
    return module("mul_add", MUL_ADD_IO, (m, io) -> {
      Fixed product = m.reg("product", io.a.mul(io.b));
      Fixed delayed = m.reg("c_q", io.c);
      io.y.assign(m.reg("y_q", product.add(delayed).resize(RESULT, Rounding.HALF_EVEN, Overflow.SATURATE)));
    });
  }

  /** The same design with inline ports. */
  static Component<Void> inlineMultiplyAdd() {
    return module("mul_add_inline", m -> {
      Fixed a = m.input("a", SAMPLE);
      Fixed b = m.input("b", SAMPLE);
      Fixed c = m.input("c", SAMPLE);
      Fixed product = m.reg("product", a.mul(b));
      Fixed delayed = m.reg("c_q", c);
      m.output("y", RESULT).assign(m.reg("y_q", product.add(delayed).resize(RESULT, Rounding.HALF_EVEN, Overflow.SATURATE)));
    });
  }

  /** The model on raw values: a, b, c read as sfix(8,6) (signed), the result's raw bits. */
  static BigInteger multiplyAddModel(BigInteger a, BigInteger b, BigInteger c) {
    FixedType productType = FixedType.product(SAMPLE, SAMPLE);
    FixedType sumType = FixedType.sum(productType, SAMPLE);
    BigInteger sum = a.multiply(b).add(c.shiftLeft(productType.fraction() - SAMPLE.fraction()));
    return FixedMath.resize(sum, sumType, RESULT, Rounding.HALF_EVEN, Overflow.SATURATE);
  }

  @TempDir
  Path waves;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void multiplyAddMatchesItsGoldenModelThroughTypedHandles(Engine engine) {
    CoSimulation.Report report = CoSimulation.of(multiplyAdd()).latency(2)
        .golden((io, in, out) -> out.set(io.y, multiplyAddModel(in.value(io.a), in.value(io.b), in.value(io.c))))
        .cornerVectors().randomVectors(3000, 1).check(engine);
    assertEquals(3000 + 4 * 4, report.vectors());
    assertEquals(report.vectors(), report.comparisons());
    assertEquals(java.util.List.of("y"), report.comparedPorts());
    assertEquals(3000 + 4 * 4 + 1, report.cycles(), "a latency of 2 runs exactly one cycle past the last vector");
    assertEquals(2, report.maxLatency());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void inlinePortsAreNamedByString(Engine engine) {
    CoSimulation.Report report = CoSimulation.of(inlineMultiplyAdd()).latency(2)
        .golden(in -> Map.of("y", multiplyAddModel(Eval.toSigned(in.get("a"), 8), Eval.toSigned(in.get("b"), 8),
            Eval.toSigned(in.get("c"), 8))))
        .cornerVectors().randomVectors(1000, 2).check(engine);
    assertEquals(1016, report.comparisons());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aMismatchNamesCyclePortInputsAndValuesAndWritesAWaveform(Engine engine) throws Exception {
    assumeAvailable(engine);
    CoSimulation<MulAddIo> wrong = CoSimulation.of(multiplyAdd()).latency(2).waveformsIn(waves)
        .golden((io, in, out) -> out.set(io.y, multiplyAddModel(in.value(io.a), in.value(io.b), in.value(io.c))
            .add(in.get(io.a).testBit(7) ? BigInteger.ZERO : BigInteger.ONE)))
        .vector((io, v) -> v.set(io.a, 0x80))
        .vector((io, v) -> v.set(io.a, 0x40).set(io.b, 0x40));
    CoSimulationMismatch failure = assertThrows(CoSimulationMismatch.class, () -> wrong.check(engine));
    String message = failure.getMessage();
    assertTrue(message.contains("at cycle 3, output 'y'"), message);
    assertTrue(message.contains("expected 10'h81 = 1.0078125 (sfix(10,7))"), message);
    assertTrue(message.contains("actual   10'h80 = 1 (sfix(10,7))"), message);
    assertTrue(message.contains("inputs (vector #1, taken at cycle 2)"), message);
    assertTrue(message.contains("a = 8'h40 = 1 (sfix(8,6))"), message);
    assertTrue(message.contains("c = 8'h0 = 0 (sfix(8,6))"), "an input left out of a vector is 0: " + message);
    assertEquals(3, failure.cycle());
    assertEquals("y", failure.port());
    assertEquals(BigInteger.valueOf(0x81), failure.expected().orElseThrow());
    assertEquals(BigInteger.valueOf(0x80), failure.actual().orElseThrow());
    Path vcd = failure.waveform().orElseThrow();
    assertTrue(message.contains("waveform of the failing window: " + vcd.toAbsolutePath()), message);
    assertTrue(Files.size(vcd) > 0, vcd.toString());
    assertTrue(Files.readString(vcd).contains(" y_q "), "the waveform holds the design's signals");
  }

  @Test
  void randomVectorsAreMadeAsTheyAreAppliedNotAllAtOnce() {
    long[] calls = {0};
    CoSimulation<MulAddIo> check = CoSimulation.of(multiplyAdd()).latency(2)
        .golden((io, in, out) -> out.set(io.y, multiplyAddModel(in.value(io.a), in.value(io.b), in.value(io.c))
            .add(++calls[0] == 20_000 ? BigInteger.ONE : BigInteger.ZERO)))
        .randomVectors(2_000_000_000, 3);
    CoSimulationMismatch failure = assertThrows(CoSimulationMismatch.class, () -> check.check(Engine.JAVA));
    assertTrue(calls[0] < 20_000 + 4_096, "the run stopped at the first mismatch, vectors made a chunk at a time: "
        + calls[0]);
    assertEquals(19_999, failure.inputIndex());
  }

  @Test
  void aFixedLatencyPairsExactlyOneOutputWithEachInput() {
    CoSimulation<MulAddIo> check = CoSimulation.of(multiplyAdd()).latency(2)
        .golden((io, in, out) -> out.set(io.y, 0).then().set(io.y, 1)).randomVectors(1, 1);
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> check.check(Engine.JAVA));
    assertTrue(failure.getMessage().contains("with a fixed latency every input has exactly one output; the golden "
        + "model gave 2 for input #0"), failure.getMessage());
  }

  @Test
  void negativeAndAbsurdVectorCountsAreRefused() {
    CoSimulation<MulAddIo> check = CoSimulation.of(multiplyAdd());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> check.randomVectors(-5, 1));
    assertTrue(negative.getMessage().contains("a count of 0 or more, not -5"), negative.getMessage());
    IllegalArgumentException absurd = assertThrows(IllegalArgumentException.class,
        () -> check.randomVectors(Long.MAX_VALUE, 1));
    assertTrue(absurd.getMessage().contains("more than the 100,000,000,000 vectors"), absurd.getMessage());
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> check.golden((io, in, out) -> {}).randomVectors(0, 1).check(Engine.JAVA));
    assertTrue(none.getMessage().contains("no input vectors"), none.getMessage());
  }

  @Test
  void aDesignWithAnIoBundleIsNamedByItsHandlesNotByStrings() {
    CoSimulation<MulAddIo> check = CoSimulation.of(multiplyAdd());
    IllegalStateException byName = assertThrows(IllegalStateException.class,
        () -> check.golden(in -> Map.of("y", BigInteger.ZERO)));
    assertTrue(byName.getMessage().contains("mul_add has an IO bundle"), byName.getMessage());
    assertTrue(byName.getMessage().contains("golden((io, in, out) -> out.set(io.y, ...))"), byName.getMessage());
    MulAddIo other = CoSimulation.of(multiplyAdd()).io();
    IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
        () -> check.vector((io, v) -> v.set(other.a, 1)));
    assertTrue(foreign.getMessage().contains("is not a port of mul_add"), foreign.getMessage());
    IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
        () -> check.vector((io, v) -> v.set(io.y, 1)));
    assertTrue(output.getMessage().contains("'y', which is an output of mul_add"), output.getMessage());
    IllegalStateException noBundle = assertThrows(IllegalStateException.class, () -> CoSimulation.of(inlineMultiplyAdd()).io());
    assertTrue(noBundle.getMessage().contains("declares its ports inline"), noBundle.getMessage());
  }

  @Test
  void valuesThatDoNotFitTheirPortAreRefusedNotTruncated() {
    CoSimulation<MulAddIo> check = CoSimulation.of(multiplyAdd());
    IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
        () -> check.vector((io, v) -> v.set(io.a, 256)));
    assertTrue(tooBig.getMessage().contains("gave 256 for port 'a' of type sfix(8,6), which does not fit its 8 bits"),
        tooBig.getMessage());
    check.vector((io, v) -> v.set(io.a, -128).set(io.b, 255));
    IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
        () -> check.latency(2).golden((io, in, out) -> out.set(io.y, 1024)).check(Engine.JAVA));
    assertTrue(model.getMessage().contains("the golden model gave 1024 for port 'y'"), model.getMessage());
  }

  @Test
  void anEngineWithoutItsToolsIsReportedByItsOwnException() {
    String property = "gatewright.tool.verilator";
    String before = System.getProperty(property);
    System.setProperty(property, "/nonexistent/verilator");
    try {
      CoSimulation<MulAddIo> check = CoSimulation.of(multiplyAdd()).golden((io, in, out) -> {}).randomVectors(1, 1);
      EngineUnavailableException missing = assertThrows(EngineUnavailableException.class,
          () -> check.check(Engine.VERILATOR));
      assertEquals(Engine.VERILATOR, missing.engine());
      assertTrue(missing.getMessage().contains("the verilator engine needs Verilator"), missing.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }
}
