package dev.gatewright.nn.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sums are hash-consed by value: a sum some source computes, up to shift and sign, costs no adder. */
class GraphBuilderTest {

  static final List<Interval> IN = Collections.nCopies(3, Interval.of(-128, 127));

  static Term x(int i) {
    return Term.of(i);
  }

  static Term minus(Term t) {
    return t.negate();
  }

  static Term shl(Term t, int bits) {
    return t.shiftedBy(bits);
  }

  @Test
  void aSumThatASourceComputesIsThatSourceShiftedAndNegated() {
    GraphBuilder g = new GraphBuilder(IN, true);
    Term sum = g.add(x(0), x(1), false).orElseThrow();
    assertEquals(new Term(3, 0, false), sum);
    // -(x1 << 2) - (x0 << 2) = -(v3 << 2)
    assertEquals(Optional.of(new Term(3, 2, true)), g.add(minus(shl(x(1), 2)), minus(shl(x(0), 2)), false));
    Term difference = g.add(x(0), minus(x(1)), false).orElseThrow();
    assertEquals(new Term(4, 0, false), difference);
    // x1 - x0 = -v4, and (x0 << 1) - (x1 << 1) = v4 << 1
    assertEquals(Optional.of(new Term(4, 0, true)), g.add(x(1), minus(x(0)), false));
    assertEquals(Optional.of(new Term(4, 1, false)), g.add(shl(x(0), 1), minus(shl(x(1), 1)), false));
    assertEquals(5, g.sourceCount(), "no adder beyond the first two");
  }

  @Test
  void aSumThatIsAnInputIsThatInput() {
    GraphBuilder g = new GraphBuilder(IN, true);
    Term sum = g.add(x(0), x(1), false).orElseThrow();
    Term difference = g.add(x(0), minus(x(1)), false).orElseThrow();
    assertEquals(Optional.of(new Term(1, 1, false)), g.add(sum, minus(difference), false)); // 2·x1
    assertEquals(Optional.of(new Term(0, 1, true)), g.add(minus(sum), minus(difference), false)); // -2·x0
    assertEquals(5, g.sourceCount());
  }

  @Test
  void anIdenticallyZeroSumIsNothing() {
    GraphBuilder g = new GraphBuilder(IN, true);
    assertEquals(Optional.empty(), g.add(shl(x(2), 3), minus(shl(x(2), 3)), false));
  }

  @Test
  void lowBitsThatAreAlwaysZeroAreDropped() {
    GraphBuilder g = new GraphBuilder(IN, true);
    Term a = g.add(g.add(x(0), x(1), false).orElseThrow(), x(2), false).orElseThrow(); // x0 + x1 + x2
    Term b = g.add(g.add(x(0), minus(x(1)), false).orElseThrow(), minus(x(2)), false).orElseThrow(); // x0 - x1 - x2
    Term twice = g.add(a, minus(b), false).orElseThrow(); // 2·(x1 + x2)
    assertEquals(1, twice.shift());
    AdderGraph graph = g.build(List.of(Optional.of(twice)));
    AdderNode node = graph.node(twice.source());
    assertEquals(1, node.dropped());
    assertEquals(Interval.of(-256, 254), graph.range(twice.source()));
    for (long[] x : Vectors.random(IN, 200, new java.util.Random(1))) {
      assertEquals(2 * (x[1] + x[2]), graph.evaluate(x)[0]);
    }
  }

  @Test
  void theNegationGoesWhereItIsCheaper() {
    GraphBuilder g = new GraphBuilder(IN, true);
    // (x1 << 3) - x0 needs a carry chain from bit 0; x0 - (x1 << 3) does not: build that, negated
    Term inner = g.add(minus(x(0)), shl(x(1), 3), false).orElseThrow();
    assertEquals(new Term(3, 0, true), inner);
    assertEquals(new AdderNode(x(0), minus(shl(x(1), 3))), g.build(List.of()).node(3));
    // an output asks for the positive form
    GraphBuilder h = new GraphBuilder(IN, true);
    Term output = h.add(minus(x(0)), shl(x(1), 3), true).orElseThrow();
    assertEquals(new Term(3, 0, false), output);
    assertEquals(new AdderNode(minus(x(0)), shl(x(1), 3)), h.build(List.of()).node(3));
  }

  @Test
  void withoutSharingEverySumIsAnAdderOfItsOwn() {
    GraphBuilder g = new GraphBuilder(IN, false);
    g.add(x(0), x(1), false);
    g.add(x(1), x(0), false);
    assertEquals(5, g.sourceCount());
    assertTrue(g.build(List.of()).adders() == 2);
  }
}
