package dev.gatewright.nn.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A neuron's truth table is its golden model, enumerated; the cost model follows LogicNets' bound. */
class TruthTablesTest {

  @Test
  void tablesOfDenseAndReluAgreeWithGoldenModelOnEveryInput() {
    Network network = LogicNetsNetworks.jetLike(3);
    List<Layer> layers = network.layers();
    TruthTableLayer tables = TruthTables.of((Dense) layers.get(0), layers.subList(1, 2));
    GoldenModel golden = new GoldenModel(layers.subList(0, 2));
    assertEquals(List.of(layers.get(0).name(), layers.get(1).name()), tables.covers());
    Random random = new Random(1);
    for (int n = 0; n < 5000; n++) {
      long[] x = new long[10];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextInt(4);
      }
      assertArrayEquals(golden.infer(x), tables.evaluate(x));
    }
  }

  @Test
  void eachNeuronReadsOnlyItsNonzeroWeights() {
    Network network = LogicNetsNetworks.jetLike(3);
    Dense fc1 = (Dense) network.layers().get(0);
    TruthTableLayer tables = TruthTables.of(fc1, List.of());
    for (NeuronTable neuron : tables.neurons()) {
      assertEquals(4, neuron.fanIn());
      assertEquals(8, neuron.addressBits());
      assertEquals(256, neuron.entries().length);
      for (int source : neuron.sources()) {
        assertTrue(fc1.weight(neuron.neuron(), source) != 0);
      }
    }
    assertEquals(8, TruthTables.addressBits(fc1));
  }

  @Test
  void tooWideNeuronIsRefusedWithItsFanIn() {
    Random random = new Random(2);
    Network wide = Network.builder("wide", 12, dev.gatewright.hdl.Hdl.sfix(4, 2))
        .dense(Dense.builder("fc", 2).weights(LogicNetsNetworks.sparse(2, 12, 6, random))
            .weightType(dev.gatewright.hdl.Hdl.sfix(4, 2))
            .result(dev.gatewright.nn.Quantizer.of(dev.gatewright.hdl.Hdl.sfix(8, 2))))
        .build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TruthTables.of((Dense) wide.layers().get(0), List.of()));
    assertTrue(e.getMessage().contains("fc: a neuron with 6 inputs") && e.getMessage().contains("2^24"), e.getMessage());
  }

  @Test
  void costModelFollowsLogicNetsBoundAndCountsOnlyTheSupport() {
    assertEquals(1, LutCostModel.logicNetsBound(6, 1));
    assertEquals(3, LutCostModel.logicNetsBound(3, 3));
    assertEquals(5.0, LutCostModel.logicNetsBound(8, 1), 1e-9); // (2^4 - 1) / 3
    assertEquals(11.0, LutCostModel.logicNetsBound(9, 1), 1e-9); // (2^5 + 1) / 3
    assertEquals(0, LutCostModel.logicNetsBound(0, 4));
    // a neuron that ignores its second input: every output bit depends on at most 2 of the 4 address bits
    long[] entries = new long[16];
    for (int a = 0; a < 16; a++) {
      entries[a] = a & 3;
    }
    NeuronTable neuron = new NeuronTable(0, new int[] {0, 1}, dev.gatewright.hdl.Hdl.ufix(2, 0),
        dev.gatewright.hdl.Hdl.ufix(2, 0), entries);
    assertEquals(2, LutCostModel.tableLuts(neuron));
    TableLogic logic = new TableLogic(neuron);
    assertEquals(1, logic.support(0));
    assertEquals(1, logic.support(1));
  }

  @Test
  void autoPolicyChoosesTheCheaperEstimateAndSaysWhy() {
    Network network = LogicNetsNetworks.jetLike(3);
    LutPlan plan = LutPlan.of(network, LutOptions.defaults().withMaxAddressBits(16));
    for (LutPlan.Stage stage : plan.stages()) {
      if (stage instanceof LutPlan.Table t) {
        assertTrue(t.tableLuts() <= t.arithmeticLuts(), plan.describe());
      } else {
        String reason = ((LutPlan.Arithmetic) stage).reason();
        assertTrue(reason.equals("not a dense layer") || reason.startsWith("cheaper as arithmetic"), plan.describe());
      }
    }
    assertTrue(plan.describe().contains("truth tables"), plan.describe());
  }
}
