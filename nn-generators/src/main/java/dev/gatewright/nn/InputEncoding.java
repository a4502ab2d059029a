package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How a model's input values (flattened row-major) become the network's raw input integers: the part of the
 * model that runs before the first layer, on the host. A {@link Network} keeps its encoding, and the network
 * file writes it, so a network read back from its file encodes inputs exactly as the model it came from.
 */
public sealed interface InputEncoding {

  /** How many input values one sample has. */
  int size();

  /** The raw network input for the model input {@code values}; a value the encoding cannot take is an error. */
  long[] encode(double[] values);

  /**
   * Model input values that encode to exactly {@code raw}, where each raw value stands for one real value
   * (integers, fixed point); empty for thresholds, where a whole interval of inputs gives one raw value.
   */
  Optional<double[]> values(long[] raw);

  /** Why this encoding cannot feed a network input of {@code inputs} raw values of {@code type}; null when it can. */
  String problemWith(int inputs, FixedType type);

  /** Calls the method of {@code visitor} for this encoding's kind. */
  <R> R accept(Visitor<R> visitor);

  /** One method per kind of encoding, so that a new kind fails to compile wherever kinds are told apart. */
  interface Visitor<R> {
    R integers(Integers encoding);

    R fixedPoint(FixedPoint encoding);

    R thresholded(Thresholded encoding);
  }

  /** A real value converted to {@code type} rounding half to even and saturating: the encoding of a hand-made network. */
  static InputEncoding fixedPoint(int size, FixedType type) {
    return new FixedPoint(size, new Quantizer(type, Rounding.HALF_EVEN, Overflow.SATURATE));
  }

  /** The model declares integer inputs ({@code min..max}, e.g. FINN's UINT8): each value is its own raw value. */
  record Integers(int size, long min, long max) implements InputEncoding {
    public Integers {
      checkSize(size);
      if (min > max) {
        throw new IllegalArgumentException("integer inputs need min <= max, not " + min + ".." + max);
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.integers(this);
    }

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

    @Override
    public Optional<double[]> values(long[] raw) {
      check(raw.length, size);
      double[] v = new double[raw.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = raw[i];
      }
      return Optional.of(v);
    }

    @Override
    public String problemWith(int inputs, FixedType type) {
      if (inputs != size) {
        return sizeProblem(size, inputs);
      }
      return type.fits(BigInteger.valueOf(min)) && type.fits(BigInteger.valueOf(max)) && type.fraction() == 0 ? null
          : "integer inputs " + min + ".." + max + " are not raw values of the input type " + type;
    }
  }

  /**
   * Real numbers converted to a fixed-point type with a rounding and an overflow, as an ap_fixed conversion
   * does (hls4ml's input precision), or as a model's own power-of-two input quantizer does.
   */
  record FixedPoint(int size, Quantizer quantizer) implements InputEncoding {
    public FixedPoint {
      checkSize(size);
      Objects.requireNonNull(quantizer, "quantizer");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.fixedPoint(this);
    }

    @Override
    public long[] encode(double[] values) {
      check(values, size);
      long[] raw = new long[values.length];
      for (int i = 0; i < raw.length; i++) {
        if (!Double.isFinite(values[i])) {
          throw new IllegalArgumentException("input[" + i + "] = " + values[i] + " is not a finite number");
        }
        raw[i] = quantizer.fromDouble(values[i]);
      }
      return raw;
    }

    @Override
    public Optional<double[]> values(long[] raw) {
      check(raw.length, size);
      FixedType type = quantizer.type();
      if (type.width() > 53) {
        return Optional.empty(); // not every raw value is a double
      }
      double[] v = new double[raw.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = Math.scalb((double) raw[i], -type.fraction());
      }
      return Optional.of(v);
    }

    @Override
    public String problemWith(int inputs, FixedType type) {
      if (inputs != size) {
        return sizeProblem(size, inputs);
      }
      return quantizer.type().equals(type) ? null
          : "the input conversion to " + quantizer.type() + " does not match the input type " + type;
    }
  }

  /**
   * The model's own input quantizer (with the element-wise steps before it) as thresholds on the input
   * values: {@code raw[i] = base[i] + step[i] · #{k : x[i] ≥ t[i][k]}}, the thresholds chosen exactly so that
   * this equals the model's quantizer for every double input. Each row is non-decreasing; a threshold may be
   * infinite (always or never reached).
   */
  record Thresholded(double[][] thresholds, long[] base, long[] step) implements InputEncoding {
    public Thresholded {
      Objects.requireNonNull(thresholds, "thresholds");
      checkSize(thresholds.length);
      if (base.length != thresholds.length || step.length != thresholds.length) {
        throw new IllegalArgumentException(thresholds.length + " threshold rows but " + base.length + " bases and "
            + step.length + " steps");
      }
      double[][] rows = new double[thresholds.length][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = Objects.requireNonNull(thresholds[i], "thresholds[" + i + "]").clone();
        for (int k = 0; k < rows[i].length; k++) {
          if (Double.isNaN(rows[i][k]) || k > 0 && rows[i][k] < rows[i][k - 1]) {
            throw new IllegalArgumentException("thresholds of input " + i + " must be non-decreasing numbers, "
                + "found " + rows[i][k] + (k > 0 ? " after " + rows[i][k - 1] : ""));
          }
        }
      }
      thresholds = rows;
      base = base.clone();
      step = step.clone();
    }

    @Override
    public int size() {
      return base.length;
    }

    @Override
    public double[][] thresholds() {
      double[][] copy = new double[thresholds.length][];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = thresholds[i].clone();
      }
      return copy;
    }

    @Override
    public long[] base() {
      return base.clone();
    }

    @Override
    public long[] step() {
      return step.clone();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.thresholded(this);
    }

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
    public Optional<double[]> values(long[] raw) {
      return Optional.empty();
    }

    @Override
    public String problemWith(int inputs, FixedType type) {
      if (inputs != base.length) {
        return sizeProblem(base.length, inputs);
      }
      for (int i = 0; i < base.length; i++) {
        BigInteger first = BigInteger.valueOf(base[i]);
        BigInteger last = first.add(BigInteger.valueOf(step[i]).multiply(BigInteger.valueOf(thresholds[i].length)));
        if (!type.fits(first) || !type.fits(last)) {
          return "input " + i + " encodes to " + first + ".." + last + ", which are not raw values of the input type "
              + type;
        }
      }
      return null;
    }

    /** Whether every input has the same thresholds, base and step (one quantizer for the whole tensor). */
    public boolean isUniform() {
      for (int i = 1; i < base.length; i++) {
        if (base[i] != base[0] || step[i] != step[0] || !Arrays.equals(thresholds[i], thresholds[0])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Thresholded t && Arrays.deepEquals(thresholds, t.thresholds) && Arrays.equals(base, t.base)
          && Arrays.equals(step, t.step);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(thresholds) * 31 + Arrays.hashCode(base);
    }

    @Override
    public String toString() {
      return "Thresholded[" + base.length + " inputs, " + thresholds[0].length + " thresholds each]";
    }
  }

  private static void checkSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("an input encoding needs at least one input, not " + size);
    }
  }

  private static void check(double[] values, int size) {
    check(values.length, size);
  }

  private static void check(int length, int size) {
    if (length != size) {
      throw new IllegalArgumentException("expected " + size + " input values, got " + length);
    }
  }

  private static String sizeProblem(int size, int inputs) {
    return "the input encoding takes " + size + " values, the network has " + inputs + " inputs";
  }
}
