package dev.gatewright.hdl.elab;

import java.util.Arrays;

/**
 * Which node now stands for which: a pass that replaces a node records it here instead of editing every
 * reader; {@link Compaction} applies the replacements when it renumbers the graph.
 */
final class Rewrites {

  private int[] forward = new int[0];
  private int replaced;

  /** From now on, {@code to} stands wherever {@code from} was read. */
  void replace(int from, int to) {
    if (from >= forward.length) {
      int old = forward.length;
      forward = Arrays.copyOf(forward, Math.max(from + 1, old * 2 + 16));
      for (int i = old; i < forward.length; i++) {
        forward[i] = i;
      }
    }
    forward[from] = to;
    replaced++;
  }

  /** Whether no node was replaced. */
  boolean isEmpty() {
    return replaced == 0;
  }

  /** The node that stands for {@code id} after every replacement. */
  int resolve(int id) {
    int current = id;
    while (current < forward.length && forward[current] != current) {
      current = forward[current];
    }
    if (current != id && id < forward.length) {
      forward[id] = current;
    }
    return current;
  }

  boolean isReplaced(int id) {
    return id < forward.length && forward[id] != id;
  }
}
