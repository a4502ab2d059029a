package dev.gatewright.nn.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Folding to a target: every stage meets it, no layer could be cheaper, impossible targets are refused with the
 * reachable pace; folding files round-trip and name what is wrong where.
 */
@ExtendWith(CoSimulationExtension.class)
class FoldingTest {

  private static long cost(Folding folding, Network network) {
    long total = 0;
    for (Layer layer : network.layers()) {
      LayerFolding f = folding.of(layer.name());
      total += (long) f.pe() * f.simd();
    }
    return total;
  }

  @Test
  void everyStageMeetsTheTargetAndNoLayerCouldBeCheaper() {
    for (Network network : List.of(DataflowNetworks.binarized(), DataflowNetworks.lowBit(), DataflowNetworks.cnn(),
        DataflowNetworks.conv1d())) {
      long fastest = PipelineSchedule.slowest(DataflowPlanner.plan(network, Folding.fullyParallel(network)));
      long slowest = PipelineSchedule.slowest(DataflowPlanner.plan(network, new Folding(Map.of())));
      for (long target : new long[] {fastest, (fastest + slowest) / 2, slowest / 3, slowest}) {
        target = Math.max(target, fastest);
        Folding folding = FoldingSearch.forCycles(network, target);
        for (Stage stage : DataflowPlanner.plan(network, folding)) {
          assertTrue(stage.cyclesPerFrame() <= target, network.name() + " at " + target + ": " + stage.describe());
        }
        for (Layer layer : network.layers()) {
          LayerFolding chosen = folding.of(layer.name());
          for (FoldingSearch.Candidate c : FoldingSearch.candidates(layer)) {
            if (c.cost() >= (long) chosen.pe() * chosen.simd()) {
              continue;
            }
            long pace = PipelineSchedule.slowest(DataflowPlanner.plan(network, folding.with(layer.name(), c.folding())));
            assertTrue(pace > target, network.name() + " at " + target + ": " + layer.name() + " could be "
                + c.folding() + " instead of " + chosen);
          }
        }
      }
      assertTrue(cost(FoldingSearch.forCycles(network, fastest), network) <= cost(Folding.fullyParallel(network),
          network), network.name() + ": the fastest target costs at most the fully parallel folding");
    }
  }

  @Test
  void aFrameRateBecomesCyclesAtTheClock() {
    Network network = DataflowNetworks.binarized();
    // 100 MHz / 4 M frames/s = 25 cycles per frame
    assertEquals(FoldingSearch.forCycles(network, 25), FoldingSearch.forThroughput(network, 4e6, 100));
    // 100 MHz / 3 M frames/s = 33.3: 33 cycles
    assertEquals(FoldingSearch.forCycles(network, 33), FoldingSearch.forThroughput(network, 3e6, 100));
  }

  @Test
  void anUnreachableTargetIsRefusedWithTheReachablePace() {
    Network network = DataflowNetworks.cnn();
    long fastest = PipelineSchedule.slowest(DataflowPlanner.plan(network, Folding.fullyParallel(network)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FoldingSearch.forCycles(network, fastest - 1));
    assertTrue(e.getMessage().contains("fastest this pipeline runs is " + fastest), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FoldingSearch.forThroughput(network, 1e9, 100));
    assertTrue(e.getMessage().contains("less than one cycle"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FoldingSearch.forThroughput(network, -1, 100));
  }

  @Test
  void aSearchedFoldingRunsAtItsTargetUnderStallsOnTheOutput() {
    Network network = DataflowNetworks.cnn();
    long target = 2 * PipelineSchedule.slowest(DataflowPlanner.plan(network, Folding.fullyParallel(network)));
    DataflowHardware hw = new DataflowGenerator(network, FoldingSearch.forCycles(network, target)).build();
    assertTrue(hw.schedule().cyclesPerFrame() <= target, hw.schedule().toString());
    CoSimulation.Report paced = StreamCheck.check(hw, StreamCheck.randomFrames(hw, 6, 5), Engine.JAVA, 0, 0, 1);
    assertEquals(hw.cycles(6), paced.cycles());
    StreamCheck.check(hw, StreamCheck.randomFrames(hw, 10, 6), Engine.JAVA, 0, 0.4, 9);
  }

  @Test
  void aFoldingFileRoundTrips() {
    Network network = DataflowNetworks.cnn();
    Folding folding = FoldingSearch.forCycles(network, 900).with("conv2",
        new LayerFolding(2, 4, WeightStorage.REGISTERS));
    String text = FoldingFile.write(folding);
    assertEquals(folding, FoldingFile.read(text, "f.json", network));
    assertEquals(text, FoldingFile.write(FoldingFile.read(text, "f.json", network)));
  }

  @Test
  void aBadFoldingFileNamesTheFileAndThePath() {
    Network network = DataflowNetworks.binarized();
    String head = "{\"format\": \"gatewright-folding/1\", \"layers\": ";
    assertMessage("f.json: $.layers.fc9: network bnn has no layer fc9", head + "{\"fc9\": {\"pe\": 2}}}", network);
    assertMessage("f.json: $.layers.fc1.pe: expected a positive integer, found 0", head + "{\"fc1\": {\"pe\": 0}}}",
        network);
    assertMessage("f.json: $.layers.fc1.lanes: unknown field", head + "{\"fc1\": {\"lanes\": 2}}}", network);
    assertMessage("f.json: $.layers.fc1.weights: expected \"rom\" or \"registers\"",
        head + "{\"fc1\": {\"weights\": \"bram\"}}}", network);
    assertMessage("f.json: $.layers: fc1: PE 3 must divide the 8 output channels", head + "{\"fc1\": {\"pe\": 3}}}",
        network);
    assertMessage("f.json: $.format: expected \"gatewright-folding/1\"", "{\"layers\": {}}", network);
    assertMessage("f.json: $: line 1", "{\"format\": ", network);
  }

  private static void assertMessage(String start, String json, Network network) {
    FoldingFile.FormatException e = assertThrows(FoldingFile.FormatException.class,
        () -> FoldingFile.read(json, "f.json", network));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
