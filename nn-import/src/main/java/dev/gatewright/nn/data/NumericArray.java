package dev.gatewright.nn.data;

import java.util.Arrays;
import java.util.Objects;

/** An n-dimensional array of numbers read from a file: its shape and its values in row-major order. */
public record NumericArray(long[] shape, double[] data) {

  public NumericArray {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The number of samples: the first dimension (1 for a scalar). */
  public int samples() {
    return shape.length == 0 ? 1 : (int) shape[0];
  }

  /** The values of one sample, flat. */
  public double[] sample(int index) {
    int per = data.length / Math.max(samples(), 1);
    return Arrays.copyOfRange(data, index * per, (index + 1) * per);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "array" + Arrays.toString(shape);
  }
}
