package dev.gatewright.sim;

import static dev.gatewright.hdl.Hdl.*;
import static dev.gatewright.sim.junit.CoSimulationAssertions.assumeAvailable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.UInt;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs and outputs paired by valid signals: a run lasts until every input has produced its output,
 * however long the design takes, and fails with a count when outputs stop coming.
 */
@ExtendWith(CoSimulationExtension.class)
class ValidSignalsCoSimulationTest {

  /** A value in with its valid, three times the value out with its valid. */
  static final class TripleIo extends Bundle {
    final Bool inValid = input("in_valid", bool());
    final UInt x = input("x", uint(8));
    final Bool outValid = output("out_valid", bool());
    final UInt y = output("y", uint(10));
  }

  static final BundleType<TripleIo> TRIPLE_IO = bundle(TripleIo::new);

  /**
   * Time-shared: takes an input while idle, works on it for {@code work} cycles (adding x to an
   * accumulator three times, spread over the work), then shows 3x with out_valid for one cycle; busy
   * meanwhile, so inputs must come {@code work + 1} cycles apart. Its latency is {@code work + 1}.
   */
  static Component<TripleIo> timeShared(int work) {
    return module("time_shared_" + work, TRIPLE_IO, (m, io) -> {
      int bits = 32 - Integer.numberOfLeadingZeros(work);
      Bool busy = m.reg("busy", bool()).init(false);
      UInt count = m.reg("count", uint(bits)).init(0);
      UInt held = m.reg("held", uint(8)).init(0);
      UInt sum = m.reg("sum", uint(10)).init(0);
      Bool done = busy.and(count.eq(work - 1));
      when(busy.not().and(io.inValid), () -> {
        busy.assign(true);
        count.assign(0);
        held.assign(io.x);
        sum.assign(0);
      }).elseWhen(busy, () -> {
        count.assign(count.add(1).resize(uint(bits), Overflow.WRAP));
        when(count.lt(3), () -> sum.assign(sum.add(held).resize(uint(10), Overflow.WRAP)));
        when(done, () -> busy.assign(false));
      });
      io.outValid.assign(m.reg("out_valid_q", done).init(false));
      io.y.assign(m.reg("y_q", sum));
    });
  }

  /** A plain pipeline {@code depth} registers deep, valid beside the data. */
  static Component<TripleIo> deepPipeline(int depth) {
    return module("deep_" + depth, TRIPLE_IO, (m, io) -> {
      UInt tripled = io.x.mul(3).resize(uint(10), Overflow.WRAP);
      io.outValid.assign(m.delay("valid_d", io.inValid, depth));
      io.y.assign(m.delay("y_d", tripled, depth));
    });
  }

  static void triple(TripleIo io, PortValues in, PortValues.Builder out) {
    out.set(io.y, in.get(io.x).multiply(BigInteger.valueOf(3)));
  }

  static Stream<Arguments> longLatencies() {
    return Stream.of(Engine.values()).flatMap(engine -> Stream.of(32, 300).map(work -> Arguments.of(engine, work)));
  }

  @ParameterizedTest
  @MethodSource("longLatencies")
  void aTimeSharedDesignVerifiesHoweverLongItsLatency(Engine engine, int work) {
    CoSimulation.Report report = CoSimulation.of(timeShared(work)).valid(io -> io.inValid, io -> io.outValid)
        .interval(work + 1).golden(ValidSignalsCoSimulationTest::triple)
        .cornerVectors().randomVectors(40, work).check(engine);
    assertEquals(40 + 4 * 2, report.vectors());
    assertEquals(report.vectors(), report.comparisons());
    assertEquals(work + 1, report.minLatency());
    assertEquals(work + 1, report.maxLatency());
    assertEquals((work + 1) * report.vectors(), report.cycles(), "the run ends with the last output");
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aDeepPipelineVerifiesWithoutADeclaredLatency(Engine engine) {
    CoSimulation.Report report = CoSimulation.of(deepPipeline(300)).valid(io -> io.inValid, io -> io.outValid)
        .golden(ValidSignalsCoSimulationTest::triple).randomVectors(1000, 3).check(engine);
    assertEquals(1000, report.comparisons());
    assertEquals(300, report.maxLatency());
    assertEquals(1000 + 299, report.cycles());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void validSignalsAlignOutputsWithTheInputsThatCausedThem(Engine engine) {
    Component<Void> doubler = module("doubler", m -> {
      var inValid = m.input("in_valid", bool());
      var x = m.input("x", uint(8));
      var valid = m.reg("valid_q", inValid).init(false);
      var value = m.reg("value_q", x.shl(1));
      m.output("out_valid", bool()).assign(m.reg("out_valid_q", valid).init(false));
      m.output("y", uint(9)).assign(m.reg("y_q", value));
    });
    var check = CoSimulation.of(doubler).valid("in_valid", "out_valid")
        .golden(in -> Map.of("y", in.get("x").shiftLeft(1)));
    for (int i = 0; i < 200; i++) {
      check.vector(Map.of("in_valid", BigInteger.valueOf(i % 3 == 0 ? 0 : 1), "x", BigInteger.valueOf(i % 256)));
    }
    CoSimulation.Report report = check.check(engine);
    assertEquals(133, report.comparisons(), "a vector with its valid low is an idle cycle");
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void randomGapsBetweenInputsChangeNothingButTheCycles(Engine engine) {
    CoSimulation.Report steady = CoSimulation.of(deepPipeline(3)).valid(io -> io.inValid, io -> io.outValid)
        .golden(ValidSignalsCoSimulationTest::triple).randomVectors(2000, 4).check(engine);
    CoSimulation.Report gappy = CoSimulation.of(deepPipeline(3)).valid(io -> io.inValid, io -> io.outValid)
        .stalls(0.5, 0, 9).golden(ValidSignalsCoSimulationTest::triple).randomVectors(2000, 4).check(engine);
    assertEquals(2000, gappy.comparisons());
    assertEquals(2002, steady.cycles());
    assertEquals(2002 + gappy.sourceGapCycles(), gappy.cycles());
    assertTrue(gappy.sourceGapCycles() > 1500 && gappy.sourceGapCycles() < 2500, gappy.toString());
  }

  /** Only the first 10 inputs ever produce an output. */
  static Component<TripleIo> forgetful() {
    return module("forgetful", TRIPLE_IO, (m, io) -> {
      UInt taken = m.reg("taken", uint(8)).init(0);
      when(io.inValid.and(taken.lt(255)), () -> taken.assign(taken.add(1).resize(uint(8), Overflow.WRAP)));
      io.outValid.assign(m.reg("out_valid_q", io.inValid.and(taken.lt(10))).init(false));
      io.y.assign(m.reg("y_q", io.x.mul(3).resize(uint(10), Overflow.WRAP)));
    });
  }

  /** Harness logic alone (the engines agree cycle by cycle elsewhere): the Java engine needs no build. */
  @ParameterizedTest
  @EnumSource(value = Engine.class, names = "JAVA")
  void outputsThatNeverComeFailWithHowManyAreMissing(Engine engine) {
    CoSimulation<TripleIo> derived = CoSimulation.of(forgetful()).valid(io -> io.inValid, io -> io.outValid)
        .waveforms(false).golden(ValidSignalsCoSimulationTest::triple).randomVectors(50, 5);
    CoSimulationMismatch failure = assertThrows(CoSimulationMismatch.class, () -> derived.check(engine));
    assertTrue(failure.getMessage().contains("40 of 50 inputs never produced their outputs: none came for 10,000 cycles"),
        failure.getMessage());
    assertEquals(10, failure.inputIndex(), "the oldest input without an output");
    assertEquals(11 + 10_000, failure.cycle(), "counted from the first input that found no output");

    CoSimulation<TripleIo> declared = CoSimulation.of(forgetful()).valid(io -> io.inValid, io -> io.outValid)
        .latency(1).waveforms(false).golden(ValidSignalsCoSimulationTest::triple).randomVectors(50, 5);
    failure = assertThrows(CoSimulationMismatch.class, () -> declared.check(engine));
    assertTrue(failure.getMessage().contains("21 of 31 inputs never produced their outputs: none came for 20 cycles, "
        + "beyond the bound 2 x (latency + interval) + 16 = 20 cycles"), failure.getMessage());
    assertEquals(31, failure.cycle(), "the run stops while inputs are still coming, 20 cycles after the last output");
  }

  @TempDir
  Path waves;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void anOutputWithNoInputPendingIsAMismatch(Engine engine) throws Exception {
    assumeAvailable(engine);
    Component<TripleIo> echo = module("echo", TRIPLE_IO, (m, io) -> {
      Bool once = m.reg("once", io.inValid).init(false);
      io.outValid.assign(once.or(m.reg("twice", once).init(false)));
      io.y.assign(m.reg("y_q", io.x.mul(3).resize(uint(10), Overflow.WRAP)));
    });
    CoSimulation<TripleIo> check = CoSimulation.of(echo).valid(io -> io.inValid, io -> io.outValid).interval(4)
        .waveformsIn(waves).golden((io, in, out) -> {}).randomVectors(3, 1);
    CoSimulationMismatch failure = assertThrows(CoSimulationMismatch.class, () -> check.check(engine));
    assertTrue(failure.getMessage().contains("at cycle 2, output 'out_valid': an output was valid where none was owed"),
        failure.getMessage());
    String vcd = Files.readString(failure.waveform().orElseThrow());
    assertTrue(vcd.contains(" out_valid ") && vcd.contains(" twice "), "the replayed window holds the design's signals");
  }
}
