package dev.gatewright.nn.arith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The shared adder graph computes {@code W·x} exactly, shares what it can, and is reproducible. */
class CmvmSolverTest {

  static final Interval S16 = Interval.of(-32768, 32767);

  /** A named test matrix with its input ranges. */
  record Case(String name, ConstantMatrix w, List<Interval> inputs) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> matrices() {
    List<Case> cases = new ArrayList<>();
    Random random = new Random(13);
    int[][] shapes = {{1, 1}, {1, 16}, {16, 1}, {5, 7}, {8, 8}, {64, 16}, {32, 64}, {3, 40}};
    int[] bits = {1, 2, 6, 16};
    double[] zeros = {0, 0.5, 0.9};
    int k = 0;
    for (int[] shape : shapes) {
      for (int b : bits) {
        for (double z : zeros) {
          if (shape[0] * shape[1] > 512 && (b != 6 || z != 0.5)) {
            continue; // the large shapes only at the jet tagger's precision
          }
          ConstantMatrix w = ConstantMatrix.random(shape[0], shape[1], b, z, 1000 + k++);
          cases.add(new Case(shape[0] + "x" + shape[1] + " " + b + "-bit " + (int) (z * 100) + "% zero", w,
              randomRanges(shape[1], random)));
        }
      }
    }
    cases.add(new Case("duplicate, negated and shifted rows and columns", withDuplicates(12, 10, 21),
        randomRanges(10, random)));
    cases.add(new Case("zero rows and columns", withZeroLines(9, 11, 22), randomRanges(11, random)));
    cases.add(new Case("all zero", ConstantMatrix.of(new long[4][3]), randomRanges(3, random)));
    cases.add(new Case("most negative weights", ConstantMatrix.of(new long[][] {{-32768, -32768}, {-32768, 32767}}),
        List.of(S16, S16)));
    return cases.stream();
  }

  /** Ranges like fixed-point types': signed or unsigned, 1 to 16 bits, sometimes a narrower subrange. */
  static List<Interval> randomRanges(int n, Random random) {
    List<Interval> ranges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int bits = 1 + random.nextInt(16);
      boolean signed = random.nextBoolean();
      long min = signed ? -(1L << (bits - 1)) : 0;
      long max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
      if (random.nextInt(4) == 0 && max > min + 2) {
        min += random.nextInt(2);
        max -= random.nextInt(2);
      }
      ranges.add(Interval.of(min, max));
    }
    return ranges;
  }

  static ConstantMatrix withDuplicates(int rows, int columns, long seed) {
    long[][] w = ConstantMatrix.random(rows, columns, 6, 0.3, seed).toArray();
    for (int c = 0; c < columns; c++) {
      w[3][c] = w[1][c];           // a duplicate row
      w[5][c] = -w[1][c];          // a negated duplicate
      w[7][c] = 4 * w[2][c];       // a shifted duplicate
      w[9][c] = -2 * w[2][c];      // both
    }
    for (long[] row : w) {
      row[4] = row[0];             // a duplicate column
      row[6] = -row[0];            // a negated duplicate column
      row[8] = 2 * row[1];         // a shifted duplicate column
    }
    return ConstantMatrix.of(w);
  }

  static ConstantMatrix withZeroLines(int rows, int columns, long seed) {
    long[][] w = ConstantMatrix.random(rows, columns, 6, 0.2, seed).toArray();
    java.util.Arrays.fill(w[0], 0);
    java.util.Arrays.fill(w[rows - 1], 0);
    for (long[] row : w) {
      row[2] = 0;
      row[columns - 1] = 0;
    }
    return ConstantMatrix.of(w);
  }

  static AdderGraph checkComputesWTimesX(Case c, CmvmOptions options) {
    AdderGraph g = CmvmSolver.solve(c.w(), c.inputs(), options);
    assertArrayEquals(c.w().toArray(), g.matrix(), "the linear forms of the outputs");
    Random random = new Random(7);
    List<long[]> vectors = new ArrayList<>(Vectors.corners(c.inputs(), 20, random));
    vectors.addAll(Vectors.random(c.inputs(), 50, random));
    for (long[] x : vectors) {
      assertArrayEquals(c.w().times(x), g.evaluate(x), () -> "x = " + java.util.Arrays.toString(x));
      long[] v = g.values(x);
      for (int s = 0; s < v.length; s++) {
        assertTrue(g.range(s).contains(v[s]), "v" + s + " = " + v[s] + " outside " + g.range(s));
      }
    }
    return g;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrices")
  void computesWTimesXExactlyOnCornerAndRandomVectors(Case c) {
    checkComputesWTimesX(c, CmvmOptions.DEFAULT);
    checkComputesWTimesX(c, CmvmOptions.DEFAULT.unboundedDepth().withSelection(CmvmOptions.Selection.MOST_BITS_SAVED));
  }

  @Test
  void computesWTimesXForEveryVectorOfSmallInputs() {
    List<Interval> in = List.of(Interval.of(-8, 7), Interval.of(0, 15), Interval.of(-3, 3), Interval.of(-1, 0));
    for (long seed = 0; seed < 30; seed++) {
      ConstantMatrix w = ConstantMatrix.random(6, 4, 1 + (int) (seed % 8), 0.25, seed);
      AdderGraph g = CmvmSolver.solve(w, in, CmvmOptions.DEFAULT);
      for (long[] x : Vectors.all(in)) {
        assertArrayEquals(w.times(x), g.evaluate(x));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrices")
  void neverNeedsMoreAddersThanPerWeightCsdAndStaysWithinItsDepthBound(Case c) {
    AdderGraph csd = CsdBaseline.build(c.w(), c.inputs());
    assertArrayEquals(c.w().toArray(), csd.matrix());
    for (int extra : new int[] {0, 1, 3}) {
      AdderGraph g = CmvmSolver.solve(c.w(), c.inputs(), CmvmOptions.DEFAULT.withExtraDepth(extra));
      assertTrue(g.adders() <= csd.adders(), g.adders() + " adders, CSD " + csd.adders());
      assertTrue(g.depth() <= shallowest(c.w()) + extra, "depth " + g.depth() + " > " + shallowest(c.w()) + " + " + extra);
    }
  }

  /** The depth of the balanced tree over each row's signed digits, deepest row. */
  static int shallowest(ConstantMatrix w) {
    int depth = 0;
    for (int r = 0; r < w.rows(); r++) {
      int digits = 0;
      for (long v : w.row(r)) {
        digits += Csd.nonzeroDigits(v);
      }
      depth = Math.max(depth, 32 - Integer.numberOfLeadingZeros(Math.max(digits, 1) - 1));
    }
    return depth;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrices")
  void perWeightCsdWithMergedProductsComputesWTimesXWithNoMoreAddersThanWithout(Case c) {
    AdderGraph merged = CsdBaseline.withMergedProducts(c.w(), c.inputs());
    assertArrayEquals(c.w().toArray(), merged.matrix());
    assertTrue(merged.adders() <= CsdBaseline.build(c.w(), c.inputs()).adders());
  }

  @Test
  void mergingProductsBuildsEachDistinctWeightOfAnInputOnce() {
    // 7·x0 in both rows: one multiplier (x0 - (x0 << 3), negated), two row adders
    long[][] w = {{7, 1}, {7, -1}};
    List<Interval> in = Collections.nCopies(2, S16);
    assertEquals(3, CsdBaseline.withMergedProducts(ConstantMatrix.of(w), in).adders());
    assertEquals(4, CsdBaseline.build(ConstantMatrix.of(w), in).adders());
  }

  @Test
  void sharingSavesAtLeastAThirdOfTheAdderBitsOfPerWeightCsdOnJetTaggerSizedLayers() {
    for (int[] shape : new int[][] {{64, 16}, {32, 64}, {32, 32}}) {
      ConstantMatrix w = ConstantMatrix.random(shape[0], shape[1], 6, 0.5, shape[0] * 100L + shape[1]);
      List<Interval> in = Collections.nCopies(shape[1], S16);
      AdderGraph shared = CmvmSolver.solve(w, in, CmvmOptions.DEFAULT);
      AdderGraph csd = CsdBaseline.build(w, in);
      double ratio = (double) shared.adderBits() / csd.adderBits();
      assertTrue(ratio < 0.67, shape[0] + "x" + shape[1] + ": " + shared.adderBits() + " adder bits vs CSD "
          + csd.adderBits() + " (" + ratio + ")");
      long merged = CsdBaseline.withMergedProducts(w, in).adderBits();
      assertTrue(shared.adderBits() < 0.85 * merged, shared.adderBits() + " adder bits vs merged CSD " + merged);
      assertTrue(shared.depth() <= csd.depth());
    }
  }

  @Test
  void rowsThatDifferOnlyBySignAndAPowerOfTwoAreComputedOnce() {
    long[] row = {5, -3, 7, 0, 11};
    long[][] w = {row, negate(row), times(row, 8), times(row, -2), {0, 0, 0, 0, 0}};
    List<Interval> in = Collections.nCopies(5, S16);
    AdderGraph all = CmvmSolver.solve(ConstantMatrix.of(w), in, CmvmOptions.DEFAULT);
    AdderGraph one = CmvmSolver.solve(ConstantMatrix.of(new long[][] {row}), in, CmvmOptions.DEFAULT);
    assertEquals(one.adders(), all.adders());
    Term y0 = all.outputs().get(0).orElseThrow();
    assertEquals(new Term(y0.source(), 0, false), y0);
    assertEquals(new Term(y0.source(), 0, true), all.outputs().get(1).orElseThrow());
    assertEquals(new Term(y0.source(), 3, false), all.outputs().get(2).orElseThrow());
    assertEquals(new Term(y0.source(), 1, true), all.outputs().get(3).orElseThrow());
    assertEquals(Optional.empty(), all.outputs().get(4));
  }

  @Test
  void duplicateColumnsAreAddedOnceAndThenTreatedAsOneInput() {
    ConstantMatrix w = ConstantMatrix.random(16, 6, 6, 0.2, 5);
    long[][] doubled = new long[16][7];
    for (int r = 0; r < 16; r++) {
      System.arraycopy(w.row(r), 0, doubled[r], 0, 6);
      doubled[r][6] = w.get(r, 2);
    }
    List<Interval> in = Collections.nCopies(7, S16);
    AdderGraph g = CmvmSolver.solve(ConstantMatrix.of(doubled), in, CmvmOptions.DEFAULT);
    AdderGraph without = CmvmSolver.solve(w, in.subList(0, 6), CmvmOptions.DEFAULT);
    assertTrue(g.adders() <= without.adders() + 1, g.adders() + " adders, " + without.adders() + " without the copy");
  }

  @Test
  void aSingleColumnIsMultipleConstantMultiplicationOfOneInput() {
    long[][] w = {{3}, {5}, {7}, {11}, {13}, {-21}, {45}, {0}, {1}, {-64}};
    List<Interval> in = List.of(Interval.of(-128, 127));
    AdderGraph g = checkComputesWTimesX(new Case("mcm", ConstantMatrix.of(w), in), CmvmOptions.DEFAULT);
    assertTrue(g.adders() <= CsdBaseline.build(ConstantMatrix.of(w), in).adders());
    // a power of two (1, -64) is the input itself, shifted and negated: no adder
    assertEquals(Optional.of(new Term(0, 6, true)), g.outputs().get(9));
    assertEquals(Optional.of(Term.of(0)), g.outputs().get(8));
  }

  @Test
  void sameMatrixAndRangesGiveTheSameGraph() {
    ConstantMatrix w = ConstantMatrix.random(32, 32, 6, 0.5, 99);
    List<Interval> in = Collections.nCopies(32, S16);
    for (CmvmOptions options : List.of(CmvmOptions.DEFAULT, CmvmOptions.DEFAULT.unboundedDepth(),
        CmvmOptions.DEFAULT.withSelection(CmvmOptions.Selection.MOST_BITS_SAVED))) {
      AdderGraph first = CmvmSolver.solve(w, in, options);
      AdderGraph second = CmvmSolver.solve(ConstantMatrix.of(w.toArray()), List.copyOf(in), options);
      assertEquals(first.nodes(), second.nodes());
      assertEquals(first.outputs(), second.outputs());
      assertEquals(first.toString(), second.toString());
    }
  }

  @Test
  void everyNodeIsUsed() {
    ConstantMatrix w = ConstantMatrix.random(24, 20, 8, 0.4, 3);
    AdderGraph g = CmvmSolver.solve(w, Collections.nCopies(20, S16), CmvmOptions.DEFAULT);
    List<Integer> live = g.liveSources();
    for (int s = g.inputCount(); s < g.sourceCount(); s++) {
      assertTrue(live.contains(s), "v" + s + " is computed but never read");
    }
  }

  @Test
  void narrowerInputsMakeNarrowerAdders() {
    ConstantMatrix w = ConstantMatrix.random(16, 16, 6, 0.5, 4);
    AdderGraph wide = CmvmSolver.solve(w, Collections.nCopies(16, S16), CmvmOptions.DEFAULT);
    AdderGraph narrow = CmvmSolver.solve(w, Collections.nCopies(16, Interval.of(0, 63)), CmvmOptions.DEFAULT);
    assertTrue(narrow.adderBits() < wide.adderBits() / 2, narrow.adderBits() + " vs " + wide.adderBits());
  }

  @Test
  void rejectsInputRangesThatDoNotMatchTheColumns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CmvmSolver.solve(ConstantMatrix.of(new long[][] {{1, 2}}), List.of(S16), CmvmOptions.DEFAULT));
    assertEquals("a 1x2 matrix needs 2 input ranges, not 1", e.getMessage());
  }

  @Test
  void rejectsARaggedMatrix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConstantMatrix.of(new long[][] {{1, 2}, {3}}));
    assertEquals("row 1 has 1 entries, row 0 has 2", e.getMessage());
    assertFalse(e.getMessage().isEmpty());
  }

  @Test
  void optionsRejectANegativeDepthAllowance() {
    assertThrows(IllegalArgumentException.class,
        () -> new CmvmOptions(CmvmOptions.Selection.MOST_FREQUENT, OptionalInt.of(-1)));
  }

  static long[] negate(long[] row) {
    return times(row, -1);
  }

  static long[] times(long[] row, long factor) {
    long[] out = new long[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = row[i] * factor;
    }
    return out;
  }

}
