package dev.gatewright.nn.dataflow;

import dev.gatewright.nn.Thresholds;
import java.util.Arrays;

/** The period after which a layer's per-value parameters repeat (for a feature map: its channels). */
final class Periods {

  private Periods() {}

  /** The least {@code p} dividing the size such that row, base and step of value {@code e} equal those of {@code e mod p}. */
  static int ofRows(Thresholds t) {
    long[][] rows = t.thresholds();
    long[] base = t.base();
    long[] step = t.step();
    for (int p : Folding.divisorList(t.size())) {
      boolean repeats = true;
      for (int e = p; e < t.size() && repeats; e++) {
        repeats = base[e] == base[e % p] && step[e] == step[e % p] && Arrays.equals(rows[e], rows[e % p]);
      }
      if (repeats) {
        return p;
      }
    }
    return t.size();
  }
}
