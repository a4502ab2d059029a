package dev.gatewright.nn.imports.streamline;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one value flowing through the model, as the streamliner sees it: where it stands ({@link Stage}),
 * its tensor shape (the batch dimension counted as 1) and, per element, the {@link Chain} of element-wise
 * functions still to apply to it. {@code exact} is false once a float part of the model was approximated
 * by the precision configuration.
 */
record Flow(long[] shape, Stage stage, Chain[] chains, PendingDense pending, boolean exact) {

  enum Stage {
    /** The model's float input, before the model quantized it: the chains apply to the input value. */
    HOST,
    /** The raw output of the network built so far: the chains apply to its fixed-point value. */
    LAYER,
    /** A matrix product not yet built ({@link PendingDense}): the chains apply to its exact integer sum. */
    PENDING
  }

  Flow {
    Objects.requireNonNull(stage, "stage");
    shape = shape.clone();
    chains = chains.clone();
    if (chains.length != elements(shape)) {
      throw new IllegalArgumentException(chains.length + " chains for shape " + Arrays.toString(shape));
    }
    if ((stage == Stage.PENDING) != (pending != null)) {
      throw new IllegalArgumentException("a pending product exactly in stage PENDING");
    }
  }

  /** Elements of a shape (its batch dimension is 1). */
  static int elements(long[] shape) {
    long n = 1;
    for (int d = 0; d < shape.length; d++) {
      n = Math.multiplyExact(n, shape[d]);
    }
    return Math.toIntExact(n);
  }

  int size() {
    return chains.length;
  }

  Chain chain(int element) {
    return chains[element];
  }

  Flow withShape(long[] newShape) {
    return new Flow(newShape, stage, chains, pending, exact);
  }

  Flow withChains(Chain[] newChains) {
    return new Flow(shape, stage, newChains, pending, exact);
  }

  /** Whether every element's chain is the identity. */
  boolean isPlain() {
    return Arrays.stream(chains).allMatch(Chain::isIdentity);
  }

  boolean isAffine() {
    return Arrays.stream(chains).allMatch(Chain::isAffine);
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public Chain[] chains() {
    return chains.clone();
  }
}
