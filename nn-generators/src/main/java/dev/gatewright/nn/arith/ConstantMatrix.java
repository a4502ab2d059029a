package dev.gatewright.nn.arith;

import java.util.Arrays;
import java.util.Random;

/**
 * An integer matrix of {@link #rows()} outputs by {@link #columns()} inputs: the constant {@code W} of
 * {@code y = W·x}. Immutable: the entries are copied in and out.
 */
public final class ConstantMatrix {

  /** Weights must leave room for shifts and sums in a {@code long}. */
  static final int MAX_ENTRY_BITS = 48;

  private final long[][] entries;

  private ConstantMatrix(long[][] entries) {
    this.entries = entries;
  }

  /** The matrix {@code entries[output][input]}; every row must have the same, nonzero, length. */
  public static ConstantMatrix of(long[][] entries) {
    if (entries.length == 0) {
      throw new IllegalArgumentException("a constant matrix needs at least one row");
    }
    int columns = entries[0].length;
    if (columns == 0) {
      throw new IllegalArgumentException("a constant matrix needs at least one column");
    }
    long[][] copy = new long[entries.length][];
    for (int r = 0; r < entries.length; r++) {
      if (entries[r].length != columns) {
        throw new IllegalArgumentException("row " + r + " has " + entries[r].length + " entries, row 0 has " + columns);
      }
      for (int c = 0; c < columns; c++) {
        long w = entries[r][c];
        if (Interval.signedBits(w) > MAX_ENTRY_BITS) {
          throw new IllegalArgumentException("entry [" + r + "][" + c + "] = " + w + " needs more than "
              + MAX_ENTRY_BITS + " bits");
        }
      }
      copy[r] = entries[r].clone();
    }
    return new ConstantMatrix(copy);
  }

  /**
   * A seeded random matrix: entries uniform over the {@code bits}-bit two's-complement range, each zero
   * with probability {@code zeroFraction}.
   */
  public static ConstantMatrix random(int rows, int columns, int bits, double zeroFraction, long seed) {
    if (bits < 1 || bits > MAX_ENTRY_BITS) {
      throw new IllegalArgumentException("bits must be 1.." + MAX_ENTRY_BITS + ", not " + bits);
    }
    Random random = new Random(seed);
    long[][] w = new long[rows][columns];
    long span = 1L << bits;
    long lowest = -(1L << (bits - 1));
    for (long[] row : w) {
      for (int c = 0; c < columns; c++) {
        row[c] = random.nextDouble() < zeroFraction ? 0 : lowest + Math.floorMod(random.nextLong(), span);
      }
    }
    return of(w);
  }

  public int rows() {
    return entries.length;
  }

  public int columns() {
    return entries[0].length;
  }

  public long get(int row, int column) {
    return entries[row][column];
  }

  /** Row {@code row} (a copy). */
  public long[] row(int row) {
    return entries[row].clone();
  }

  /** All entries {@code [row][column]} (a copy). */
  public long[][] toArray() {
    long[][] copy = new long[entries.length][];
    for (int r = 0; r < entries.length; r++) {
      copy[r] = entries[r].clone();
    }
    return copy;
  }

  public int nonzeros() {
    int count = 0;
    for (long[] row : entries) {
      for (long w : row) {
        count += w != 0 ? 1 : 0;
      }
    }
    return count;
  }

  /** Nonzero digits of all entries' canonical signed-digit forms. */
  public int csdDigits() {
    int count = 0;
    for (long[] row : entries) {
      for (long w : row) {
        count += Csd.nonzeroDigits(w);
      }
    }
    return count;
  }

  /** {@code W·x}, exactly (for inputs whose products and sums fit a {@code long}). */
  public long[] times(long[] x) {
    if (x.length != columns()) {
      throw new IllegalArgumentException("expected " + columns() + " inputs, got " + x.length);
    }
    long[] y = new long[rows()];
    for (int r = 0; r < y.length; r++) {
      long sum = 0;
      for (int c = 0; c < x.length; c++) {
        sum = Math.addExact(sum, Math.multiplyExact(entries[r][c], x[c]));
      }
      y[r] = sum;
    }
    return y;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConstantMatrix m && Arrays.deepEquals(entries, m.entries);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(entries);
  }

  @Override
  public String toString() {
    return rows() + "x" + columns() + " matrix, " + nonzeros() + " nonzero entries, " + csdDigits() + " CSD digits";
  }
}
