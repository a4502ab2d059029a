package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.timing.ClockTarget;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A network pipelined as one for a clock: in every style, on every target's model, each result and its
 * valid leave exactly the reported latency after their input, a new input every cycle, bit-exact in
 * every observed value; the layers' latencies add up to it.
 */
@ExtendWith(CoSimulationExtension.class)
class PipelinedNetworkTest {

  @TempDir Path directory;

  static Stream<Arguments> stylesClocksAndEngines() {
    return Stream.of(Engine.values()).flatMap(engine -> Stream.of(MultiplierStyle.values()).flatMap(style -> Stream.of(
        Arguments.of(style, ClockTarget.of("xc7", 450), engine),
        Arguments.of(style, ClockTarget.of("ice40", 120), engine),
        Arguments.of(style, ClockTarget.of("sky130", 700), engine))));
  }

  @ParameterizedTest(name = "{0}, {1} on {2}")
  @MethodSource("stylesClocksAndEngines")
  void resultsLeaveExactlyTheReportedLatencyAfterTheirInput(MultiplierStyle style, ClockTarget clock, Engine engine) {
    Network network = TestNetworks.mlp("mlp");
    NetworkHardware hardware = new NetworkGenerator(network,
        DenseOptions.defaults().withMultiplier(style).withClock(clock)).build();
    PipelineSummary pipeline = hardware.pipeline().orElseThrow();
    assertEquals(hardware.latency(), pipeline.latency());
    assertEquals(hardware.layers().stream().mapToInt(LayerHardware::latency).sum(), hardware.latency());
    assertEquals(1, hardware.initiationInterval());
    assertEquals(clock.periodNs() * hardware.latency(), pipeline.latencyNs(), 1e-9);
    CoSimulation.Report report = PipelineTiming.network(hardware, engine, 3000, 21);
    assertEquals(3 * 3000, report.comparisons(), "y, scores, out_valid");
  }

  @Test
  void aFasterClockMeansMoreStagesAndTheModelSaysEachFits() {
    Network network = JetTagger.network(JetTagger.DEMO_WEIGHT_SEED);
    int previous = 0;
    for (double mhz : new double[] {40, 80, 140}) {
      PipelineSummary p = new NetworkGenerator(network, DenseOptions.defaults().withClock(ClockTarget.of("xc7", mhz)))
          .build().pipeline().orElseThrow();
      assertTrue(p.latency() > previous, mhz + " MHz: " + p);
      assertTrue(p.modelPeriodNs() <= 1000 / mhz + 1e-9, mhz + " MHz: " + p);
      assertTrue(p.tooSlow().isEmpty());
      previous = p.latency();
    }
  }

  @ParameterizedTest
  @EnumSource(MultiplierStyle.class)
  void theJetTaggerIsBitExactAtItsLatencyInEveryStyle(MultiplierStyle style) {
    NetworkHardware hardware = new NetworkGenerator(JetTagger.network(JetTagger.DEMO_WEIGHT_SEED),
        DenseOptions.defaults().withMultiplier(style)).build();
    PipelineTiming.network(hardware, Engine.VERILATOR, 5000, 8);
  }

  @ParameterizedTest
  @EnumSource(MultiplierStyle.class)
  void aNetworkPipelinedForEachTargetIsCleanInAllThreeToolsAndTheSameEveryTime(MultiplierStyle style) throws Exception {
    int k = 0;
    for (ClockTarget clock : List.of(ClockTarget.of("xc7", 450), ClockTarget.of("ice40", 120),
        ClockTarget.of("sky130", 700))) {
      DenseOptions options = DenseOptions.defaults().withMultiplier(style).withClock(clock);
      Path first = directory.resolve(style + "-" + k++);
      assertCleanInAllTools(new NetworkGenerator(TestNetworks.mlp("mlp"), options).build().module(), first);
      Path second = directory.resolve(style + "-" + k++);
      SystemVerilog.write(new NetworkGenerator(TestNetworks.mlp("mlp"), options).build().module(), second);
      try (Stream<Path> files = Files.list(first)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".sv")).toList()) {
          assertEquals(Files.readString(file), Files.readString(second.resolve(file.getFileName())), file.toString());
        }
      }
    }
  }

  @Test
  void theSharedGraphBuildsNoMultiplierAndReportsItsSize() {
    NetworkHardware graph = new NetworkGenerator(JetTagger.network(JetTagger.DEMO_WEIGHT_SEED), DenseOptions.defaults())
        .build();
    NetworkHardware csd = new NetworkGenerator(JetTagger.network(JetTagger.DEMO_WEIGHT_SEED),
        DenseOptions.defaults().withMultiplier(MultiplierStyle.CSD)).build();
    assertEquals(0, graph.multipliers());
    PipelineSummary g = graph.pipeline().orElseThrow();
    PipelineSummary c = csd.pipeline().orElseThrow();
    assertEquals(0, g.products());
    assertTrue(g.adders() < c.adders() && g.adderCells() < c.adderCells(), g + " / " + c);
  }
}
