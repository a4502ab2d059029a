package dev.gatewright.nn;

import static dev.gatewright.hdl.FixedType.sfix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo network is the 16-64-32-32-5 ReLU MLP with argmax, 6-bit weights, half of them pruned. */
class JetTaggerTest {

  @Test
  void hasTheJetTaggingTopologyAndPrecisions() {
    Network n = JetTagger.network(42);
    assertEquals(List.of("fc1", "relu1", "fc2", "relu2", "fc3", "relu3", "output", "argmax"),
        n.layers().stream().map(Layer::name).toList());
    assertEquals(16, n.inputs());
    assertEquals(sfix(16, 10), n.inputType());
    int[] widths = {16, 64, 32, 32, 5};
    List<Dense> dense = n.denseLayers();
    for (int k = 0; k < 4; k++) {
      Dense d = dense.get(k);
      assertEquals(widths[k], d.inputs());
      assertEquals(widths[k + 1], d.outputs());
      assertEquals(sfix(6, 5), d.weightType());
      assertEquals(Dense.exactAccumulatorType(d.inputType(), d.weightType(), d.weights(), d.biasType(), d.bias()),
          d.accumulatorType());
    }
    assertEquals(1, n.outputs());
  }

  @Test
  void prunesAtLeastHalfOfEveryLayersWeightsByMagnitude() {
    for (Dense d : JetTagger.network(42).denseLayers()) {
      long total = (long) d.inputs() * d.outputs();
      assertTrue(d.nonzeroWeights() <= total / 2, d.name() + ": " + d.nonzeroWeights());
      // every kept source weight is at least as large as every pruned one
      double[][] w = d.sourceWeights();
      double smallestKept = Double.MAX_VALUE;
      for (double[] row : w) {
        for (double v : row) {
          if (v != 0) {
            smallestKept = Math.min(smallestKept, Math.abs(v));
          }
        }
      }
      assertTrue(smallestKept > 0.01, d.name());
    }
  }

  @Test
  void randomPruningAndOtherWeightWidthsAreOptions() {
    Network random = JetTagger.network(42, 4, 0.75, JetTagger.PruningMethod.RANDOM);
    for (Dense d : random.denseLayers()) {
      assertEquals(sfix(4, 3), d.weightType());
      assertTrue(d.nonzeroWeights() <= (long) d.inputs() * d.outputs() / 4, d.name());
    }
    assertNotEquals(JetTagger.network(42, 6, 0.5, JetTagger.PruningMethod.RANDOM), JetTagger.network(42));
    assertThrows(IllegalArgumentException.class, () -> JetTagger.network(1, 1, 0.5, JetTagger.PruningMethod.RANDOM));
    assertThrows(IllegalArgumentException.class, () -> JetTagger.network(1, 6, 1.5, JetTagger.PruningMethod.RANDOM));
  }

  @Test
  void sameSeedGivesTheSameNetworkAndAnotherSeedAnother() {
    assertEquals(JetTagger.network(7), JetTagger.network(7));
    assertEquals(NetworkJson.write(JetTagger.network(7)), NetworkJson.write(JetTagger.network(7)));
    assertNotEquals(JetTagger.network(7), JetTagger.network(8));
  }

  @Test
  void pruningMasksAreDeterministicAndPruneTheRequestedCount() {
    double[][] w = {{0.1, -0.3, 0.2}, {0.3, 0.0, -0.1}};
    assertArrayEquals(new boolean[][] {{false, true, true}, {true, false, false}}, Pruning.magnitude(w, 0.5));
    boolean[][] random = Pruning.random(4, 5, 0.5, 99);
    int pruned = 0;
    for (boolean[] row : random) {
      for (boolean keep : row) {
        pruned += keep ? 0 : 1;
      }
    }
    assertEquals(10, pruned);
    assertArrayEquals(random, Pruning.random(4, 5, 0.5, 99));
    assertThrows(IllegalArgumentException.class, () -> Pruning.magnitude(w, -0.1));
  }
}
