package dev.gatewright.nn.imports;

import dev.gatewright.hdl.FixedType;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * How the network's raw outputs become the model's output values: {@code y[o] = mul[o] · v[o] + add[o]},
 * where {@code v[o]} is the raw output's fixed-point value. Identity (mul 1, add 0) when the network's output
 * type already holds the model's values; otherwise the scale and offset the hardware left out (a scale that
 * is not a power of two, a per-channel offset) — exact rationals rounded to the nearest double here.
 */
public record OutputDecoding(FixedType type, double[] mul, double[] add) {

  public OutputDecoding {
    mul = mul.clone();
    add = add.clone();
    if (mul.length != add.length) {
      throw new IllegalArgumentException("mul and add differ in length");
    }
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
