package dev.gatewright.pipeline;

import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import java.util.List;

/**
 * The class a network's (decoded) outputs, or its model's reference outputs, stand for: the value itself
 * when the network ends in an argmax; the index of the first largest of two or more scores; for one score,
 * 1 when it is at least 0.5 (a sigmoid's binary decision), else 0.
 */
final class OutputClasses {

  private OutputClasses() {}

  /** How many classes the network tells apart. */
  static int count(Network network) {
    List<Layer> layers = network.layers();
    Layer last = layers.get(layers.size() - 1);
    if (last instanceof Activation.Argmax) {
      return last.inputs();
    }
    return Math.max(2, network.outputs());
  }

  static int of(Network network, double[] values) {
    List<Layer> layers = network.layers();
    if (layers.get(layers.size() - 1) instanceof Activation.Argmax) {
      return (int) values[0];
    }
    if (values.length == 1) {
      return values[0] >= 0.5 ? 1 : 0;
    }
    int best = 0;
    for (int c = 1; c < values.length; c++) {
      if (values[c] > values[best]) {
        best = c;
      }
    }
    return best;
  }
}
