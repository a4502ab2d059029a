package dev.gatewright.nn.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.arith.CmvmOptions;
import dev.gatewright.nn.arith.ConstantMatrix;
import dev.gatewright.nn.arith.CsdBaseline;
import dev.gatewright.nn.arith.DenseArithmetic;
import dev.gatewright.nn.arith.Interval;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trained QKeras jet tagger's dense layers, as imported, on shared adder graphs. */
class TrainedJetTaggerArithmeticTest {

  @Test
  void everyDenseLayerMatchesTheGoldenModelWithFewerAdderCellsThanPerWeightCsd() throws Exception {
    Network network = ModelImport.read(SharedData.JET_TAGGER).network();
    GoldenModel golden = new GoldenModel(network);
    Map<Integer, DenseArithmetic> built = new LinkedHashMap<>();
    long shared = 0;
    long csd = 0;
    for (int k = 0; k < network.layers().size(); k++) {
      if (network.layers().get(k) instanceof Dense d) {
        DenseArithmetic arithmetic = DenseArithmetic.of(d, DenseArithmetic.inputRanges(network, d), CmvmOptions.DEFAULT);
        built.put(k, arithmetic);
        shared += arithmetic.graphCells();
        csd += CsdBaseline.build(ConstantMatrix.of(d.weights()), arithmetic.inputs()).adderBits();
      }
    }
    // the ReLUs' 6-bit unsigned results feed the hidden layers
    assertEquals(Interval.of(0, 63), built.get(2).inputs().get(0));
    assertTrue(shared < 0.7 * csd, shared + " cells vs " + csd + " for per-weight CSD");
    Random random = new Random(17);
    long min = network.inputType().minRaw().longValue();
    long max = network.inputType().maxRaw().longValue();
    for (int n = 0; n < 300; n++) {
      long[] x = new long[network.inputs()];
      for (int i = 0; i < x.length; i++) {
        x[i] = n < 100 ? (random.nextBoolean() ? min : max) : min + random.nextInt((int) (max - min + 1));
      }
      long[][] trace = golden.trace(x);
      built.forEach((k, arithmetic) -> assertArrayEquals(trace[k + 1], arithmetic.evaluate(trace[k]),
          arithmetic.layer().name()));
    }
  }
}
