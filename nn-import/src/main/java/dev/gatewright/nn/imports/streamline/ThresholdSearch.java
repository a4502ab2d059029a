package dev.gatewright.nn.imports.streamline;

import java.util.function.LongUnaryOperator;

/**
 * Turns a monotone step function of an integer into thresholds: for a function {@code level(r)} that takes
 * the values {@code min, min + step, …, max} and never decreases (or never increases) over {@code lo..hi},
 * finds {@code t[j]} such that {@code level(r) = base + stepOut · #{j : r ≥ t[j]}} for every {@code r} in
 * {@code lo..hi} — by binary search, so it is exact whatever the function is made of. A threshold of
 * {@code hi + 1} is never reached; one of {@code lo} always is.
 */
public final class ThresholdSearch {

  /** Thresholds (non-decreasing), the level below the first one and the change per threshold. */
  public record Result(long[] thresholds, long base, long step) {}

  private ThresholdSearch() {}

  public static Result search(LongUnaryOperator level, int direction, long lo, long hi, long min, long max, long step) {
    if (lo > hi || step <= 0 || max < min || (max - min) % step != 0) {
      throw new IllegalArgumentException("bad threshold search range");
    }
    int n = Math.toIntExact((max - min) / step);
    long[] t = new long[n];
    long from = lo;
    for (int j = 1; j <= n; j++) {
      long target = direction >= 0 ? min + j * step : max - j * step;
      long a = from;
      long b = hi + 1; // invariant: the condition is false below a (or a = from), true at b (or b = hi + 1)
      while (a < b) {
        long mid = (a & b) + ((a ^ b) >> 1); // the floor of the mean, without overflow
        long v = level.applyAsLong(mid);
        boolean reached = direction >= 0 ? v >= target : v <= target;
        if (reached) {
          b = mid;
        } else {
          a = mid + 1;
        }
      }
      t[j - 1] = a;
      from = a;
    }
    return direction >= 0 ? new Result(t, min, step) : new Result(t, max, -step);
  }

  /** A key for each finite double that orders like the doubles themselves (−0 before +0). */
  public static long key(double x) {
    long bits = Double.doubleToRawLongBits(x);
    return bits >= 0 ? bits : ~(bits & Long.MAX_VALUE);
  }

  /** The double of a {@link #key}. */
  public static double fromKey(long key) {
    return Double.longBitsToDouble(key >= 0 ? key : ~key | Long.MIN_VALUE);
  }

  /** The keys of the smallest and largest finite doubles. */
  public static long lowestKey() {
    return key(-Double.MAX_VALUE);
  }

  public static long highestKey() {
    return key(Double.MAX_VALUE);
  }
}
