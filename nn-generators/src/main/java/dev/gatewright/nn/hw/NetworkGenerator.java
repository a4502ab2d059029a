package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Instance;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.Signal;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Thresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * Chains a network's layers into one pipeline: each layer is a module instance, connected by its valid
 * signal and its value vector. The top has {@code in_valid}, {@code x} (a vec of the network's inputs),
 * {@code out_valid} and {@code y}.
 */
public final class NetworkGenerator {

  private final Network network;
  private final DenseOptions options;

  public NetworkGenerator(Network network, DenseOptions options) {
    this.network = network;
    this.options = options;
  }

  /** The generated pipeline and its timing. */
  public record NetworkHardware(Module module, int latency, int initiationInterval, long multipliers,
      List<LayerHardware> layers) {}

  public NetworkHardware build() {
    List<LayerHardware> layers = new ArrayList<>();
    for (Layer layer : network.layers()) {
      if (layer instanceof Dense dense) {
        layers.add(new DenseGenerator(dense, options).build());
      } else if (layer instanceof Thresholds thresholds) {
        layers.add(new ThresholdGenerator(thresholds).build());
      } else if (layer instanceof Activation activation) {
        layers.add(new ActivationGenerator(activation).build());
      } else {
        throw new IllegalArgumentException("no generator for layer kind " + layer.getClass().getSimpleName());
      }
    }
    Module top = module(LayerPorts.identifier(network.name()), m -> {
      Signal valid = m.input("in_valid", bool());
      Signal values = m.input("x", vec(network.inputs(), network.inputType()));
      for (int k = 0; k < layers.size(); k++) {
        Instance instance = m.instance("u_" + LayerPorts.identifier(network.layers().get(k).name()),
            layers.get(k).module());
        instance.input("in_valid").assign(valid);
        instance.input("x").assign(values);
        valid = instance.output("out_valid");
        values = instance.output("y");
      }
      m.output("out_valid", bool()).assign(valid);
      m.output("y", values.type()).assign(values);
    });
    int latency = layers.stream().mapToInt(LayerHardware::latency).sum();
    int interval = layers.stream().mapToInt(LayerHardware::initiationInterval).max().orElse(1);
    long multipliers = layers.stream().mapToLong(LayerHardware::multipliers).sum();
    return new NetworkHardware(top, latency, interval, multipliers, List.copyOf(layers));
  }
}
