package dev.gatewright.nn.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Network;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Matrix-vector-activation units at several foldings match the golden model under stalls on both streams. */
@ExtendWith(CoSimulationExtension.class)
class MvauTest {

  @ParameterizedTest
  @EnumSource(Engine.class)
  void binarizedMlpMatchesTheGoldenModelAtEveryFolding(Engine engine) {
    Network network = DataflowNetworks.binarized();
    for (Folding folding : List.of(Folding.fullyParallel(network),
        new Folding(java.util.Map.of("fc1", LayerFolding.of(2, 4), "fc2", LayerFolding.of(1, 8),
            "MultiThreshold", LayerFolding.of(3, 1))),
        new Folding(java.util.Map.of("fc1", new LayerFolding(4, 3, WeightStorage.REGISTERS),
            "fc2", LayerFolding.of(2, 2))))) {
      DataflowHardware hw = new DataflowGenerator(network, folding).build();
      List<long[]> frames = new ArrayList<>(StreamCheck.cornerFrames(hw));
      frames.addAll(StreamCheck.randomFrames(hw, 60, 3));
      CoSimulation.Report report = StreamCheck.check(hw, frames, engine, 0.3, 0.3, 7);
      assertEquals(frames.size(), report.vectors() / hw.inputBeats());
      assertTrue(hw.stages().stream().anyMatch(s -> s instanceof MvauStage m && m.xnor()), hw.stages().toString());
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void lowBitMlpMatchesTheGoldenModelAtEveryFolding(Engine engine) {
    Network network = DataflowNetworks.lowBit();
    for (Folding folding : List.of(Folding.fullyParallel(network),
        new Folding(java.util.Map.of("fc1", LayerFolding.of(2, 3), "fc2", LayerFolding.of(3, 2))),
        new Folding(java.util.Map.of("fc1", new LayerFolding(1, 1, WeightStorage.REGISTERS),
            "fc2", LayerFolding.of(1, 4))))) {
      DataflowHardware hw = new DataflowGenerator(network, folding).build();
      List<long[]> frames = new ArrayList<>(StreamCheck.cornerFrames(hw));
      frames.addAll(StreamCheck.randomFrames(hw, 60, 4));
      StreamCheck.check(hw, frames, engine, 0.3, 0.3, 8);
    }
  }
}
