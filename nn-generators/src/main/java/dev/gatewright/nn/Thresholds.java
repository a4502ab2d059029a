package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A multi-threshold activation, FINN's {@code MultiThreshold} on integers: for channel {@code c} with input
 * raw value {@code x[c]},
 * <pre>
 *   y[c] = base[c] + step[c] · #{ k : x[c] ≥ t[c][k] }
 * </pre>
 * a raw value of {@link #outputType()}. Thresholds are raw values in the units of {@link #inputType()}; a
 * threshold at or below the input's smallest raw value always counts, one above its largest never does.
 * Each channel has the same number of thresholds, in non-decreasing order. With one threshold per channel,
 * base −1 and step 2 this is a sign (bipolar) activation; any monotone quantizer applied to an affine
 * function of the input — a scaled, biased, batch-normalized activation followed by a quantizer — is one of
 * these once streamlined (see {@code dev.gatewright.nn.imports}). A negative step gives a non-increasing
 * channel. What it computes, bit for bit, is {@link GoldenModel#thresholds}.
 *
 * <p>Arrays are copied in and out, so a {@code Thresholds} is immutable.
 */
public record Thresholds(String name, int size, FixedType inputType, long[][] thresholds, long[] base, long[] step,
    FixedType outputType) implements Layer {

  /** Most thresholds per channel accepted (an 16-bit output level count). */
  public static final int MAX_STEPS = 1 << 16;

  public Thresholds {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(outputType, "outputType");
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(step, "step");
    if (size < 1) {
      throw new IllegalArgumentException(name + ": a threshold layer needs at least one channel, not " + size);
    }
    Dense.checkWidth(name, inputType);
    Dense.checkWidth(name, outputType);
    if (thresholds.length != size || base.length != size || step.length != size) {
      throw new IllegalArgumentException(name + ": " + size + " channels but " + thresholds.length
          + " threshold rows, " + base.length + " bases and " + step.length + " steps");
    }
    int steps = Objects.requireNonNull(thresholds[0], "thresholds[0]").length;
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException(name + ": each channel needs 1.." + MAX_STEPS + " thresholds, not " + steps);
    }
    long[][] copy = new long[size][];
    for (int c = 0; c < size; c++) {
      long[] row = Objects.requireNonNull(thresholds[c], "thresholds[" + c + "]");
      if (row.length != steps) {
        throw new IllegalArgumentException(name + ": channel " + c + " has " + row.length + " thresholds, channel 0 has "
            + steps);
      }
      for (int k = 1; k < steps; k++) {
        if (row[k] < row[k - 1]) {
          throw new IllegalArgumentException(name + ": thresholds of channel " + c + " decrease at " + k + " ("
              + row[k - 1] + " then " + row[k] + ")");
        }
      }
      copy[c] = row.clone();
      BigInteger first = BigInteger.valueOf(base[c]);
      BigInteger last = first.add(BigInteger.valueOf(step[c]).multiply(BigInteger.valueOf(steps)));
      if (!outputType.fits(first) || !outputType.fits(last)) {
        throw new IllegalArgumentException(name + ": channel " + c + " outputs " + first + ".." + last
            + ", which does not fit " + outputType + " (raw range " + outputType.minRaw() + ".." + outputType.maxRaw() + ")");
      }
    }
    thresholds = copy;
    base = base.clone();
    step = step.clone();
  }

  /** The same thresholds, base and step for every one of {@code size} channels. */
  public static Thresholds uniform(String name, int size, FixedType inputType, long[] thresholds, long base, long step,
      FixedType outputType) {
    long[][] rows = new long[size][];
    long[] bases = new long[size];
    long[] steps = new long[size];
    for (int c = 0; c < size; c++) {
      rows[c] = thresholds.clone();
      bases[c] = base;
      steps[c] = step;
    }
    return new Thresholds(name, size, inputType, rows, bases, steps, outputType);
  }

  @Override
  public int inputs() {
    return size;
  }

  @Override
  public int outputs() {
    return size;
  }

  /** Thresholds per channel. */
  public int steps() {
    return thresholds[0].length;
  }

  /** Threshold {@code k} of channel {@code c}, a raw value in the input's units. */
  public long threshold(int c, int k) {
    return thresholds[c][k];
  }

  public long base(int c) {
    return base[c];
  }

  public long step(int c) {
    return step[c];
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.thresholds(this);
  }

  /** {@code y[c]} for raw input {@code x} (see the class comment). */
  public long apply(int c, long x) {
    long[] row = thresholds[c];
    int low = 0;
    int high = row.length; // the count is the first k with row[k] > x
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (row[mid] <= x) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return base[c] + step[c] * low;
  }

  @Override
  public long[][] thresholds() {
    long[][] c = new long[thresholds.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = thresholds[i].clone();
    }
    return c;
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
  public boolean equals(Object o) {
    return o instanceof Thresholds t && name.equals(t.name) && size == t.size && inputType.equals(t.inputType)
        && outputType.equals(t.outputType) && Arrays.deepEquals(thresholds, t.thresholds)
        && Arrays.equals(base, t.base) && Arrays.equals(step, t.step);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, size, inputType, outputType, Arrays.deepHashCode(thresholds), Arrays.hashCode(base),
        Arrays.hashCode(step));
  }

  @Override
  public String toString() {
    return "thresholds " + name + " " + size + " x " + steps() + " in " + inputType + " out " + outputType;
  }
}
