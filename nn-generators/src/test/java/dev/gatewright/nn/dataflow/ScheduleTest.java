package dev.gatewright.nn.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Network;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schedule is the hardware's: co-simulated runs take exactly the cycles the timing models predict, frames
 * leave the scheduled number of cycles apart, and every FIFO is the shallowest that keeps that pace.
 */
@ExtendWith(CoSimulationExtension.class)
class ScheduleTest {

  private static List<DataflowHardware> designs() {
    Network bnn = DataflowNetworks.binarized();
    Network cnn = DataflowNetworks.cnn();
    Network c1d = DataflowNetworks.conv1d();
    return List.of(
        new DataflowGenerator(bnn, new Folding(Map.of("fc1", LayerFolding.of(2, 3), "fc2", LayerFolding.of(2, 2))))
            .build(),
        new DataflowGenerator(cnn, Folding.fullyParallel(cnn)).build(),
        new DataflowGenerator(cnn, new Folding(Map.of("conv1", LayerFolding.of(4, 2), "max_pool3",
            LayerFolding.of(1, 1), "conv2", LayerFolding.of(2, 4)))).build(),
        new DataflowGenerator(c1d, new Folding(Map.of("conv_a", LayerFolding.of(1, 4)))).build(),
        new DataflowGenerator(DataflowNetworks.binarizedCnn(), new Folding(Map.of())).build());
  }

  // on the Java engine, which simulates the IR cycle for cycle; MvauTest and ConvTest run the emitted SystemVerilog
  @Test
  void measuredCyclesPerFrameEqualTheSchedule() {
    Engine engine = Engine.JAVA;
    for (DataflowHardware hw : designs()) {
      CoSimulation.Report six = StreamCheck.check(hw, StreamCheck.randomFrames(hw, 6, 1), engine, 0, 0, 1);
      CoSimulation.Report twelve = StreamCheck.check(hw, StreamCheck.randomFrames(hw, 12, 2), engine, 0, 0, 1);
      assertEquals(hw.cycles(6), six.cycles(), hw.network().name() + ": cycles of 6 frames");
      assertEquals(hw.cycles(12), twelve.cycles(), hw.network().name() + ": cycles of 12 frames");
      assertEquals(hw.schedule().cyclesPerFrame() * 6, twelve.cycles() - six.cycles(),
          hw.network().name() + ": six more frames take six times the cycles per frame");
    }
  }

  @Test
  void everyFifoIsTheShallowestThatKeepsThePace() {
    for (DataflowHardware hw : designs()) {
      List<Integer> depths = hw.schedule().fifoDepths();
      int[] d = depths.stream().mapToInt(Integer::intValue).toArray();
      assertEquals(hw.schedule().cyclesPerFrame(), PipelineSchedule.interval(hw.stages(), d));
      for (int q = 0; q < d.length; q++) {
        if (d[q] > 0) {
          d[q]--;
          long slower = PipelineSchedule.interval(hw.stages(), d);
          d[q]++;
          assertTrue(slower > hw.schedule().cyclesPerFrame(), hw.network().name() + ": queue " + q + " of depth "
              + d[q] + " could be shallower");
        }
      }
    }
  }

  @Test
  void thePipelineRunsAtItsSlowestStage() {
    for (DataflowHardware hw : designs()) {
      long slowest = hw.schedule().stageCycles().stream().mapToLong(Long::longValue).max().orElseThrow();
      assertEquals(slowest, hw.schedule().cyclesPerFrame());
      for (int k = 0; k < hw.stages().size(); k++) {
        assertTrue(hw.schedule().stageCycles().get(k) >= hw.stages().get(k).outBeats(), hw.stages().get(k).name());
      }
    }
  }
}
