package dev.gatewright.nn.arith;

/**
 * What one adder costs, from the exact ranges of its operands and of its sum.
 *
 * <p>Write the sum as {@code ±(a << sa) ± (b << sb)} in a result of {@code w} bits (the narrowest bus of
 * its exact range, before dropped bits are removed). An operand is <em>live</em> on the bits its value
 * can change: from its shift up to its own top bit when it is never negative (its zero extension is
 * constant), up to the result's top bit when it can be negative (its sign extension is a live bit).
 * Subtracting an operand adds its complement, which is live on the same bits.
 * <ul>
 *   <li>{@link #cells}: bit positions where both operands are live. Only these need a full adder — a
 *       LUT feeding the carry chain on an FPGA (on xc7, Yosys maps {@code 7·x} of a 6-bit unsigned
 *       {@code x} to 3 LUTs: {@code (x << 3) - x} overlaps on 3 bits), a full-adder cell on an ASIC.
 *       Elsewhere a sum bit is one operand's bit and the carry: the carry chain's own XOR, or a
 *       half adder. Adding a value that fits below the other's shift is a concatenation: 0 cells.</li>
 *   <li>{@link #chain}: the length of the carry chain, for delay: from the shifted operand's lowest bit
 *       to the top ({@code w - s}), or all {@code w} bits when the unshifted operand is the one
 *       subtracted (its negation carries from bit 0).</li>
 * </ul>
 */
public final class AdderCost {

  private AdderCost() {}

  /**
   * Full-adder cells of {@code node}, whose operands' sources have ranges {@code leftRange} and
   * {@code rightRange} and whose own value (after {@code dropped} bits) has range {@code nodeRange}.
   */
  public static int cells(AdderNode node, Interval leftRange, Interval rightRange, Interval nodeRange) {
    return cells(node, leftRange, rightRange, sumWidth(node, nodeRange));
  }

  /**
   * Full-adder cells of {@code node} when only the low {@code width} bits of its sum (before dropped
   * bits are removed) are built (a sum cut to a narrower bus).
   */
  public static int cells(AdderNode node, Interval leftRange, Interval rightRange, int width) {
    Term l = node.left();
    Term r = node.right();
    int low = Math.max(l.shift(), r.shift());
    int high = Math.min(liveTop(l, leftRange, width), liveTop(r, rightRange, width));
    return Math.max(0, high - low);
  }

  /** Bits of {@code node}'s carry chain ({@link AdderCost}). */
  public static int chain(AdderNode node, Interval nodeRange) {
    int width = sumWidth(node, nodeRange);
    return node.low().negated() ? width : Math.max(0, width - node.high().shift());
  }

  /** The first bit above an operand's live bits in a sum of {@code width} bits. */
  private static int liveTop(Term t, Interval range, int width) {
    return range.signed() ? width : Math.min(width, t.shift() + range.width());
  }

  private static int sumWidth(AdderNode node, Interval nodeRange) {
    int d = node.dropped();
    return new Interval(nodeRange.min() << d, nodeRange.max() << d).width();
  }
}
