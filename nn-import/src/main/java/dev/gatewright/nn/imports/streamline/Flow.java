package dev.gatewright.nn.imports.streamline;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one value flowing through the model, as the streamliner sees it: where it stands ({@link Stage}),
 * its tensor shape (the batch dimension counted as 1) and, per element, the {@link Chain} of element-wise
 * functions still to apply to it. {@code exact} is false once a float part of the model was approximated
 * by the precision configuration.
 *
 * <p>The chains are in the order of the network's values, which need not be the row-major order of the
 * model's tensor: {@code order[e]} is the network position of the tensor's row-major element {@code e}
 * (null: the same order). A Transpose only changes this map; a convolution's output is channels-last in
 * the network while its tensor is NCHW. {@code pads} holds the zero padding of a Pad node still to be
 * taken up by the convolution after it (ONNX {@code pads}, begins then ends over all axes), else null.
 */
record Flow(long[] shape, Stage stage, Chain[] chains, PendingDense pending, boolean exact, int[] order,
    long[] pads) {

  enum Stage {
    /** The model's float input, before the model quantized it: the chains apply to the input value. */
    HOST,
    /** The raw output of the network built so far: the chains apply to its fixed-point value. */
    LAYER,
    /** A matrix product not yet built ({@link PendingDense}): the chains apply to its exact integer sum. */
    PENDING
  }

  Flow(long[] shape, Stage stage, Chain[] chains, PendingDense pending, boolean exact) {
    this(shape, stage, chains, pending, exact, null, null);
  }

  Flow {
    Objects.requireNonNull(stage, "stage");
    shape = shape.clone();
    chains = chains.clone();
    order = order == null || isIdentity(order) ? null : order.clone();
    pads = pads == null ? null : pads.clone();
    if (order != null && order.length != chains.length) {
      throw new IllegalArgumentException(order.length + " positions for " + chains.length + " values");
    }
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

  private static boolean isIdentity(int[] order) {
    for (int e = 0; e < order.length; e++) {
      if (order[e] != e) {
        return false;
      }
    }
    return true;
  }

  /** A reshape: the row-major order of the elements is kept, so is their network position. */
  Flow withShape(long[] newShape) {
    return new Flow(newShape, stage, chains, pending, exact, order, pads);
  }

  Flow withChains(Chain[] newChains) {
    return new Flow(shape, stage, newChains, pending, exact, order, pads);
  }

  /** The same tensor, now at {@code newStage} with {@code newChains} (in network order). */
  Flow at(Stage newStage, Chain[] newChains, PendingDense newPending) {
    return new Flow(shape, newStage, newChains, newPending, exact, order, pads);
  }

  /** The tensor's element order permuted: element {@code e} of the new shape is old element {@code from[e]}. */
  Flow permuted(long[] newShape, int[] from) {
    int[] o = new int[from.length];
    for (int e = 0; e < o.length; e++) {
      o[e] = position(from[e]);
    }
    return new Flow(newShape, stage, chains, pending, exact, o, pads);
  }

  Flow withOrder(long[] newShape, int[] newOrder) {
    return new Flow(newShape, stage, chains, pending, exact, newOrder, pads);
  }

  Flow withPads(long[] newPads) {
    return new Flow(shape, stage, chains, pending, exact, order, newPads);
  }

  /** The network position of the tensor's row-major element {@code e}. */
  int position(int e) {
    return order == null ? e : order[e];
  }

  /** The tensor element at each network position (the inverse of {@link #position}). */
  int[] elementAt() {
    int[] inverse = new int[chains.length];
    for (int e = 0; e < inverse.length; e++) {
      inverse[position(e)] = e;
    }
    return inverse;
  }

  /** Per-element values in the tensor's row-major order, rearranged into network order. */
  double[] inNetworkOrder(double[] values) {
    double[] v = new double[values.length];
    for (int e = 0; e < v.length; e++) {
      v[position(e)] = values[e];
    }
    return v;
  }

  <T> T[] inNetworkOrder(T[] values) {
    T[] v = values.clone();
    for (int e = 0; e < v.length; e++) {
      v[position(e)] = values[e];
    }
    return v;
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

  @Override
  public int[] order() {
    return order == null ? null : order.clone();
  }

  @Override
  public long[] pads() {
    return pads == null ? null : pads.clone();
  }
}
