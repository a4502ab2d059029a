package dev.gatewright.nn.dataflow;

import dev.gatewright.nn.Network;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Convolutions (sliding window + matrix-vector unit), max pools and global pools match the golden model bit for
 * bit under random stalls on both streams, at their most parallel and at a serial folding.
 */
@ExtendWith(CoSimulationExtension.class)
class ConvTest {

  private static void check(Network network, List<Folding> foldings, Engine engine, long seed) {
    for (Folding folding : foldings) {
      DataflowHardware hw = new DataflowGenerator(network, folding).build();
      List<long[]> frames = new ArrayList<>(StreamCheck.cornerFrames(hw));
      frames.addAll(StreamCheck.randomFrames(hw, 8, seed));
      StreamCheck.check(hw, frames, engine, 0.25, 0.35, seed);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void cnnWithPaddingPoolsAndAnExactAverageMatchesTheGoldenModel(Engine engine) {
    Network network = DataflowNetworks.cnn();
    check(network, List.of(Folding.fullyParallel(network), new Folding(Map.of("conv1", LayerFolding.of(2, 1),
        "max_pool3", LayerFolding.of(2, 1), "conv2", LayerFolding.of(1, 2), "global_pool5", LayerFolding.of(1, 1)))),
        engine, 1);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void binarizedCnnUsesXnorAndFusedChannelThresholds(Engine engine) {
    Network network = DataflowNetworks.binarizedCnn();
    DataflowHardware hw = new DataflowGenerator(network, Folding.fullyParallel(network)).build();
    MvauStage conv = (MvauStage) hw.stages().stream().filter(s -> s instanceof MvauStage).findFirst().orElseThrow();
    org.junit.jupiter.api.Assertions.assertTrue(conv.xnor() && conv.activation() instanceof MvauActivation.Threshold,
        conv.describe());
    check(network, List.of(Folding.fullyParallel(network), new Folding(Map.of("conv", LayerFolding.of(2, 1),
        "thresholds1", LayerFolding.of(4, 1), "max_pool4", LayerFolding.of(2, 1), "fc", LayerFolding.of(1, 4)))),
        engine, 2);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void oneDimensionalConvolutionsWithAsymmetricPaddingAndStrideMatchTheGoldenModel(Engine engine) {
    Network network = DataflowNetworks.conv1d();
    check(network, List.of(Folding.fullyParallel(network), new Folding(Map.of("conv_a", LayerFolding.of(3, 2),
        "conv_b", new LayerFolding(1, 1, WeightStorage.REGISTERS), "fc", LayerFolding.of(5, 2)))), engine, 3);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void thresholdsAfterAWrappingAccumulatorCompareTheRequantizedValue(Engine engine) {
    Network network = DataflowNetworks.wrapping();
    MvauStage unit = (MvauStage) new DataflowGenerator(network, Folding.fullyParallel(network)).build().stages().get(0);
    org.junit.jupiter.api.Assertions.assertFalse(new MvauArithmetic(unit.kernel(), false, unit.simd()).monotone());
    check(network, List.of(Folding.fullyParallel(network), new Folding(Map.of("fc", LayerFolding.of(2, 2)))),
        engine, 4);
  }
}
