package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * How the network's raw outputs become the model's output values: {@code y[o] = mul[o] · v[o] + add[o]},
 * where {@code v[o]} is the raw output's fixed-point value. Identity (mul 1, add 0) when the network's output
 * type already holds the model's values; otherwise the scale and offset the hardware left out (a scale that
 * is not a power of two, a per-channel offset) — exact rationals rounded to the nearest double. A
 * {@link Network} keeps its decoding, and the network file writes it.
 */
public record OutputDecoding(FixedType type, double[] mul, double[] add) {

  public OutputDecoding {
    mul = mul.clone();
    add = add.clone();
    java.util.Objects.requireNonNull(type, "type");
    if (mul.length != add.length || mul.length == 0) {
      throw new IllegalArgumentException("an output decoding needs as many scales as offsets, at least one: "
          + mul.length + " and " + add.length);
    }
    for (int o = 0; o < mul.length; o++) {
      if (!Double.isFinite(mul[o]) || !Double.isFinite(add[o])) {
        throw new IllegalArgumentException("output " + o + ": scale " + mul[o] + " and offset " + add[o]
            + " must be finite numbers");
      }
    }
  }

  /** How many outputs it decodes. */
  public int size() {
    return mul.length;
  }

  public static OutputDecoding identity(FixedType type, int size) {
    double[] one = new double[size];
    Arrays.fill(one, 1);
    return new OutputDecoding(type, one, new double[size]);
  }

  public boolean isIdentity() {
    for (int o = 0; o < mul.length; o++) {
      if (mul[o] != 1 || add[o] != 0) {
        return false;
      }
    }
    return true;
  }

  public double[] decode(long[] raw) {
    if (raw.length != mul.length) {
      throw new IllegalArgumentException("expected " + mul.length + " raw outputs, got " + raw.length);
    }
    double[] y = new double[raw.length];
    for (int o = 0; o < y.length; o++) {
      double v = type.toDouble(BigInteger.valueOf(raw[o]));
      y[o] = mul[o] == 1 && add[o] == 0 ? v : mul[o] * v + add[o];
    }
    return y;
  }

  @Override
  public double[] mul() {
    return mul.clone();
  }

  @Override
  public double[] add() {
    return add.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputDecoding d && type.equals(d.type) && Arrays.equals(mul, d.mul) && Arrays.equals(add, d.add);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Arrays.hashCode(mul);
  }
}
