package dev.gatewright.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.harden.EccMemory;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.lut.LutOptions;
import dev.gatewright.nn.lut.LutPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the LUT, bit-serial and hardening benchmarks synthesize is what they say (the flows run in the benchmarks). */
class VariantBenchesTest {

  @Test
  void lutExampleIsLogicNetsStyleAndEveryLayerFitsATable() {
    Network network = LutBench.example();
    LutPlan plan = LutPlan.of(network, LutOptions.defaults().withPolicy(LutOptions.Policy.TABLES));
    assertEquals(3, plan.tables().size(), plan.describe());
    for (LutPlan.Table table : plan.tables()) {
      assertEquals(4, table.layer().maxFanIn());
      assertTrue(table.layer().maxAddressBits() <= 8, plan.describe());
    }
  }

  @Test
  void lutBenchRefusesTargetsItDoesNotRun() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LutBench(null, List.of(Target.SKY130), FlowOptions.defaults()));
    assertTrue(e.getMessage().startsWith("--target:"), e.getMessage());
  }

  @Test
  void weightMemoriesStoreTheirCodewords() {
    int[] widths = new int[3];
    int k = 0;
    for (EccMemory.Code code : new EccMemory.Code[] {null, EccMemory.Code.PARITY, EccMemory.Code.SECDED}) {
      MemoryDef words = HardenBench.weights(code).memories().get(0);
      assertEquals(256, words.depth());
      widths[k++] = words.type().width();
    }
    assertEquals(16, widths[0]);
    assertEquals(17, widths[1]);
    assertEquals(22, widths[2]);
  }

  @Test
  void bitSerialBenchLayerHasEightBitWeightsHalfPruned() {
    var layer = BitSerialBench.layer();
    assertEquals(8, layer.weightType().width());
    long nonzero = layer.nonzeroWeights();
    assertTrue(nonzero > 32 && nonzero < 96, nonzero + " of 128");
  }
}
