package dev.gatewright.nn.hw;

import dev.gatewright.sim.junit.CoSimulationExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.Network;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Generated networks match the golden model in every value a user relies on: the class, the scores, each layer. */
@ExtendWith(CoSimulationExtension.class)
class NetworkGeneratorTest {

  @TempDir
  Path directory;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void networkOutputsAndScoresLeaveExactlyTheReportedLatencyAfterTheirInput(Engine engine) {
    Network network = TestNetworks.mlp("mlp");
    NetworkHardware hardware = new NetworkGenerator(network, DenseOptions.defaults()).build();
    assertEquals(hardware.layers().stream().mapToInt(LayerHardware::latency).sum(), hardware.latency());
    GoldenModel golden = new GoldenModel(network);
    // by latency, not by valid: every cycle's outputs are those of the input `latency` cycles before
    CoSimulation<NetworkIo> check = CoSimulation.of(hardware.module()).latency(hardware.latency())
        .golden((io, in, out) -> {
          long[][] trace = hardware.trace(golden, in.get(io.x));
          for (Observation observation : hardware.observedWith("out_valid")) {
            out.set(observation.values().apply(io), observation.expected(trace));
          }
          out.set(io.outValid, in.get(io.inValid));
        });
    CoSimulation.Report report = Vectors.feed(check, io -> io.inValid, io -> io.x, Vectors.stream(6, TestNetworks.IN, 0, 0, 0))
        .randomVectors(2000, 4).check(engine);
    assertEquals(3 * (Vectors.corners(6, TestNetworks.IN).size() + 2000), report.comparisons(), "y, scores, out_valid");
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void everyHiddenLayerOutputMatchesTheGoldenTraceAtEveryReuseFactor(Engine engine) {
    Network network = TestNetworks.mlp("mlp");
    for (int reuse : new int[] {1, 3, 8}) {
      NetworkHardware hardware = new NetworkGenerator(network, DenseOptions.defaults().withReuse(reuse))
          .withLayerProbes().build();
      assertEquals(List.of("out_valid", "probe_fc1_valid", "probe_relu2_valid", "probe_fc2_valid"), hardware.validPorts());
      List<CoSimulation.Report> reports = NetworkCheck.verify(hardware, NetworkCheck.vectors(hardware, 300, reuse), engine);
      int inputs = Vectors.corners(6, TestNetworks.IN).size() + 300;
      assertEquals(List.of(2L * inputs, (long) inputs, (long) inputs, (long) inputs),
          reports.stream().map(CoSimulation.Report::comparisons).toList());
    }
  }

  @Test
  void probesAddPortsButLeaveEveryLayerModuleAsItWas() {
    Network network = TestNetworks.mlp("mlp");
    var plain = SystemVerilog.emit(new NetworkGenerator(network, DenseOptions.defaults()).build().module()).files();
    var probed = SystemVerilog.emit(new NetworkGenerator(network, DenseOptions.defaults()).withLayerProbes().build()
        .module()).files();
    assertEquals(plain.size(), probed.size());
    for (int k = 0; k < plain.size() - 1; k++) {
      assertEquals(plain.get(k), probed.get(k), "layer module " + plain.get(k).fileName());
    }
    assertFalse(plain.get(plain.size() - 1).text().contains("probe_"));
  }

  @Test
  void aNetworkWithoutArgmaxHasNoScoresPortItsOutputIsTheScores() {
    Network network = Network.builder("regressor", 3, TestNetworks.IN)
        .dense(dev.gatewright.nn.Dense.builder("fc", 2).weights(TestNetworks.randomWeights(2, 3, 5))
            .weightType(dev.gatewright.hdl.Hdl.sfix(6, 5))
            .result(new dev.gatewright.nn.Quantizer(TestNetworks.IN, dev.gatewright.hdl.Rounding.TRUNCATE,
                dev.gatewright.hdl.Overflow.SATURATE)))
        .build();
    NetworkHardware hardware = new NetworkGenerator(network, DenseOptions.defaults()).build();
    assertTrue(hardware.module().port("scores").isEmpty());
    assertEquals("y (the output of fc)", hardware.comparedOutputs());
    NetworkCheck.verify(hardware, NetworkCheck.vectors(hardware, 200, 1), Engine.JAVA);
  }

  @Test
  void theReportSaysWhatWasCompared() {
    NetworkHardware hardware = new NetworkGenerator(TestNetworks.mlp("mlp"), DenseOptions.defaults()).build();
    assertEquals("y (the argmax class), scores (the 3 pre-argmax scores)", hardware.comparedOutputs());
    assertThrows(IllegalArgumentException.class, () -> hardware.observedWith("probe_fc1_valid"));
  }

  @Test
  void networkTopsPassAllThreeToolsAndAreDeterministic() {
    Network network = TestNetworks.mlp("mlp");
    for (int reuse : new int[] {1, 4}) {
      NetworkGenerator generator = new NetworkGenerator(network, DenseOptions.defaults().withReuse(reuse));
      assertCleanInAllTools(generator.build().module(), directory.resolve("r" + reuse));
      assertCleanInAllTools(generator.withLayerProbes().build().module(), directory.resolve("probed" + reuse));
      assertDeterministic(() -> generator.build().module());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 16})
  void jetTaggerIsBitExactInClassScoresAndEveryLayer(int reuse) {
    NetworkHardware hardware = new NetworkGenerator(JetTagger.network(JetTagger.DEMO_WEIGHT_SEED),
        DenseOptions.defaults().withReuse(reuse)).withLayerProbes().build();
    NetworkCheck.verify(hardware, NetworkCheck.vectors(hardware, 500, reuse), Engine.JAVA);
  }

  @Test
  void jetTaggerIsBitExactInClassAndScoresOnVerilator() {
    NetworkHardware hardware = new NetworkGenerator(JetTagger.network(JetTagger.DEMO_WEIGHT_SEED),
        DenseOptions.defaults().withReuse(16)).build();
    NetworkCheck.verify(hardware, NetworkCheck.vectors(hardware, 2000, 16), Engine.VERILATOR);
  }

  @Test
  void jetTaggerPassesAllThreeTools() {
    Component<NetworkIo> top = new NetworkGenerator(JetTagger.network(JetTagger.DEMO_WEIGHT_SEED),
        DenseOptions.defaults().withReuse(4)).build().module();
    assertCleanInAllTools(top, directory);
  }

  @Test
  void layerNamesThatCollideAfterSanitisingAreRefusedNamingBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Network.builder("two", 4, TestNetworks.IN).named("a-b").relu().named("a_b").relu().build());
    assertTrue(e.getMessage().contains("the layer names 'a-b' (layer 0) and 'a_b' both become a_b in hardware"),
        e.getMessage());
  }
}
