package dev.gatewright.nn.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

/**
 * A network's verification compares the scores, not only the class: hardware with a one-bit fault in a
 * hidden layer that changes scores but never the argmax on the test vectors passes a class-only check
 * and fails the real one.
 */
class HiddenFaultDetectionTest {

  @ParameterizedTest
  @EnumSource(Engine.class)
  void scoresRevealAOneBitHiddenLayerFaultThatChangesNoClass(Engine engine) {
    Network network = TestNetworks.mlp("mlp");
    NetworkHardware correct = new NetworkGenerator(network, DenseOptions.defaults()).build();
    List<Map<String, BigInteger>> vectors = NetworkCheck.vectors(correct, 2000, 5);
    GoldenModel golden = new GoldenModel(network);
    Network faulty = classPreservingFault(network, "fc1", vectors);
    assertNotNull(faulty, "no weight of fc1 whose flipped LSB changes scores but no class on these vectors");
    NetworkHardware broken = new NetworkGenerator(faulty, DenseOptions.defaults()).build();

    // comparing the class alone cannot see the fault
    CoSimulation.of(broken.module()).valid("in_valid", "out_valid").latency(broken.latency())
        .golden(in -> Map.of("y", broken.expected(golden, in.get("x"), "out_valid").get("y")))
        .vectors(vectors).check(engine);
    // comparing the scores does
    AssertionFailedError mismatch = assertThrows(AssertionFailedError.class,
        () -> NetworkCheck.verify(broken, golden, vectors, engine));
    assertTrue(mismatch.getMessage().contains("output 'scores'"), mismatch.getMessage());
  }

  /** The network with the first LSB flip of a nonzero weight of {@code layerName} that keeps every class. */
  private static Network classPreservingFault(Network network, String layerName, List<Map<String, BigInteger>> vectors) {
    GoldenModel golden = new GoldenModel(network);
    Dense dense = (Dense) network.layer(layerName);
    for (int o = 0; o < dense.outputs(); o++) {
      for (int i = 0; i < dense.inputs(); i++) {
        if (dense.weight(o, i) == 0) {
          continue;
        }
        long[][] weights = dense.weights();
        weights[o][i] ^= 1;
        Network faulty = replace(network, new Dense(dense.name(), dense.inputs(), dense.outputs(), dense.inputType(),
            dense.weightType(), weights, dense.biasType(), dense.bias(), dense.accumulatorType(),
            dense.accumulatorOverflow(), dense.result(), dense.sourceWeights(), dense.sourceBias()));
        GoldenModel model = new GoldenModel(faulty);
        int changedScores = 0;
        int changedClasses = 0;
        for (Map<String, BigInteger> vector : vectors) {
          if (vector.get("in_valid").signum() == 0) {
            continue;
          }
          long[] x = VectorPorts.unpack(vector.get("x"), network.inputs(), network.inputType());
          long[][] expected = golden.trace(x);
          long[][] actual = model.trace(x);
          int scores = expected.length - 2;
          changedScores += Arrays.equals(expected[scores], actual[scores]) ? 0 : 1;
          changedClasses += Arrays.equals(expected[scores + 1], actual[scores + 1]) ? 0 : 1;
        }
        if (changedScores > 0 && changedClasses == 0) {
          return faulty;
        }
      }
    }
    return null;
  }

  private static Network replace(Network network, Layer layer) {
    List<Layer> layers = new ArrayList<>(network.layers());
    int index = layers.indexOf(network.layer(layer.name()));
    layers.set(index, layer);
    Network changed = new Network(network.name(), network.inputs(), network.inputType(), layers);
    assertEquals(network.layers().size(), changed.layers().size());
    return changed;
  }
}
