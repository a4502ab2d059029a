package dev.gatewright.nn.arith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each output of a shared adder graph, expanded into the terms of the shared values it reads, sums to the
 * same linear form of the inputs; no leaf is an adder only that output reads, and no leaf is deeper than asked.
 */
class OutputSumsTest {

  static java.util.stream.Stream<CmvmSolverTest.Case> matrices() {
    return CmvmSolverTest.matrices();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrices")
  void theLeafTermsOfEveryOutputSumToItsRowOfTheMatrix(CmvmSolverTest.Case c) {
    AdderGraph graph = CmvmSolver.solve(c.w(), c.inputs(), CmvmOptions.DEFAULT);
    long[][] w = graph.matrix();
    for (int depth : new int[] {0, 1, 2, OutputSums.ANY_DEPTH}) {
      OutputSums sums = OutputSums.of(graph, depth);
      assertEquals(w.length, sums.terms().size());
      for (int o = 0; o < w.length; o++) {
        long[] form = new long[graph.inputCount()];
        for (Term t : sums.terms().get(o)) {
          long[] leaf = graph.coefficients(t.source());
          for (int i = 0; i < form.length; i++) {
            form[i] += (t.negated() ? -1 : 1) * (leaf[i] << t.shift());
          }
          assertTrue(sums.live().contains(t.source()), c + ": leaf v" + t.source() + " is computed");
          assertTrue(graph.isInput(t.source()) || graph.depth(t.source()) <= depth,
              c + ": leaf v" + t.source() + " is " + graph.depth(t.source()) + " deep, more than " + depth);
        }
        assertArrayEquals(w[o], form, c + ", shared depth " + depth + ": output " + o);
        assertEquals(graph.outputs().get(o).isEmpty(), sums.terms().get(o).isEmpty(), c + ": zero row " + o);
      }
      assertTrue(sums.leafDepth(graph) <= depth);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrices")
  void anAdderReadOnceIsPartOfItsReadersSumNotALeaf(CmvmSolverTest.Case c) {
    AdderGraph graph = CmvmSolver.solve(c.w(), c.inputs(), CmvmOptions.DEFAULT);
    int[] readers = new int[graph.sourceCount()];
    for (AdderNode n : graph.nodes()) {
      readers[n.left().source()]++;
      readers[n.right().source()]++;
    }
    for (Optional<Term> t : graph.outputs()) {
      t.ifPresent(term -> readers[term.source()]++);
    }
    OutputSums sums = OutputSums.of(graph, OutputSums.ANY_DEPTH);
    for (List<Term> sum : sums.terms()) {
      for (Term t : sum) {
        assertTrue(graph.isInput(t.source()) || readers[t.source()] > 1 || graph.node(t.source()).dropped() > 0,
            c + ": v" + t.source() + " has one reader and is still a leaf");
      }
    }
  }
}
