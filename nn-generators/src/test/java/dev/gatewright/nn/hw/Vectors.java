package dev.gatewright.nn.hw;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.Vec;
import dev.gatewright.sim.CoSimulation;
import java.util.function.Function;

import dev.gatewright.hdl.FixedType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Input vectors for layers and networks: element-wise corner cases and seeded random values. */
final class Vectors {

  private Vectors() {}

  /**
   * Packed vecs of {@code size} raw values of {@code type}: every element most negative, most positive,
   * zero, one LSB below zero (or 1 when unsigned), alternating extremes both ways, then each element alone
   * at each extreme with the others zero.
   */
  static List<BigInteger> corners(int size, FixedType type) {
    long min = type.minRaw().longValueExact();
    long max = type.maxRaw().longValueExact();
    long small = type.signed() ? -1 : 1;
    List<long[]> raw = new ArrayList<>();
    for (long value : new long[] {min, max, 0, small}) {
      raw.add(filled(size, value));
    }
    long[] alternating = new long[size];
    long[] inverse = new long[size];
    for (int i = 0; i < size; i++) {
      alternating[i] = i % 2 == 0 ? min : max;
      inverse[i] = i % 2 == 0 ? max : min;
    }
    raw.add(alternating);
    raw.add(inverse);
    for (int i = 0; i < size; i++) {
      for (long extreme : new long[] {min, max}) {
        long[] one = new long[size];
        one[i] = extreme;
        raw.add(one);
      }
    }
    return raw.stream().map(x -> VectorPorts.pack(x, type)).toList();
  }

  /** {@code count} packed vecs of uniformly random bits. */
  static List<BigInteger> random(int count, int size, FixedType type, long seed) {
    Random random = new Random(seed);
    List<BigInteger> vectors = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      vectors.add(new BigInteger(size * type.width(), random));
    }
    return vectors;
  }

  /** One cycle of input: {@code in_valid} and the packed vec {@code x}. */
  record Input(boolean valid, BigInteger x) {}

  /** Corners then random values, each given with {@code in_valid} high and followed by {@code gap} idle cycles. */
  static List<Input> stream(int size, FixedType type, int random, long seed, int gap) {
    List<BigInteger> values = new ArrayList<>(corners(size, type));
    values.addAll(random(random, size, type, seed));
    List<Input> vectors = new ArrayList<>();
    for (BigInteger x : values) {
      vectors.add(new Input(true, x));
      for (int idle = 0; idle < gap; idle++) {
        vectors.add(new Input(false, BigInteger.ZERO));
      }
    }
    return vectors;
  }

  /** Adds {@code inputs} to {@code check}, on the ports the two handles name. */
  static <B> CoSimulation<B> feed(CoSimulation<B> check, Function<B, Bool> valid, Function<B, Vec<Fixed>> x,
      List<Input> inputs) {
    for (Input input : inputs) {
      check.vector((io, values) -> values.set(valid.apply(io), input.valid() ? 1 : 0).set(x.apply(io), input.x()));
    }
    return check;
  }

  private static long[] filled(int size, long value) {
    long[] x = new long[size];
    java.util.Arrays.fill(x, value);
    return x;
  }
}
