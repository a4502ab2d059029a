package dev.gatewright.pipeline;

import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.VectorPorts;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * The input vectors a network build is verified on, as packed {@code x} port values, made one at a time
 * as they are iterated (never held all at once): {@value #CORNERS} corner cases (every input most
 * negative, most positive, zero, alternating most negative and most positive), then {@code random}
 * vectors of uniformly random bits, reproducible from the seed.
 */
final class InputVectors implements Iterable<BigInteger> {

  static final int CORNERS = 4;

  private final Network network;
  private final long random;
  private final long seed;

  InputVectors(Network network, long random, long seed) {
    this.network = network;
    this.random = random;
    this.seed = seed;
  }

  /** Corner cases and random vectors together. */
  long count() {
    return CORNERS + random;
  }

  @Override
  public Iterator<BigInteger> iterator() {
    return new Iterator<>() {
      private final Random bits = new Random(seed);
      private long next;

      @Override
      public boolean hasNext() {
        return next < count();
      }

      @Override
      public BigInteger next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long index = next++;
        return index < CORNERS ? corner((int) index)
            : new BigInteger(network.inputs() * network.inputType().width(), bits);
      }
    };
  }

  private BigInteger corner(int which) {
    int n = network.inputs();
    long min = network.inputType().minRaw().longValueExact();
    long max = network.inputType().maxRaw().longValueExact();
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = switch (which) {
        case 0 -> min;
        case 1 -> max;
        case 2 -> 0;
        default -> i % 2 == 0 ? min : max;
      };
    }
    return VectorPorts.pack(values, network.inputType());
  }
}
