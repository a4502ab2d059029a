package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.FixedType.sfix;
import static dev.gatewright.hdl.FixedType.ufix;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Quantizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Dense layers with seeded random constant matrices of the shapes a shared adder graph must get right:
 * sizes, signs, sparsity, duplicate and zero rows and columns, rows equal up to sign and shift, and the
 * precisions around them (signed and unsigned inputs, every accumulator overflow mode, rounding and
 * saturating results).
 */
final class RandomLayers {

  private RandomLayers() {}

  /** A named layer for parameterized tests. */
  record Case(String name, Dense layer) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Weights of {@code bits} bits, a {@code zeros} fraction of them zero, with the structure {@code shape}. */
  static long[][] matrix(int rows, int columns, int bits, double zeros, String shape, long seed) {
    Random random = new Random(seed);
    long[][] w = new long[rows][columns];
    long span = 1L << bits;
    long lowest = -(1L << (bits - 1));
    for (long[] row : w) {
      for (int c = 0; c < columns; c++) {
        row[c] = random.nextDouble() < zeros ? 0 : lowest + Math.floorMod(random.nextLong(), span);
      }
    }
    switch (shape) {
      case "plain" -> { }
      case "duplicates" -> {
        // row 1 repeats row 0, row 2 is -row 0, row 3 is 2 * row 0 where that fits; column 1 repeats column 0
        for (int c = 0; c < columns && rows > 3; c++) {
          w[1][c] = w[0][c];
          w[2][c] = -w[0][c] >= lowest && -w[0][c] < -lowest ? -w[0][c] : w[0][c];
          w[3][c] = 2 * w[0][c] >= lowest && 2 * w[0][c] < -lowest ? 2 * w[0][c] : 0;
        }
        for (long[] row : w) {
          if (columns > 1) {
            row[1] = row[0];
          }
        }
      }
      case "zero rows and columns" -> {
        for (int c = 0; c < columns; c++) {
          w[0][c] = 0;
          w[rows - 1][c] = 0;
        }
        for (long[] row : w) {
          row[columns / 2] = 0;
        }
      }
      case "one sign" -> {
        for (long[] row : w) {
          for (int c = 0; c < columns; c++) {
            row[c] = Math.abs(row[c]) >= span / 2 ? span / 2 - 1 : Math.abs(row[c]);
          }
        }
      }
      case "powers of two" -> {
        for (long[] row : w) {
          for (int c = 0; c < columns; c++) {
            row[c] = row[c] == 0 ? 0 : Long.signum(row[c]) * Long.highestOneBit(Math.max(1, Math.abs(row[c]) / 2));
          }
        }
      }
      default -> throw new IllegalArgumentException("no matrix shape " + shape);
    }
    return w;
  }

  static Dense layer(String name, long[][] weights, int bits, FixedType in, FixedType bias, FixedType acc,
      Overflow accOverflow, Quantizer result, long seed) {
    Random random = new Random(seed * 31 + 7);
    long[] b = new long[weights.length];
    for (int o = 0; o < b.length; o++) {
      b[o] = bias.minRaw().longValue() + random.nextInt((int) (bias.maxRaw().longValue() - bias.minRaw().longValue() + 1));
    }
    Dense.Builder builder = Dense.builder(name, weights.length).rawWeights(weights).rawBias(b)
        .weightType(sfix(bits, bits - 1)).biasType(bias).result(result);
    if (acc != null) {
      builder.accumulator(acc, accOverflow);
    }
    return builder.build(weights[0].length, in);
  }

  /** Layers over every shape and the precisions around them. */
  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    Quantizer s16 = new Quantizer(sfix(16, 10), Rounding.TRUNCATE, Overflow.SATURATE);
    Quantizer u6 = new Quantizer(ufix(6, 6), Rounding.HALF_EVEN, Overflow.SATURATE);
    long seed = 1;
    for (String shape : List.of("plain", "duplicates", "zero rows and columns", "one sign", "powers of two")) {
      cases.add(new Case(shape + ", 8x6 signed in", layer("fc", matrix(8, 6, 6, 0.3, shape, seed++), 6, sfix(8, 5),
          sfix(6, 5), null, Overflow.WRAP, s16, seed)));
      cases.add(new Case(shape + ", 6x10 unsigned in", layer("fc", matrix(6, 10, 5, 0.5, shape, seed++), 5,
          ufix(6, 6), sfix(5, 4), null, Overflow.WRAP, u6, seed)));
    }
    cases.add(new Case("dense 1-bit weights 12x12", layer("fc", matrix(12, 12, 2, 0, "plain", 40), 2, sfix(4, 0),
        sfix(2, 0), null, Overflow.WRAP, Quantizer.of(sfix(8, 0)), 40)));
    cases.add(new Case("sparse 90% 16x20", layer("fc", matrix(16, 20, 8, 0.9, "plain", 41), 8, sfix(10, 4),
        sfix(8, 7), null, Overflow.WRAP, s16, 41)));
    cases.add(new Case("one output", layer("fc", matrix(1, 7, 6, 0.2, "plain", 42), 6, sfix(8, 5), sfix(6, 5), null,
        Overflow.WRAP, s16, 42)));
    cases.add(new Case("one input", layer("fc", matrix(5, 1, 6, 0, "plain", 43), 6, sfix(8, 5), sfix(6, 5), null,
        Overflow.WRAP, s16, 43)));
    for (Overflow overflow : Overflow.values()) {
      cases.add(new Case("narrow accumulator " + overflow, layer("fc", matrix(6, 8, 6, 0.3, "plain", 50), 6,
          sfix(8, 4), sfix(6, 5), sfix(12, 9), overflow, new Quantizer(sfix(8, 4), Rounding.HALF_EVEN, Overflow.SATURATE),
          50)));
    }
    cases.add(new Case("accumulator finer than the products", layer("fc", matrix(6, 8, 6, 0.3, "plain", 51), 6,
        sfix(8, 4), sfix(6, 5), sfix(24, 12), Overflow.WRAP, new Quantizer(sfix(8, 3), Rounding.HALF_UP, Overflow.WRAP),
        51)));
    cases.add(new Case("symmetric saturation of the result", layer("fc", matrix(6, 8, 6, 0.3, "plain", 52), 6,
        sfix(8, 4), sfix(6, 5), null, Overflow.WRAP,
        new Quantizer(sfix(6, 3), Rounding.TRUNCATE_TO_ZERO, Overflow.SATURATE_SYMMETRIC), 52)));
    return cases;
  }

  /** A layer whose accumulator keeps fewer fraction bits than its products: golden floors each product. */
  static Dense coarseAccumulator(Overflow overflow) {
    return layer("coarse", matrix(5, 6, 6, 0.3, "plain", 60), 6, sfix(8, 5), sfix(6, 5), sfix(9, 7), overflow,
        new Quantizer(sfix(10, 6), Rounding.HALF_EVEN, Overflow.SATURATE), 60);
  }
}
