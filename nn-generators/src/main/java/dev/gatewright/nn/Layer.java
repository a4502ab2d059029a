package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;

/**
 * One step of a feed-forward network: a vector of {@link #inputs()} raw values of {@link #inputType()}
 * in, a vector of {@link #outputs()} raw values of {@link #outputType()} out. What each layer computes,
 * bit for bit, is written down in {@link GoldenModel}.
 *
 * <p>Code that treats each kind of layer differently implements {@link Visitor}: a new kind of layer
 * adds a method there, so every such place fails to compile until it handles the new kind.
 */
public sealed interface Layer permits Dense, Activation, Thresholds, Conv, MaxPool, GlobalPool {

  String name();

  int inputs();

  FixedType inputType();

  int outputs();

  FixedType outputType();

  /** Calls the method of {@code visitor} for this layer's kind. */
  <R> R accept(Visitor<R> visitor);

  /**
   * One method per kind of layer: the dense layer, the threshold layer, the spatial layers (convolution,
   * max pool, global pool) and every {@link Activation.Visitor activation}.
   */
  interface Visitor<R> extends Activation.Visitor<R> {
    R dense(Dense layer);

    R thresholds(Thresholds layer);

    R conv(Conv layer);

    R maxPool(MaxPool layer);

    R globalPool(GlobalPool layer);
  }

  /**
   * A {@link Visitor} for code to which every kind of activation is the same ({@link #activation}); the other
   * layer kinds stay a method each, so a new one still fails to compile there. Override a single activation's
   * method where it is the exception.
   */
  interface ActivationsAlikeVisitor<R> extends Visitor<R> {
    R activation(Activation layer);

    @Override
    default R linear(Activation.Linear layer) {
      return activation(layer);
    }

    @Override
    default R relu(Activation.Relu layer) {
      return activation(layer);
    }

    @Override
    default R clippedRelu(Activation.ClippedRelu layer) {
      return activation(layer);
    }

    @Override
    default R hardTanh(Activation.HardTanh layer) {
      return activation(layer);
    }

    @Override
    default R sigmoid(Activation.Sigmoid layer) {
      return activation(layer);
    }

    @Override
    default R tanh(Activation.Tanh layer) {
      return activation(layer);
    }

    @Override
    default R softmax(Activation.Softmax layer) {
      return activation(layer);
    }

    @Override
    default R argmax(Activation.Argmax layer) {
      return activation(layer);
    }
  }
}
