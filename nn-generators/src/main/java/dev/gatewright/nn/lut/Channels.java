package dev.gatewright.nn.lut;

import dev.gatewright.nn.Conv;
import dev.gatewright.nn.GlobalPool;
import dev.gatewright.nn.MaxPool;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Thresholds;
import java.util.Optional;

/**
 * Element-wise layers cut down to one channel, so that one neuron's function can be run through the
 * golden model alone: activations that act on each value by itself and threshold layers (their
 * channel's thresholds). Softmax, argmax and dense layers mix channels: they have no one-channel form.
 */
final class Channels {

  private Channels() {}

  /** Whether {@code layer} acts on each value by itself. */
  static boolean isElementWise(Layer layer) {
    return layer.accept(new OneChannel(0)).isPresent();
  }

  /** Channel {@code channel} of an element-wise layer, as a layer of one value. */
  static Layer of(Layer layer, int channel) {
    return layer.accept(new OneChannel(channel)).orElseThrow(
        () -> new IllegalArgumentException(layer.name() + " is not element-wise: it has no one-channel form"));
  }

  private record OneChannel(int c) implements Layer.Visitor<Optional<Layer>> {
    @Override
    public Optional<Layer> dense(Dense layer) {
      return Optional.empty();
    }

    @Override
    public Optional<Layer> thresholds(Thresholds t) {
      return Optional.of(new Thresholds(t.name(), 1, t.inputType(), new long[][] {t.thresholds()[c]},
          new long[] {t.base(c)}, new long[] {t.step(c)}, t.outputType()));
    }

    @Override
    public Optional<Layer> linear(Activation.Linear a) {
      return Optional.of(new Activation.Linear(a.name(), 1, a.inputType(), a.result()));
    }

    @Override
    public Optional<Layer> relu(Activation.Relu a) {
      return Optional.of(new Activation.Relu(a.name(), 1, a.inputType(), a.result()));
    }

    @Override
    public Optional<Layer> clippedRelu(Activation.ClippedRelu a) {
      return Optional.of(new Activation.ClippedRelu(a.name(), 1, a.inputType(), a.ceiling(), a.result()));
    }

    @Override
    public Optional<Layer> hardTanh(Activation.HardTanh a) {
      return Optional.of(new Activation.HardTanh(a.name(), 1, a.inputType(), a.result()));
    }

    @Override
    public Optional<Layer> sigmoid(Activation.Sigmoid a) {
      return Optional.of(new Activation.Sigmoid(a.name(), 1, a.inputType(), a.table()));
    }

    @Override
    public Optional<Layer> tanh(Activation.Tanh a) {
      return Optional.of(new Activation.Tanh(a.name(), 1, a.inputType(), a.table()));
    }

    @Override
    public Optional<Layer> softmax(Activation.Softmax layer) {
      return Optional.empty();
    }

    @Override
    public Optional<Layer> argmax(Activation.Argmax layer) {
      return Optional.empty();
    }

    @Override
    public Optional<Layer> conv(Conv layer) {
      return Optional.empty();
    }

    @Override
    public Optional<Layer> maxPool(MaxPool layer) {
      return Optional.empty();
    }

    @Override
    public Optional<Layer> globalPool(GlobalPool layer) {
      return Optional.empty();
    }
  }
}
