package dev.gatewright.nn.imports.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * A constant tensor: its shape and its values in row-major order, as doubles. Integer tensors (shapes,
 * axes, bit widths) hold their exact values; float32 values widen to double exactly.
 */
public record Tensor(long[] shape, double[] data) {

  public Tensor {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    long count = count(shape);
    if (count != data.length) {
      throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " holds " + count
          + " values, not " + data.length);
    }
    shape = shape.clone();
  }

  public static Tensor scalar(double value) {
    return new Tensor(new long[0], new double[] {value});
  }

  public static Tensor vector(double... values) {
    return new Tensor(new long[] {values.length}, values);
  }

  /** The number of elements of a shape (1 for a scalar). */
  public static long count(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long dim(int axis) {
    return shape[axis];
  }

  public int size() {
    return data.length;
  }

  public double get(int index) {
    return data[index];
  }

  /** The only value of a one-element tensor. */
  public double scalarValue() {
    if (data.length != 1) {
      throw new IllegalArgumentException("expected one value, found a tensor of shape " + Arrays.toString(shape));
    }
    return data[0];
  }

  /** The values as exact longs; fails on a value that is not an integer. */
  public long[] longs() {
    long[] v = new long[data.length];
    for (int i = 0; i < v.length; i++) {
      if (data[i] != Math.rint(data[i]) || Math.abs(data[i]) > 9.007199254740992E15) {
        throw new IllegalArgumentException("expected integers, found " + data[i]);
      }
      v[i] = (long) data[i];
    }
    return v;
  }

  public Tensor reshape(long[] newShape) {
    return new Tensor(newShape, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "tensor" + Arrays.toString(shape) + (data.length <= 4 ? Arrays.toString(data) : "");
  }
}
