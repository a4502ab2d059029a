package dev.gatewright.nn.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cost of one adder in cells, as {@link AdderCost} defines it. */
class AdderCostTest {

  static final Interval S16 = Interval.of(-32768, 32767);
  static final Interval U6 = Interval.of(0, 63);

  static int cells(List<Interval> inputs, AdderNode node) {
    AdderGraph g = new AdderGraph(inputs, List.of(node), List.of(Optional.of(Term.of(inputs.size()))));
    return g.adderBits(inputs.size());
  }

  @Test
  void anAdderSpansTheSumAboveTheShiftedOperandsLowestBit() {
    // x0 + (x1 << 3): 16-bit inputs, sum in [-294912, 294905] needs 20 bits, the low 3 pass through
    assertEquals(17, cells(List.of(S16, S16), new AdderNode(Term.of(0), new Term(1, 3, false))));
    // x0 - x1: the full 17-bit difference
    assertEquals(17, cells(List.of(S16, S16), new AdderNode(Term.of(0), new Term(1, 0, true))));
  }

  @Test
  void subtractingTheUnshiftedOperandNeedsTheWholeWidth() {
    // (x1 << 3) - x0: -x0's low bits need a carry chain from bit 0
    assertEquals(20, cells(List.of(S16, S16), new AdderNode(new Term(0, 0, true), new Term(1, 3, false))));
  }

  @Test
  void addingAboveAnUnsignedOperandThatFitsBelowTheShiftIsAConcatenation() {
    assertEquals(0, cells(List.of(U6, U6), new AdderNode(Term.of(0), new Term(1, 6, false))));
    // not when the low operand reaches the shifted one's bits
    assertEquals(7, cells(List.of(U6, U6), new AdderNode(Term.of(0), new Term(1, 5, false))));
    // nor when it is signed: its sign extension is added to the high part (13-bit sum, 6 pass through)
    assertEquals(7, cells(List.of(Interval.of(-32, 31), Interval.of(-32, 31)),
        new AdderNode(Term.of(0), new Term(1, 6, false))));
  }

  @Test
  void theWidthIsThatOfTheExactRangeNotOfTheOperandTypes() {
    // x0 + x1 with x0, x1 in [0, 63]: [0, 126] is 7 unsigned bits
    assertEquals(7, cells(List.of(U6, U6), new AdderNode(Term.of(0), Term.of(1))));
    // x0 - x1: [-63, 63] is 7 signed bits
    assertEquals(7, cells(List.of(U6, U6), new AdderNode(Term.of(0), new Term(1, 0, true))));
  }
}
