package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.arith.CmvmOptions;
import dev.gatewright.nn.arith.DenseArithmetic;
import dev.gatewright.nn.timing.ClockTarget;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A shared adder graph whose outputs are summed by compressor trees ({@link Summation#COMPRESSOR}; {@link
 * Summation#COMPRESSOR_SHALLOW}, which also re-sums deep shared values; {@link Summation#COMPRESSOR_FLAT}, which
 * shares nothing) computes exactly the golden
 * dense layer, bus by bus and in co-simulation on both engines, for random constant matrices of every shape
 * (signs, sparsity, zero and duplicate rows and columns, wrapping and saturating accumulators); it is
 * lint-clean, the same every time, and has fewer carry-propagate adders in series than the adder tree.
 */
@ExtendWith(CoSimulationExtension.class)
class CompressedSumLayerTest {

  private static final List<Summation> COMPRESSORS = List.of(Summation.COMPRESSOR, Summation.COMPRESSOR_SHALLOW,
      Summation.COMPRESSOR_FLAT);

  @TempDir
  Path directory;

  static Stream<Arguments> casesAndSummations() {
    return RandomLayers.cases().stream().flatMap(c -> COMPRESSORS.stream().map(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("casesAndSummations")
  void compressedSumsComputeTheGoldenDenseLayerBusByBus(RandomLayers.Case c, Summation summation) {
    Dense layer = c.layer();
    DenseDatapath datapath = DenseDatapath.of(layer, DenseDatapathTest.fullRanges(layer), MultiplierStyle.ADDER_GRAPH,
        CmvmOptions.DEFAULT, summation);
    for (long[] x : DenseDatapathTest.vectors(layer, 3000, 11)) {
      assertArrayEquals(GoldenModel.dense(layer, x), datapath.evaluate(x), () -> c + ", " + summation + ": x = "
          + java.util.Arrays.toString(x));
    }
  }

  static Stream<Arguments> casesOnBothEngines() {
    return RandomLayers.cases().stream().flatMap(c -> Stream.of(Engine.values()).map(e -> Arguments.of(c, e)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("casesOnBothEngines")
  void compressedSumLayerMatchesGoldenModelOnBothEngines(RandomLayers.Case c, Engine engine) {
    // the shallow variant exercises both expansions: single-reader adders and deep shared values
    LayerHardware hardware = new DenseGenerator(c.layer(),
        DenseOptions.defaults().withSummation(Summation.COMPRESSOR_SHALLOW)).build();
    LayerCheck.check(hardware, c.layer(), engine);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.gatewright.nn.hw.RandomLayers#cases")
  void compressorTreesOverEveryShapeMatchGoldenModelPipelinedForSky130(RandomLayers.Case c) {
    for (Summation s : COMPRESSORS) {
      DenseOptions options = DenseOptions.defaults().withSummation(s).withClock(ClockTarget.of("sky130", 900));
      LayerHardware hardware = new DenseGenerator(c.layer(), options).build();
      LayerCheck.check(hardware, c.layer(), Engine.JAVA);
      PipelineTiming.layer(hardware, c.layer(), Engine.JAVA, 500, 5);
    }
  }

  @Test
  void compressorTreesLeaveAtMostTheSharedValuesCarryPropagateAddersInSeries() {
    Network network = JetTagger.network(JetTagger.DEMO_WEIGHT_SEED);
    for (Dense d : network.denseLayers()) {
      var ranges = DenseArithmetic.inputRanges(network, d);
      int tree = carryChainsInSeries(DenseDatapath.of(d, ranges, MultiplierStyle.ADDER_GRAPH, CmvmOptions.DEFAULT));
      int compressed = carryChainsInSeries(DenseDatapath.of(d, ranges, MultiplierStyle.ADDER_GRAPH, CmvmOptions.DEFAULT,
          Summation.COMPRESSOR));
      assertTrue(compressed <= tree, d.name() + ": " + compressed + " compressed, " + tree + " as a tree");
      assertEquals(2, carryChainsInSeries(DenseDatapath.of(d, ranges, MultiplierStyle.ADDER_GRAPH, CmvmOptions.DEFAULT,
          Summation.COMPRESSOR_SHALLOW)), d.name() + ": a shared pair's adder, then the output's final adder");
      assertEquals(1, carryChainsInSeries(DenseDatapath.of(d, ranges, MultiplierStyle.ADDER_GRAPH, CmvmOptions.DEFAULT,
          Summation.COMPRESSOR_FLAT)), d.name() + ": the output's final adder alone");
    }
  }

  /** Carry-propagate adders on the longest path: the graph's adders, and a compressor tree's final adder. */
  private static int carryChainsInSeries(DenseDatapath datapath) {
    int[] depth = new int[datapath.steps().size()];
    int deepest = 0;
    for (int k = 0; k < depth.length; k++) {
      for (int operand : datapath.step(k).operands()) {
        depth[k] = Math.max(depth[k], depth[operand]);
      }
      DenseDatapath.Step step = datapath.step(k);
      depth[k] += step instanceof DenseDatapath.Adder || step instanceof CompressedSum ? 1 : 0;
      deepest = Math.max(deepest, depth[k]);
    }
    return deepest;
  }

  @Test
  void compressedLayersPassAllThreeToolsAndAreDeterministic() {
    int k = 0;
    for (RandomLayers.Case c : List.of(RandomLayers.cases().get(0), RandomLayers.cases().get(3))) {
      for (Summation s : COMPRESSORS) {
        DenseOptions options = DenseOptions.defaults().withSummation(s).withClock(ClockTarget.of("sky130", 500));
        assertCleanInAllTools(new DenseGenerator(c.layer(), options).build().module(), directory.resolve("c" + k++));
        assertDeterministic(() -> new DenseGenerator(c.layer(), options).build().module());
      }
    }
  }

  @Test
  void fullAdderLevelsTurnEveryThreeWordsIntoTwo() {
    assertEquals(0, CompressorTree.levels(0));
    assertEquals(0, CompressorTree.levels(2));
    assertEquals(1, CompressorTree.levels(3));
    assertEquals(2, CompressorTree.levels(4));
    assertEquals(4, CompressorTree.levels(9), "9, 6, 4, 3, 2");
    assertEquals(8, CompressorTree.levels(42), "42, 28, 19, 13, 9, 6, 4, 3, 2");
  }
}
