package dev.gatewright.nn.dataflow;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.MultiplierStyle;
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.lut.LutNetworkGenerator;
import dev.gatewright.nn.lut.LutOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Convolutions and pools are built by the dataflow architecture; the others say so, naming the layer. */
class DenseArchitecturesRefuseSpatialLayersTest {

  @Test
  void pipelinedTimeSharedAndTruthTableBuildsNameTheConvolutionAndWhatBuildsIt() {
    Network cnn = DataflowNetworks.cnn();
    List<DenseOptions> architectures = List.of(DenseOptions.defaults(),
        DenseOptions.defaults().withMultiplier(MultiplierStyle.CSD),
        DenseOptions.defaults().withReuse(2));
    for (DenseOptions options : architectures) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new NetworkGenerator(cnn, options).build(), options.toString());
      assertTrue(e.getMessage().contains("layer conv1 is a convolution"), e.getMessage());
      assertTrue(e.getMessage().contains("--architecture dataflow"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LutNetworkGenerator(cnn, LutOptions.defaults()).build());
    assertTrue(e.getMessage().contains("conv1"), e.getMessage());
  }
}
