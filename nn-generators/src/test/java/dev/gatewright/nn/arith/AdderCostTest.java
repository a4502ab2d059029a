package dev.gatewright.nn.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What one adder costs, as {@link AdderCost} defines it. */
class AdderCostTest {

  static final Interval S16 = Interval.of(-32768, 32767);
  static final Interval U6 = Interval.of(0, 63);

  static AdderGraph graph(List<Interval> inputs, AdderNode node) {
    return new AdderGraph(inputs, List.of(node), List.of(Optional.of(Term.of(inputs.size()))));
  }

  static int cells(List<Interval> inputs, AdderNode node) {
    return graph(inputs, node).adderBits(inputs.size());
  }

  static int chain(List<Interval> inputs, AdderNode node) {
    return graph(inputs, node).chainBits(inputs.size());
  }

  @Test
  void signedOperandsOverlapFromTheShiftedOnesLowestBitToTheTop() {
    // x0 + (x1 << 3): the sum in [-294912, 294903] needs 20 bits; both are live on bits 3..19
    assertEquals(17, cells(List.of(S16, S16), new AdderNode(Term.of(0), new Term(1, 3, false))));
    assertEquals(17, chain(List.of(S16, S16), new AdderNode(Term.of(0), new Term(1, 3, false))));
    // x0 - x1: 17 bits
    assertEquals(17, cells(List.of(S16, S16), new AdderNode(Term.of(0), new Term(1, 0, true))));
  }

  @Test
  void anUnsignedOperandIsLiveOnlyUpToItsOwnTopBit() {
    // 7·x = (x << 3) - x for a 6-bit unsigned x: x reaches bit 5, x << 3 starts at bit 3 — 3 full adders
    // (Yosys maps it to 3 LUTs on xc7)
    assertEquals(3, cells(List.of(U6), new AdderNode(Term.of(0), new Term(0, 3, true))));
    assertEquals(6, cells(List.of(U6, U6), new AdderNode(Term.of(0), Term.of(1))));
    assertEquals(6, cells(List.of(U6, U6), new AdderNode(Term.of(0), new Term(1, 0, true))));
    assertEquals(1, cells(List.of(U6, U6), new AdderNode(Term.of(0), new Term(1, 5, false))));
  }

  @Test
  void addingAboveAnUnsignedOperandThatFitsBelowTheShiftIsAConcatenation() {
    assertEquals(0, cells(List.of(U6, U6), new AdderNode(Term.of(0), new Term(1, 6, false))));
    // not when it is signed: its sign extension is added to the high part (a 13-bit sum, 6 pass through)
    assertEquals(7, cells(List.of(Interval.of(-32, 31), Interval.of(-32, 31)),
        new AdderNode(Term.of(0), new Term(1, 6, false))));
  }

  @Test
  void subtractingTheUnshiftedOperandCarriesFromBitZero() {
    // (x1 << 3) - x0: the same overlap, but the negation of x0 carries through its low bits
    AdderNode node = new AdderNode(new Term(0, 0, true), new Term(1, 3, false));
    assertEquals(17, cells(List.of(S16, S16), node));
    assertEquals(20, chain(List.of(S16, S16), node));
    assertEquals(17, chain(List.of(S16, S16), new AdderNode(Term.of(0), new Term(1, 3, true))));
  }

  @Test
  void aNarrowerBusBuildsOnlyItsLowBits() {
    AdderNode node = new AdderNode(Term.of(0), new Term(1, 3, false));
    assertEquals(9, AdderCost.cells(node, S16, S16, 12));
    assertEquals(0, AdderCost.cells(node, S16, S16, 3));
  }
}
