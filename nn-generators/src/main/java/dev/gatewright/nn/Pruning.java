package dev.gatewright.nn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Pruning masks ({@code true} = keep) for {@link Dense.Builder#mask}; deterministic. */
public final class Pruning {

  private Pruning() {}

  /**
   * Prunes the {@code floor(fraction × rows × cols)} weights of smallest magnitude in the whole matrix;
   * among equal magnitudes the one with the lower (row, column) position goes first.
   */
  public static boolean[][] magnitude(double[][] weights, double fraction) {
    checkFraction(fraction);
    int rows = weights.length;
    int cols = rows == 0 ? 0 : weights[0].length;
    List<int[]> positions = new ArrayList<>();
    for (int o = 0; o < rows; o++) {
      for (int i = 0; i < cols; i++) {
        positions.add(new int[] {o, i});
      }
    }
    positions.sort(Comparator.<int[]>comparingDouble(p -> Math.abs(weights[p[0]][p[1]])));
    return prune(rows, cols, positions, fraction);
  }

  /** Prunes {@code floor(fraction × rows × cols)} weights chosen uniformly at random from {@code seed}. */
  public static boolean[][] random(int rows, int cols, double fraction, long seed) {
    checkFraction(fraction);
    List<int[]> positions = new ArrayList<>();
    for (int o = 0; o < rows; o++) {
      for (int i = 0; i < cols; i++) {
        positions.add(new int[] {o, i});
      }
    }
    java.util.Collections.shuffle(positions, new Random(seed));
    return prune(rows, cols, positions, fraction);
  }

  private static boolean[][] prune(int rows, int cols, List<int[]> order, double fraction) {
    boolean[][] keep = new boolean[rows][cols];
    for (boolean[] row : keep) {
      java.util.Arrays.fill(row, true);
    }
    int count = (int) Math.floor(fraction * rows * cols);
    for (int k = 0; k < count; k++) {
      int[] p = order.get(k);
      keep[p[0]][p[1]] = false;
    }
    return keep;
  }

  private static void checkFraction(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("pruning fraction must be in [0, 1], not " + fraction);
    }
  }
}
