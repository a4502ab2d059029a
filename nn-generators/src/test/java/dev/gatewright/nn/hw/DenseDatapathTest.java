package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.FixedType.sfix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.arith.CmvmOptions;
import dev.gatewright.nn.arith.DenseArithmetic;
import dev.gatewright.nn.arith.Interval;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every style's datapath computes, bus by bus, exactly what {@link GoldenModel#dense} does, on buses
 * exactly as wide as their values need.
 */
class DenseDatapathTest {

  static Stream<Arguments> layersAndStyles() {
    return RandomLayers.cases().stream()
        .flatMap(c -> Stream.of(MultiplierStyle.values()).map(style -> Arguments.of(c, style)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("layersAndStyles")
  void everyStyleComputesTheGoldenDenseLayerBusByBus(RandomLayers.Case c, MultiplierStyle style) {
    Dense layer = c.layer();
    DenseDatapath datapath = DenseDatapath.of(layer, fullRanges(layer), style, CmvmOptions.DEFAULT);
    for (long[] x : vectors(layer, 3000, 5)) {
      assertArrayEquals(GoldenModel.dense(layer, x), datapath.evaluate(x), () -> c + ", " + style + ": x = "
          + java.util.Arrays.toString(x));
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("layersAndStyles")
  void busesAreExactlyAsWideAsTheValuesTheyCarry(RandomLayers.Case c, MultiplierStyle style) {
    Dense layer = c.layer();
    DenseDatapath datapath = DenseDatapath.of(layer, fullRanges(layer), style, CmvmOptions.DEFAULT);
    for (int k = 0; k < datapath.steps().size(); k++) {
      DenseDatapath.Step step = datapath.step(k);
      Interval range = datapath.range(k);
      if (step instanceof DenseDatapath.Finish || step.bus().width() < range.width()) {
        continue; // the result type; or the low bits a wrapping accumulator keeps
      }
      assertEquals(range.width(), step.bus().width(), c + ", " + style + ": step " + k + " " + step);
      assertEquals(range.signed(), step.bus().signed(), c + ", " + style + ": step " + k + " " + step);
    }
  }

  @Test
  void inputsAfterAReluAreUnsignedBusesNarrowerThanTheirType() {
    Network network = JetTagger.network(JetTagger.DEMO_WEIGHT_SEED);
    Dense fc2 = network.denseLayers().get(1);
    FixedType in = fc2.inputType();
    assertTrue(in.signed());
    DenseDatapath datapath = DenseDatapath.of(fc2, DenseArithmetic.inputRanges(network, fc2),
        MultiplierStyle.ADDER_GRAPH, CmvmOptions.DEFAULT);
    DenseDatapath.Read read = (DenseDatapath.Read) datapath.step(0);
    assertEquals(new DenseDatapath.Bus(in.width() - 1, false), read.bus());
  }

  @Test
  void perWeightStylesFloorEachProductForAnAccumulatorCoarserThanTheProducts() {
    for (Overflow overflow : Overflow.values()) {
      Dense layer = RandomLayers.coarseAccumulator(overflow);
      for (MultiplierStyle style : List.of(MultiplierStyle.CSD, MultiplierStyle.DSP)) {
        DenseDatapath datapath = DenseDatapath.of(layer, fullRanges(layer), style, CmvmOptions.DEFAULT);
        for (long[] x : vectors(layer, 3000, 6)) {
          assertArrayEquals(GoldenModel.dense(layer, x), datapath.evaluate(x), style + " " + overflow);
        }
      }
    }
  }

  @Test
  void aLayerWhoseAccumulatorIsCoarserThanItsProductsIsBuiltPerWeightUnderTheAdderGraphStyle() {
    for (Overflow overflow : Overflow.values()) {
      Dense layer = RandomLayers.coarseAccumulator(overflow);
      DenseDatapath datapath = DenseDatapath.of(layer, fullRanges(layer), MultiplierStyle.ADDER_GRAPH,
          CmvmOptions.DEFAULT);
      assertEquals(MultiplierStyle.CSD, datapath.style(), "the datapath says how it was built");
      for (long[] x : vectors(layer, 3000, 7)) {
        assertArrayEquals(GoldenModel.dense(layer, x), datapath.evaluate(x), overflow.toString());
      }
    }
  }

  @Test
  void theSharedGraphHasFewerAdderCellsThanPerWeightCsd() {
    Network network = JetTagger.network(JetTagger.DEMO_WEIGHT_SEED);
    long shared = 0;
    long csd = 0;
    for (Dense d : network.denseLayers()) {
      List<Interval> ranges = DenseArithmetic.inputRanges(network, d);
      shared += DenseDatapath.of(d, ranges, MultiplierStyle.ADDER_GRAPH, CmvmOptions.DEFAULT).adderCells();
      csd += DenseDatapath.of(d, ranges, MultiplierStyle.CSD, CmvmOptions.DEFAULT).adderCells();
    }
    assertTrue(shared < 0.7 * csd, shared + " cells shared, " + csd + " per weight");
  }

  static List<Interval> fullRanges(Dense layer) {
    return Collections.nCopies(layer.inputs(), Interval.of(layer.inputType()));
  }

  /**
   * Every input vector when there are at most 4,096 of them, else corners (each input at its extremes,
   * all at once and alone) and {@code random} random vectors.
   */
  static List<long[]> vectors(Dense layer, int random, long seed) {
    long min = layer.inputType().minRaw().longValueExact();
    long max = layer.inputType().maxRaw().longValueExact();
    int n = layer.inputs();
    List<long[]> vectors = new ArrayList<>();
    double count = Math.pow(max - min + 1, n);
    if (count <= 4096) {
      long[] x = new long[n];
      java.util.Arrays.fill(x, min);
      for (int k = 0; k < (int) count; k++) {
        vectors.add(x.clone());
        for (int i = 0; i < n; i++) {
          if (++x[i] <= max) {
            break;
          }
          x[i] = min;
        }
      }
      return vectors;
    }
    for (long v : new long[] {min, max, 0, -1 >= min ? -1 : 1}) {
      long[] x = new long[n];
      java.util.Arrays.fill(x, v);
      vectors.add(x);
    }
    for (int i = 0; i < n; i++) {
      for (long v : new long[] {min, max}) {
        long[] x = new long[n];
        x[i] = v;
        vectors.add(x);
        long[] y = new long[n];
        java.util.Arrays.fill(y, v == min ? max : min);
        y[i] = v;
        vectors.add(y);
      }
    }
    Random r = new Random(seed);
    for (int k = 0; k < random; k++) {
      long[] x = new long[n];
      for (int i = 0; i < n; i++) {
        x[i] = min + Math.floorMod(r.nextLong(), max - min + 1);
      }
      vectors.add(x);
    }
    return vectors;
  }
}
