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
import dev.gatewright.hdl.Data;
import dev.gatewright.hdl.DataType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.Stream;
import dev.gatewright.hdl.UInt;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams driven and collected with back-pressure and seeded random stalls on both sides, on the DSL's
 * stream stages and a design with bundle payloads; the whole payload sequence is compared.
 */
@ExtendWith(CoSimulationExtension.class)
class StreamCoSimulationTest {

  static final class Sample extends Bundle {
    final UInt tag = field("tag", uint(6));
    final SInt value = field("value", sint(10));
    final Bool last = field("last", bool());
  }

  static final BundleType<Sample> SAMPLE = bundle(Sample::new);

  /** A stream in, a stream of the same payload out. */
  static final class PipeIo<T extends Data> extends Bundle {
    final Stream<T> in;
    final Stream<T> out;

    PipeIo(DataType<T> payload) {
      in = input("in", stream(payload));
      out = output("out", stream(payload));
    }
  }

  /** The DSL's stream stages, with the cycles {@value #N} payloads take with no stalls and the latency. */
  enum Stage {
    M2S_PIPE(s -> s.m2sPipe(), N + 1, 1),
    S2M_PIPE(s -> s.s2mPipe(), N, 0),
    FULL_PIPE(s -> s.fullPipe(), N + 1, 1),
    QUEUE_1(s -> s.queue(1), 2 * N, 1),
    QUEUE_2(s -> s.queue(2), N + 1, 1),
    QUEUE_3(s -> s.queue(3), N + 1, 1),
    QUEUE_8(s -> s.queue(8), N + 1, 1);

    final UnaryOperator<Stream<Sample>> stage;
    final long cycles;
    final long latency;

    Stage(UnaryOperator<Stream<Sample>> stage, long cycles, long latency) {
      this.stage = stage;
      this.cycles = cycles;
      this.latency = latency;
    }

    Component<PipeIo<Sample>> design() {
      return module(name().toLowerCase(java.util.Locale.ROOT), bundle(() -> new PipeIo<>(SAMPLE)),
          (m, io) -> io.out.connect(stage.apply(io.in)));
    }
  }

  static final int N = 1000;

  @TempDir
  Path waves;

  static java.util.stream.Stream<Arguments> stagesOnBothEngines() {
    return java.util.stream.Stream.of(Engine.values())
        .flatMap(engine -> java.util.stream.Stream.of(Stage.values()).map(stage -> Arguments.of(engine, stage)));
  }

  static CoSimulation<PipeIo<Sample>> identity(Stage stage) {
    return CoSimulation.of(stage.design()).streams(io -> io.in, io -> io.out)
        .golden((io, in, out) -> out.copy(io.out.payload, io.in.payload));
  }

  @ParameterizedTest
  @MethodSource("stagesOnBothEngines")
  void everyStagePassesEveryPayloadInOrderUnderRandomStalls(Engine engine, Stage stage) {
    CoSimulation.Report report = identity(stage).stalls(0.3, 0.4, stage.ordinal())
        .cornerVectors().randomVectors(N, 7).check(engine);
    long vectors = N + 4 * (3 + 1);
    assertEquals(vectors, report.vectors());
    assertEquals(3 * vectors, report.comparisons(), "every field of every payload");
    assertEquals(java.util.List.of("out_payload_tag", "out_payload_value", "out_payload_last"), report.comparedPorts());
    assertTrue(report.sourceGapCycles() > 0 && report.sinkStallCycles() > 0 && report.backPressureCycles() > 0,
        report.toString());
  }

  @ParameterizedTest
  @MethodSource("stagesOnBothEngines")
  void withoutStallsEachStageKeepsItsThroughputAndLatency(Engine engine, Stage stage) {
    CoSimulation.Report report = identity(stage).randomVectors(N, 8).check(engine);
    assertEquals(N, report.vectors());
    assertEquals(stage.cycles, report.cycles(), report.toString());
    assertEquals(stage.latency, report.maxLatency(), report.toString());
    assertEquals(0, report.sourceGapCycles() + report.sinkStallCycles());
  }

  static final class Complex extends Bundle {
    final SInt re = field("re", sint(8));
    final SInt im = field("im", sint(8));
  }

  static final class Power extends Bundle {
    final UInt index = field("index", uint(8));
    final UInt power = field("power", uint(16));
    final SInt re = field("re", sint(8));
  }

  static final BundleType<Complex> COMPLEX = bundle(Complex::new);
  static final BundleType<Power> POWER = bundle(Power::new);

  static final class PowerIo extends Bundle {
    final Stream<Complex> in = input("in", stream(COMPLEX));
    final Stream<Power> out = output("out", stream(POWER));
  }

  /** The power re² + im² of each complex sample, numbered, through a register slice and a FIFO. */
  static Component<PowerIo> power() {
    return module("power", bundle(PowerIo::new), (m, io) -> {
      Stream<Power> computed = m.wire("computed", stream(POWER));
      UInt index = m.reg("index", uint(8)).init(0);
      when(io.in.fire(), () -> index.assign(index.add(1).resize(uint(8), Overflow.WRAP)));
      computed.valid.assign(io.in.valid);
      io.in.ready.assign(computed.ready);
      SInt re = io.in.payload.re;
      SInt im = io.in.payload.im;
      computed.payload.index.assign(index);
      computed.payload.power.assign(re.mul(re).add(im.mul(im)).resize(uint(16), Overflow.WRAP));
      computed.payload.re.assign(re);
      io.out.connect(computed.m2sPipe().queue(2));
    });
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aStreamDesignWithBundlePayloadsMatchesAStatefulGoldenModel(Engine engine) {
    long[] index = {0};
    CoSimulation.Report report = CoSimulation.of(power()).streams(io -> io.in, io -> io.out).stalls(0.2, 0.5, 3)
        .golden((io, in, out) -> {
          BigInteger re = in.value(io.in.payload.re);
          BigInteger im = in.value(io.in.payload.im);
          out.set(io.out.payload.index, index[0]++ & 0xff)
              .set(io.out.payload.power, re.multiply(re).add(im.multiply(im)))
              .set(io.out.payload.re, re);
        })
        .cornerVectors().randomVectors(3000, 4).check(engine);
    assertEquals(3000 + 4 * 3, report.vectors());
    assertEquals(3 * report.vectors(), report.comparisons());
  }

  static final class Burst extends Bundle {
    final UInt value = field("value", uint(8));
    final UInt count = field("count", uint(2));
  }

  static final BundleType<Burst> BURST = bundle(Burst::new);

  static final class BurstIo extends Bundle {
    final Stream<Burst> in = input("in", stream(BURST));
    final Stream<UInt> out = output("out", stream(uint(8)));
  }

  /** Sends {@code count} payloads for each input, value, value + 1, ...: none for a count of 0. */
  static Component<BurstIo> repeater() {
    return module("repeater", bundle(BurstIo::new), (m, io) -> {
      UInt left = m.reg("left", uint(2)).init(0);
      UInt next = m.reg("next", uint(8)).init(0);
      Bool busy = left.ne(0);
      io.in.ready.assign(busy.not());
      io.out.valid.assign(busy);
      io.out.payload.assign(next);
      when(io.in.fire(), () -> {
        left.assign(io.in.payload.count);
        next.assign(io.in.payload.value);
      }).elseWhen(io.out.fire(), () -> {
        left.assign(left.sub(1).resize(uint(2), Overflow.WRAP));
        next.assign(next.add(1).resize(uint(8), Overflow.WRAP));
      });
    });
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void anInputMayCauseSeveralOutputsOrNone(Engine engine) {
    long[] owed = {0};
    CoSimulation.Report report = CoSimulation.of(repeater()).streams(io -> io.in, io -> io.out).stalls(0.2, 0.3, 4)
        .golden((io, in, out) -> {
          int count = in.get(io.in.payload.count).intValue();
          long value = in.get(io.in.payload.value).longValue();
          if (count == 0) {
            out.none();
          }
          for (int i = 0; i < count; i++) {
            (i == 0 ? out : out.then()).set(io.out.payload, (value + i) & 0xff);
          }
          owed[0] += count;
        })
        .cornerVectors().randomVectors(2000, 6).check(engine);
    assertEquals(2000 + 4 * 3, report.vectors());
    assertEquals(owed[0], report.comparisons());
    assertTrue(owed[0] > 2000, "most inputs cause several outputs: " + owed[0]);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void anOutputStreamThatDropsValidBeforeItsPayloadIsTakenIsCaught(Engine engine) throws Exception {
    assumeAvailable(engine);
    Component<PipeIo<UInt>> blinking = module("blinking", bundle(() -> new PipeIo<>(uint(8))), (m, io) -> {
      Bool full = m.reg("full", bool()).init(false);
      UInt data = m.reg("data", uint(8));
      Bool phase = m.reg("phase", bool()).init(false);
      phase.assign(phase.not());
      Bool shown = full.and(phase);
      io.out.valid.assign(shown);
      io.out.payload.assign(data);
      io.in.ready.assign(full.not());
      when(io.in.fire(), () -> {
        full.assign(true);
        data.assign(io.in.payload);
      }).elseWhen(shown.and(io.out.ready), () -> full.assign(false));
    });
    CoSimulation<PipeIo<UInt>> check = CoSimulation.of(blinking).streams(io -> io.in, io -> io.out).stalls(0, 0.5, 1)
        .waveformsIn(waves).golden((io, in, out) -> out.copy(io.out.payload, io.in.payload)).randomVectors(200, 2);
    CoSimulationMismatch failure = assertThrows(CoSimulationMismatch.class, () -> check.check(engine));
    assertTrue(failure.getMessage().contains("output 'out_valid': output stream 'out' dropped valid before its payload "
        + "was taken"), failure.getMessage());
    String vcd = Files.readString(failure.waveform().orElseThrow());
    assertTrue(vcd.contains(" out_ready ") && vcd.contains(" phase "), "the replayed window holds the design's signals");
  }

  /** Harness logic alone (the engines agree cycle by cycle elsewhere): the Java engine needs no build. */
  @ParameterizedTest
  @EnumSource(value = Engine.class, names = "JAVA")
  void aStageThatIgnoresBackPressureLosesPayloadsAndIsCaught(Engine engine) {
    Component<PipeIo<UInt>> lossy = module("lossy", bundle(() -> new PipeIo<>(uint(8))), (m, io) -> {
      io.out.valid.assign(io.in.valid);
      io.out.payload.assign(io.in.payload);
      io.in.ready.assign(true);
    });
    CoSimulation<PipeIo<UInt>> check = CoSimulation.of(lossy).streams(io -> io.in, io -> io.out).stalls(0, 0.3, 1)
        .waveforms(false).golden((io, in, out) -> out.copy(io.out.payload, io.in.payload)).randomVectors(200, 2);
    CoSimulationMismatch failure = assertThrows(CoSimulationMismatch.class, () -> check.check(engine));
    assertTrue(failure.getMessage().contains("output stream 'out' changed its payload while it waited for ready"),
        failure.getMessage());
  }

  /** Harness logic alone (the engines agree cycle by cycle elsewhere): the Java engine needs no build. */
  @ParameterizedTest
  @EnumSource(value = Engine.class, names = "JAVA")
  void aStageThatNeverTakesAnInputFailsAfterTheDeclaredBound(Engine engine) {
    Component<PipeIo<UInt>> stuck = module("stuck", bundle(() -> new PipeIo<>(uint(8))), (m, io) -> {
      io.out.valid.assign(false);
      io.out.payload.assign(io.in.payload);
      io.in.ready.assign(false);
    });
    CoSimulation<PipeIo<UInt>> check = CoSimulation.of(stuck).streams(io -> io.in, io -> io.out).latency(1)
        .waveforms(false).golden((io, in, out) -> out.copy(io.out.payload, io.in.payload)).randomVectors(10, 2);
    CoSimulationMismatch failure = assertThrows(CoSimulationMismatch.class, () -> check.check(engine));
    assertTrue(failure.getMessage().contains("input stream 'in' refused input #0 for 21 cycles with nothing outstanding"),
        failure.getMessage());
  }

  @org.junit.jupiter.api.Test
  void theHarnessAloneDrivesTheInputValidAndTheOutputReady() {
    CoSimulation<PipeIo<Sample>> check = CoSimulation.of(Stage.M2S_PIPE.design()).streams(io -> io.in, io -> io.out)
        .golden((io, in, out) -> out.copy(io.out.payload, io.in.payload)).vector((io, v) -> v.set(io.in.valid, 1));
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> check.check(Engine.JAVA));
    assertTrue(failure.getMessage().contains("a vector sets 'in_valid', which the harness drives"), failure.getMessage());
  }

  @org.junit.jupiter.api.Test
  void theGoldenModelMustGiveTheWholePayload() {
    CoSimulation<PipeIo<Sample>> partial = CoSimulation.of(Stage.M2S_PIPE.design()).streams(io -> io.in, io -> io.out)
        .golden((io, in, out) -> out.set(io.out.payload.tag, in.get(io.in.payload.tag))).randomVectors(5, 1);
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> partial.check(Engine.JAVA));
    assertTrue(failure.getMessage().contains("the golden model gave no value for 'out_payload_value'"),
        failure.getMessage());
  }
}
