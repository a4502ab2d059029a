package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Thresholds;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Multi-threshold layers match the golden model bit for bit on both engines and emit clean SV. */
@ExtendWith(CoSimulationExtension.class)
class ThresholdGeneratorTest {

  @TempDir
  Path directory;

  private static final List<FixedType> INPUTS = List.of(TestNetworks.IN, ufix(6, 2));

  /** Bipolar, multi-level, non-increasing and always/never thresholds. */
  static Network thresholds(FixedType in) {
    long[][] t = {{0}, {-3}, {-1000}, {1000}, {5}};
    long[][] levels = {{-2, 0, 3}, {-3, 1, 5}, {-200, 2, 200}, {0, 0, 0}, {1, 2, 4}};
    return Network.builder("thr", 5, in)
        .thresholds(t, new long[] {-1, -1, -1, 1, 0}, new long[] {2, 2, 2, -2, 1}, sfix(2, 0))
        .thresholds(levels, new long[] {0, 3, -2, 7, -5}, new long[] {1, -1, 2, -3, 5}, sfix(6, 1))
        .build();
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void thresholdLayersAndTheirNetworkMatchTheGoldenModel(Engine engine) {
    for (FixedType in : INPUTS) {
      Network network = thresholds(in);
      for (Layer layer : network.layers()) {
        LayerCheck.check(new ThresholdGenerator((Thresholds) layer).build(), layer, engine);
      }
      NetworkHardware hardware = new NetworkGenerator(network, DenseOptions.defaults()).build();
      NetworkCheck.verify(hardware, NetworkCheck.vectors(hardware, 1000, 6), engine);
    }
  }

  @Test
  void thresholdLayersPassAllThreeToolsAndAreDeterministic() {
    int k = 0;
    for (FixedType in : INPUTS) {
      for (Layer layer : thresholds(in).layers()) {
        Thresholds thresholds = (Thresholds) layer;
        assertCleanInAllTools(new ThresholdGenerator(thresholds).build().module(), directory.resolve("t" + k++));
        assertDeterministic(() -> new ThresholdGenerator(thresholds).build().module());
      }
    }
  }
}
