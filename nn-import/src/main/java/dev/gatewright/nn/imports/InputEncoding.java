package dev.gatewright.nn.imports;

import dev.gatewright.nn.Quantizer;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the model's input values (flattened row-major) become the network's raw input integers: the part of
 * the model that runs before the first network layer, on the host.
 */
public sealed interface InputEncoding {

  /** The raw network input for the model input {@code values}. */
  long[] encode(double[] values);

  /** The model declares integer inputs ({@code min..max}, e.g. FINN's UINT8): each value is its own raw value. */
  record Integers(int size, long min, long max) implements InputEncoding {
    @Override
    public long[] encode(double[] values) {
      check(values, size);
      long[] raw = new long[values.length];
      for (int i = 0; i < raw.length; i++) {
        double v = values[i];
        if (v != Math.rint(v) || v < min || v > max) {
          throw new IllegalArgumentException("input[" + i + "] = " + v + " is not an integer in " + min + ".." + max
              + ", as the model declares its inputs");
        }
        raw[i] = (long) v;
      }
      return raw;
    }
  }

  /**
   * The model takes real numbers straight into a layer: each is converted to the input precision (from the
   * precision configuration) with its rounding and overflow, as an ap_fixed conversion does.
   */
  record FixedPoint(int size, Quantizer quantizer) implements InputEncoding {
    public FixedPoint {
      Objects.requireNonNull(quantizer, "quantizer");
    }

    @Override
    public long[] encode(double[] values) {
      check(values, size);
      long[] raw = new long[values.length];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = quantizer.fromDouble(values[i]);
      }
      return raw;
    }
  }

  /**
   * The model's own input quantizer (with the element-wise steps before it) as thresholds on the input
   * values: {@code raw[i] = base[i] + step[i] · #{k : x[i] ≥ t[i][k]}}, the thresholds chosen exactly so that
   * this equals the model's quantizer for every double input.
   */
  record Thresholded(double[][] thresholds, long[] base, long[] step) implements InputEncoding {
    @Override
    public long[] encode(double[] values) {
      check(values, base.length);
      long[] raw = new long[values.length];
      for (int i = 0; i < raw.length; i++) {
        double x = values[i];
        if (Double.isNaN(x)) {
          throw new IllegalArgumentException("input[" + i + "] is NaN");
        }
        double[] t = thresholds[i];
        int low = 0;
        int high = t.length;
        while (low < high) {
          int mid = (low + high) >>> 1;
          if (t[mid] <= x) {
            low = mid + 1;
          } else {
            high = mid;
          }
        }
        raw[i] = base[i] + step[i] * low;
      }
      return raw;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Thresholded t && Arrays.deepEquals(thresholds, t.thresholds) && Arrays.equals(base, t.base)
          && Arrays.equals(step, t.step);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(thresholds);
    }

    @Override
    public String toString() {
      return "Thresholded[" + base.length + " inputs, " + (thresholds.length == 0 ? 0 : thresholds[0].length)
          + " thresholds each]";
    }
  }

  private static void check(double[] values, int size) {
    if (values.length != size) {
      throw new IllegalArgumentException("expected " + size + " input values, got " + values.length);
    }
  }
}
