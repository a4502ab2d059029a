package dev.gatewright.nn.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ranges are exact: every bound is reached by some input vector, and no value lies outside. */
class IntervalAnalysisTest {

  @Test
  void aLinearFormReachesItsBoundsAtTheCornersOfTheInputBox() {
    List<Interval> in = List.of(Interval.of(-8, 7), Interval.of(0, 15), Interval.of(3, 5));
    // 3·x0 - 2·x1 + x2: min 3·(-8) - 2·15 + 3, max 3·7 - 0 + 5
    assertEquals(Interval.of(-51, 26), IntervalAnalysis.range(new long[] {3, -2, 1}, in));
    assertEquals(Interval.point(0), IntervalAnalysis.range(new long[] {0, 0, 0}, in));
  }

  @Test
  void correlatedOperandsAreNotWidenedAsIntervalArithmeticWould() {
    List<Interval> in = List.of(Interval.of(-100, 100), Interval.of(0, 3));
    AdderNode sum = new AdderNode(Term.of(0), Term.of(1)); // v2 = x + y
    AdderNode difference = new AdderNode(Term.of(0), new Term(1, 0, true)); // v3 = x - y
    AdderNode twiceY = new AdderNode(Term.of(2), new Term(3, 0, true), 1); // v4 = (v2 - v3) >> 1 = y
    AdderGraph g = new AdderGraph(in, List.of(sum, difference, twiceY), List.of(Optional.of(Term.of(4))));
    // interval arithmetic would say [-100, 103] - [-103, 100] = [-200, 206]
    assertEquals(Interval.of(0, 3), g.range(4));
    assertEquals(2, g.width(4));
    assertEquals(Interval.of(-100, 103), g.range(2));
    assertEquals(Interval.of(-103, 100), g.range(3));
  }

  @Test
  void everySourceOfASolvedGraphTakesExactlyItsRangeOverAllInputVectors() {
    List<Interval> in = List.of(Interval.of(-4, 3), Interval.of(0, 7), Interval.of(-2, 2), Interval.of(5, 6));
    for (long seed = 0; seed < 20; seed++) {
      ConstantMatrix w = ConstantMatrix.random(5, 4, 5, 0.2, seed);
      AdderGraph g = CmvmSolver.solve(w, in, CmvmOptions.DEFAULT);
      long[] min = new long[g.sourceCount()];
      long[] max = new long[g.sourceCount()];
      java.util.Arrays.fill(min, Long.MAX_VALUE);
      java.util.Arrays.fill(max, Long.MIN_VALUE);
      for (long[] x : Vectors.all(in)) {
        long[] v = g.values(x);
        for (int s = 0; s < v.length; s++) {
          min[s] = Math.min(min[s], v[s]);
          max[s] = Math.max(max[s], v[s]);
        }
      }
      for (int s = 0; s < g.sourceCount(); s++) {
        assertEquals(g.range(s), Interval.of(min[s], max[s]), "source v" + s + " of\n" + g);
      }
      for (int o = 0; o < w.rows(); o++) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long[] x : Vectors.all(in)) {
          long y = g.evaluate(x)[o];
          lo = Math.min(lo, y);
          hi = Math.max(hi, y);
        }
        assertEquals(Interval.of(lo, hi), g.outputRange(o), "output " + o);
      }
    }
  }

  @Test
  void rejectsANodeThatDropsBitsThatAreNotAlwaysZero() {
    List<Interval> in = Collections.nCopies(2, Interval.of(-8, 7));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AdderGraph(in, List.of(new AdderNode(Term.of(0), Term.of(1), 1)), List.of()));
    assertEquals("node v2 = (v0 + v1) >> 1 drops 1 low bits that are not always zero", e.getMessage());
  }

  @Test
  void rejectsANodeThatReadsASourceComputedAfterIt() {
    List<Interval> in = Collections.nCopies(2, Interval.of(-8, 7));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AdderGraph(in, List.of(new AdderNode(Term.of(0), Term.of(2))), List.of()));
    assertEquals("node v2 = v0 + v2 reads v2, which is not computed before it", e.getMessage());
  }

  @Test
  void rejectsSumsBeyondSixtyThreeBits() {
    List<Interval> in = List.of(Interval.of(Long.MIN_VALUE / 4, Long.MAX_VALUE / 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CmvmSolver.solve(ConstantMatrix.of(new long[][] {{7}}), in, CmvmOptions.DEFAULT));
    assertEquals(true, e.getMessage().startsWith("row 0: a sum of products overflows 63 bits"), e.getMessage());
  }
}
