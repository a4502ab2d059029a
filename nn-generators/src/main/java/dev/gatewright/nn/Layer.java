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
}
