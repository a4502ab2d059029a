package dev.gatewright.nn.hw;

import dev.gatewright.sim.junit.CoSimulationExtension;
import org.junit.jupiter.api.extension.ExtendWith;

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
import dev.gatewright.sim.CoSimulationMismatch;
import dev.gatewright.sim.junit.CoSimulationAssertions;

/**
 * A network's verification compares the scores, not only the class: hardware with a one-bit fault in a
 * hidden layer that changes scores but never the argmax on the test vectors passes a class-only check
 * and fails the real one.
 */
@ExtendWith(CoSimulationExtension.class)
class HiddenFaultDetectionTest {

  @ParameterizedTest
  @EnumSource(Engine.class)
  void scoresRevealAOneBitHiddenLayerFaultThatChangesNoClass(Engine engine) {
    Network network = TestNetworks.mlp("mlp");
    NetworkHardware correct = new NetworkGenerator(network, DenseOptions.defaults()).build();
    List<Vectors.Input> vectors = NetworkCheck.vectors(correct, 2000, 5);
    GoldenModel golden = new GoldenModel(network);
    Network faulty = classPreservingFault(network, "fc1", vectors);
    assertNotNull(faulty, "no weight of fc1 whose flipped LSB changes scores but no class on these vectors");
    NetworkHardware broken = new NetworkGenerator(faulty, DenseOptions.defaults()).build();

    // comparing the class alone cannot see the fault
    CoSimulationAssertions.assumeAvailable(engine);
    Vectors.feed(CoSimulation.of(broken.module()).valid(io -> io.inValid, io -> io.outValid).latency(broken.latency())
        .golden((io, in, out) -> out.set(io.y, VectorPorts.pack(broken.trace(golden, in.get(io.x))[network.layers()
            .size()], network.outputType()))), io -> io.inValid, io -> io.x, vectors).check(engine);
    // comparing the scores does
    CoSimulationMismatch mismatch = assertThrows(CoSimulationMismatch.class,
        () -> NetworkCheck.verify(broken, golden, vectors, engine));
    assertTrue(mismatch.getMessage().contains("output 'scores'"), mismatch.getMessage());
  }

  /** The network with the first LSB flip of a nonzero weight of {@code layerName} that keeps every class. */
  private static Network classPreservingFault(Network network, String layerName, List<Vectors.Input> vectors) {
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
        for (Vectors.Input vector : vectors) {
          if (!vector.valid()) {
            continue;
          }
          long[] x = VectorPorts.unpack(vector.x(), network.inputs(), network.inputType());
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
