package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;

import dev.gatewright.nn.Network;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stage generator, in pipelines that use each of them (every stage kind, both datapaths, ROM and register
 * weights, width converters both ways, direct connections and FIFOs), passes Verilator -Wall, Yosys and Icarus, and
 * emits the same bytes twice.
 */
class DataflowLintTest {

  @TempDir
  Path directory;

  private static List<DataflowHardware> designs() {
    Network bnn = DataflowNetworks.binarized();
    Network low = DataflowNetworks.lowBit();
    Network cnn = DataflowNetworks.cnn();
    return List.of(
        new DataflowGenerator(bnn, Folding.fullyParallel(bnn)).build(),
        new DataflowGenerator(bnn, new Folding(Map.of("fc1", new LayerFolding(2, 4, WeightStorage.REGISTERS),
            "fc2", LayerFolding.of(2, 2)))).build(),
        new DataflowGenerator(low, new Folding(Map.of("fc1", LayerFolding.of(2, 3), "fc2", LayerFolding.of(3, 2))))
            .build(),
        new DataflowGenerator(cnn, new Folding(Map.of("conv1", LayerFolding.of(2, 1), "max_pool3",
            LayerFolding.of(2, 1), "conv2", LayerFolding.of(1, 2)))).build(),
        new DataflowGenerator(DataflowNetworks.binarizedCnn(), new Folding(Map.of())).build(),
        new DataflowGenerator(DataflowNetworks.conv1d(), Folding.fullyParallel(DataflowNetworks.conv1d())).build(),
        new DataflowGenerator(DataflowNetworks.wrapping(), Folding.fullyParallel(DataflowNetworks.wrapping())).build());
  }

  @Test
  void everyStageKindPassesAllThreeToolsAndIsDeterministic() {
    int k = 0;
    for (DataflowHardware hw : designs()) {
      assertCleanInAllTools(hw.top(), directory.resolve("d" + k++));
      assertDeterministic(() -> new DataflowGenerator(hw.network(), hw.folding()).build().top());
    }
  }
}
