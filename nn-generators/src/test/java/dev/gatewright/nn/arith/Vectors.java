package dev.gatewright.nn.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Input vectors for tests: every vector of a small box, its corners, random points. */
final class Vectors {

  private Vectors() {}

  /** Every vector with {@code x_i} in {@code ranges[i]} (keep the box small). */
  static List<long[]> all(List<Interval> ranges) {
    List<long[]> out = new ArrayList<>();
    long[] x = new long[ranges.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = ranges.get(i).min();
    }
    while (true) {
      out.add(x.clone());
      int i = 0;
      while (i < x.length && x[i] == ranges.get(i).max()) {
        x[i] = ranges.get(i).min();
        i++;
      }
      if (i == x.length) {
        return out;
      }
      x[i]++;
    }
  }

  /** The all-min and all-max vectors, alternating extremes, and {@code count} random corners. */
  static List<long[]> corners(List<Interval> ranges, int count, Random random) {
    List<long[]> out = new ArrayList<>();
    int n = ranges.size();
    for (int pattern = 0; pattern < 4; pattern++) {
      long[] x = new long[n];
      for (int i = 0; i < n; i++) {
        boolean high = switch (pattern) {
          case 0 -> false;
          case 1 -> true;
          case 2 -> i % 2 == 0;
          default -> i % 2 == 1;
        };
        x[i] = high ? ranges.get(i).max() : ranges.get(i).min();
      }
      out.add(x);
    }
    for (int k = 0; k < count; k++) {
      long[] x = new long[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextBoolean() ? ranges.get(i).max() : ranges.get(i).min();
      }
      out.add(x);
    }
    return out;
  }

  /** {@code count} vectors uniform over the box. */
  static List<long[]> random(List<Interval> ranges, int count, Random random) {
    List<long[]> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      long[] x = new long[ranges.size()];
      for (int i = 0; i < x.length; i++) {
        Interval r = ranges.get(i);
        x[i] = r.min() + Math.floorMod(random.nextLong(), r.max() - r.min() + 1);
      }
      out.add(x);
    }
    return out;
  }
}
