package dev.gatewright.nn.hw;

import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Conv;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GlobalPool;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.MaxPool;
import dev.gatewright.nn.Thresholds;

/**
 * The usual generator of each kind of layer, each pipelined on its own (time-shared networks, and the
 * arithmetic layers of truth-table networks); convolutions and pools are refused naming the layer.
 */
public final class LayerGenerators implements Layer.Visitor<LayerHardware> {

  private final String network;
  private final DenseOptions options;

  /** Generators for the layers of the network named {@code network}, dense layers built with {@code options}. */
  public LayerGenerators(String network, DenseOptions options) {
    this.network = network;
    this.options = options;
  }

  @Override
  public LayerHardware dense(Dense layer) {
    return new DenseGenerator(layer, options).build();
  }

  @Override
  public LayerHardware thresholds(Thresholds layer) {
    return new ThresholdGenerator(layer).build();
  }

  @Override
  public LayerHardware conv(Conv layer) {
    throw refused(layer, "a convolution");
  }

  @Override
  public LayerHardware maxPool(MaxPool layer) {
    throw refused(layer, "a max pool");
  }

  @Override
  public LayerHardware globalPool(GlobalPool layer) {
    throw refused(layer, "a global pool");
  }

  private IllegalArgumentException refused(Layer layer, String what) {
    return refusedSpatial(network, layer, what);
  }

  @Override
  public LayerHardware linear(Activation.Linear layer) {
    return new ActivationGenerator(layer).build();
  }

  @Override
  public LayerHardware relu(Activation.Relu layer) {
    return new ActivationGenerator(layer).build();
  }

  @Override
  public LayerHardware clippedRelu(Activation.ClippedRelu layer) {
    return new ActivationGenerator(layer).build();
  }

  @Override
  public LayerHardware hardTanh(Activation.HardTanh layer) {
    return new ActivationGenerator(layer).build();
  }

  @Override
  public LayerHardware sigmoid(Activation.Sigmoid layer) {
    return new ActivationGenerator(layer).build();
  }

  @Override
  public LayerHardware tanh(Activation.Tanh layer) {
    return new ActivationGenerator(layer).build();
  }

  @Override
  public LayerHardware softmax(Activation.Softmax layer) {
    return new ActivationGenerator(layer).build();
  }

  @Override
  public LayerHardware argmax(Activation.Argmax layer) {
    return new ActivationGenerator(layer).build();
  }

  /** Why a convolution or pool ({@code what}) is not built by the dense architectures, and what builds it. */
  public static IllegalArgumentException refusedSpatial(String network, Layer layer, String what) {
    return new IllegalArgumentException(network + ": layer " + layer.name() + " is " + what + "; the fully"
        + " parallel and time-shared architectures build dense networks, the streaming dataflow architecture"
        + " (dev.gatewright.nn.dataflow, --architecture dataflow) builds convolutions and pools");
  }
}
