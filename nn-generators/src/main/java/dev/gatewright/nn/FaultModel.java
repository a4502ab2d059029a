package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Random hardware faults in a network's stored values: every bit of every affected value is hit
 * independently with probability {@link #rate}; a hit flips the bit ({@link Kind#BIT_FLIP}) or forces it
 * to 0 or 1 ({@link Kind#STUCK_AT_ZERO}, {@link Kind#STUCK_AT_ONE}). The bits are the raw two's-complement
 * (signed) or binary (unsigned) bits of the value's {@link FixedType}, so a fault keeps the value in its
 * type. {@link Site} says which values are affected: the dense layers' raw weights (biases stay intact),
 * and/or the raw outputs of every layer but the last (the activations the next layer reads).
 *
 * <p>This is the one definition of a fault shared by fault-aware training ({@code nn-train}) and fault
 * injection in simulated hardware: the same seed and random generator hit the same bits.
 */
public record FaultModel(Kind kind, double rate, Set<Site> sites) {

  /** What a hit does to a bit. */
  public enum Kind { BIT_FLIP, STUCK_AT_ZERO, STUCK_AT_ONE }

  /** Which stored values faults hit. */
  public enum Site { WEIGHTS, ACTIVATIONS }

  public FaultModel {
    Objects.requireNonNull(kind, "kind");
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("a fault rate is a probability per bit in [0, 1], not " + rate);
    }
    sites = Set.copyOf(sites);
  }

  /** No faults. */
  public static FaultModel none() {
    return new FaultModel(Kind.BIT_FLIP, 0, Set.of());
  }

  /** Bit flips at {@code rate} in weights and activations. */
  public static FaultModel bitFlips(double rate) {
    return new FaultModel(Kind.BIT_FLIP, rate, EnumSet.allOf(Site.class));
  }

  public boolean hits(Site site) {
    return rate > 0 && sites.contains(site);
  }

  /** {@code raw}, a value of {@code type}, with one bit {@code bit} (0 = least significant) hit. */
  public long hit(long raw, FixedType type, int bit) {
    long word = raw & mask(type.width());
    long b = 1L << bit;
    word = switch (kind) {
      case BIT_FLIP -> word ^ b;
      case STUCK_AT_ZERO -> word & ~b;
      case STUCK_AT_ONE -> word | b;
    };
    return type.signed() && (word >>> (type.width() - 1) & 1) == 1 ? word - (1L << type.width()) : word;
  }

  /**
   * Hits the bits of {@code raw} (values of {@code type}) in place, each with probability {@link #rate},
   * drawing from {@code random}. The gaps between hits are drawn geometrically, so the cost is one draw
   * per hit, not per bit. Returns the number of hits.
   */
  public int inject(long[] raw, FixedType type, RandomGenerator random) {
    if (rate == 0 || raw.length == 0) {
      return 0;
    }
    int width = type.width();
    long bits = (long) raw.length * width;
    int hits = 0;
    long position = skip(random);
    while (position < bits) {
      int index = (int) (position / width);
      raw[index] = hit(raw[index], type, (int) (position % width));
      hits++;
      position += 1 + skip(random);
    }
    return hits;
  }

  /** The same for {@code int} codes (the trainer's form). */
  public int inject(int[] raw, FixedType type, RandomGenerator random) {
    if (rate == 0 || raw.length == 0) {
      return 0;
    }
    int width = type.width();
    long bits = (long) raw.length * width;
    int hits = 0;
    long position = skip(random);
    while (position < bits) {
      int index = (int) (position / width);
      raw[index] = (int) hit(raw[index], type, (int) (position % width));
      hits++;
      position += 1 + skip(random);
    }
    return hits;
  }

  /** {@code network} with this model's weight faults applied (persistent faults in weight storage). */
  public Network injectWeights(Network network, RandomGenerator random) {
    if (!hits(Site.WEIGHTS)) {
      return network;
    }
    java.util.List<Layer> layers = new java.util.ArrayList<>();
    for (Layer layer : network.layers()) {
      if (layer instanceof Dense d) {
        long[][] w = d.weights();
        for (long[] row : w) {
          inject(row, d.weightType(), random);
        }
        layer = new Dense(d.name(), d.inputs(), d.outputs(), d.inputType(), d.weightType(), w, d.biasType(), d.bias(),
            d.accumulatorType(), d.accumulatorOverflow(), d.result(), d.sourceWeights(), d.sourceBias());
      }
      layers.add(layer);
    }
    return network.withLayers(layers);
  }

  /** The number of unhit bits before the next hit: geometric with success probability {@link #rate}. */
  private long skip(RandomGenerator random) {
    if (rate >= 1) {
      return 0;
    }
    double u = 1 - random.nextDouble(); // (0, 1]
    double gap = Math.floor(Math.log(u) / Math.log1p(-rate));
    return gap >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) gap;
  }

  private static long mask(int width) {
    return width >= 64 ? -1L : (1L << width) - 1;
  }
}
