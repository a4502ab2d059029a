package dev.gatewright.sim;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * The input vectors of a co-simulation, made as they are applied (never all at once): vectors the user
 * gave, the corner cases of every input, and seeded random vectors. Each iteration yields the same
 * vectors, so a failing window can be replayed.
 */
final class VectorSource {

  /** More vectors than this is a mistake (at tens of millions of vectors a second, over an hour). */
  static final long MAX_VECTORS = 100_000_000_000L;

  private sealed interface Segment permits Given, Corners, Randoms {
    long count(int inputs);

    Iterator<PortValues> iterator(DesignPorts<?> ports, List<Port> dataInputs);
  }

  private record Given(List<PortValues> vectors) implements Segment {
    @Override
    public long count(int inputs) {
      return vectors.size();
    }

    @Override
    public Iterator<PortValues> iterator(DesignPorts<?> ports, List<Port> dataInputs) {
      return given(vectors, ports, dataInputs);
    }
  }

  private record Corners() implements Segment {
    @Override
    public long count(int inputs) {
      return (long) Corner.values().length * (inputs + 1);
    }

    @Override
    public Iterator<PortValues> iterator(DesignPorts<?> ports, List<Port> dataInputs) {
      return corners(ports, dataInputs);
    }
  }

  private record Randoms(long count, long seed) implements Segment {
    @Override
    public long count(int inputs) {
      return count;
    }

    @Override
    public Iterator<PortValues> iterator(DesignPorts<?> ports, List<Port> dataInputs) {
      return randoms(this, ports, dataInputs);
    }
  }

  private final List<Segment> segments = new ArrayList<>();
  private List<PortValues> open;

  void add(PortValues vector) {
    if (open == null) {
      open = new ArrayList<>();
      segments.add(new Given(open));
    }
    open.add(vector);
  }

  void corners() {
    open = null;
    segments.add(new Corners());
  }

  void random(long count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("randomVectors needs a count of 0 or more, not " + count);
    }
    if (count > MAX_VECTORS) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "randomVectors(%,d, ...) is more than the %,d vectors a co-simulation runs", count, MAX_VECTORS));
    }
    open = null;
    segments.add(new Randoms(count, seed));
  }

  /** Refuses given vectors that set any of {@code ports}, which the harness drives itself. */
  void refuse(java.util.Set<String> ports, String why) {
    for (Segment segment : segments) {
      if (segment instanceof Given given) {
        for (PortValues vector : given.vectors()) {
          for (String port : vector.byName().keySet()) {
            if (ports.contains(port)) {
              throw new IllegalStateException("a vector sets '" + port + "', " + why);
            }
          }
        }
      }
    }
  }

  boolean isEmpty(int inputs) {
    return count(inputs) == 0;
  }

  /** How many vectors there are, for a design with {@code inputs} data inputs. */
  long count(int inputs) {
    long total = 0;
    for (Segment segment : segments) {
      total += segment.count(inputs);
      if (total > MAX_VECTORS) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "the co-simulation was given more than the %,d vectors it runs", MAX_VECTORS));
      }
    }
    return total;
  }

  /**
   * The vectors in order; every vector has a value for each of {@code dataInputs} (0 where a given
   * vector leaves one out) and keeps any other value it was given.
   */
  Iterator<PortValues> iterator(DesignPorts<?> ports, List<Port> dataInputs) {
    List<Iterator<PortValues>> parts = new ArrayList<>();
    for (Segment segment : segments) {
      parts.add(segment.iterator(ports, dataInputs));
    }
    return new Iterator<>() {
      int part;

      @Override
      public boolean hasNext() {
        while (part < parts.size() && !parts.get(part).hasNext()) {
          part++;
        }
        return part < parts.size();
      }

      @Override
      public PortValues next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return parts.get(part).next();
      }
    };
  }

  private static Iterator<PortValues> given(List<PortValues> vectors, DesignPorts<?> ports, List<Port> dataInputs) {
    Iterator<PortValues> each = vectors.iterator();
    return generated(vectors.size(), i -> {
      PortValues vector = each.next();
      Map<String, BigInteger> values = new LinkedHashMap<>();
      for (Port port : dataInputs) {
        BigInteger value = vector.raw(port.name());
        values.put(port.name(), value == null ? BigInteger.ZERO : value);
      }
      vector.byName().forEach(values::putIfAbsent);
      return PortValues.of(ports, values);
    });
  }

  private static Iterator<PortValues> corners(DesignPorts<?> ports, List<Port> inputs) {
    int perCorner = inputs.size() + 1;
    return generated((long) Corner.values().length * perCorner, i -> {
      Corner corner = Corner.values()[(int) (i / perCorner)];
      int alone = (int) (i % perCorner) - 1;
      Map<String, BigInteger> values = new LinkedHashMap<>();
      for (int p = 0; p < inputs.size(); p++) {
        Port port = inputs.get(p);
        values.put(port.name(), alone < 0 || alone == p ? corner.of(port.type()) : BigInteger.ZERO);
      }
      return PortValues.of(ports, values);
    });
  }

  private static Iterator<PortValues> randoms(Randoms spec, DesignPorts<?> ports, List<Port> inputs) {
    Random random = new Random(spec.seed());
    return generated(spec.count(), i -> {
      Map<String, BigInteger> values = new LinkedHashMap<>();
      for (Port port : inputs) {
        values.put(port.name(), new BigInteger(port.type().width(), random));
      }
      return PortValues.of(ports, values);
    });
  }

  private interface Maker {
    PortValues make(long index);
  }

  private static Iterator<PortValues> generated(long count, Maker maker) {
    return new Iterator<>() {
      long next;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public PortValues next() {
        if (next >= count) {
          throw new NoSuchElementException();
        }
        return maker.make(next++);
      }
    };
  }

  /** Corner values: every input alone and all inputs together. */
  private enum Corner {
    MOST_NEGATIVE, MOST_POSITIVE, ZERO, ALL_ONES;

    BigInteger of(HdlType<?> type) {
      int w = type.width();
      BigInteger ones = Eval.mask(w);
      return switch (this) {
        case ZERO -> BigInteger.ZERO;
        case ALL_ONES -> ones;
        case MOST_NEGATIVE -> type.isSigned() ? BigInteger.ONE.shiftLeft(w - 1) : BigInteger.ZERO;
        case MOST_POSITIVE -> type.isSigned() ? ones.shiftRight(1) : ones;
      };
    }
  }
}
