package dev.gatewright.nn.arith;

/**
 * What one adder costs, in full-adder cells (LUTs of a carry chain on an FPGA, full-adder cells on an
 * ASIC): the result bits that need a carry chain.
 *
 * <p>For {@code sum = low + ±(high << s)} ({@link AdderNode#low()}, {@link AdderNode#high()}) with a sum
 * of {@code w} bits (the narrowest bus of its exact range, before any dropped bits are removed):
 * <ul>
 *   <li>bits {@code 0..s-1} are {@code low}'s own bits, passed through, so the chain spans {@code w - s}
 *       bits;</li>
 *   <li>when {@code low} is never negative and fits below bit {@code s}, and {@code high} is added, the
 *       sum is a concatenation: no cells at all;</li>
 *   <li>when {@code low} is the negated operand ({@code (high << s) - low}), its negation needs a carry
 *       from bit 0: {@code w} cells.</li>
 * </ul>
 */
public final class AdderCost {

  private AdderCost() {}

  /**
   * Cells of {@code node}, whose low operand has range {@code lowRange} and whose own value (after
   * {@code dropped} bits) has range {@code nodeRange}.
   */
  public static int bits(AdderNode node, Interval lowRange, Interval nodeRange) {
    Term low = node.low();
    Term high = node.high();
    int s = high.shift();
    int d = node.dropped();
    int width = new Interval(nodeRange.min() << d, nodeRange.max() << d).width();
    if (low.negated()) {
      return width;
    }
    if (!high.negated() && s > 0 && lowRange.min() >= 0 && lowRange.max() < (1L << s)) {
      return 0;
    }
    return Math.max(0, width - s);
  }
}
