package dev.gatewright.nn.arith;

import java.util.Objects;

/**
 * One two-input adder of an {@link AdderGraph}: {@code (left + right) >> dropped}, where each operand is
 * a {@link Term} {@code ±(source << shift)} of an earlier source.
 *
 * <p>The form is canonical: at least one operand is unshifted (a common shift belongs to the consumer),
 * at most one is negated (so the hardware is an adder or a subtractor), and {@code dropped} low bits of
 * the sum are always zero for every input (they are removed exactly, as wiring).
 */
public record AdderNode(Term left, Term right, int dropped) {

  public AdderNode {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    if (Math.min(left.shift(), right.shift()) != 0) {
      throw new IllegalArgumentException("an adder has an unshifted operand; " + left + " + " + right
          + " shares shift " + Math.min(left.shift(), right.shift()));
    }
    if (left.negated() && right.negated()) {
      throw new IllegalArgumentException("an adder negates at most one operand, not both of " + left + ", " + right);
    }
    if (dropped < 0 || dropped > 62) {
      throw new IllegalArgumentException("an adder drops 0..62 low bits, not " + dropped);
    }
  }

  public AdderNode(Term left, Term right) {
    this(left, right, 0);
  }

  /**
   * The operand whose bits start at bit 0 of the sum: the unshifted one (the non-negated one when both
   * are unshifted). Bits of the result below {@link #high()}'s shift come from it alone.
   */
  public Term low() {
    if (left.shift() != right.shift()) {
      return left.shift() == 0 ? left : right;
    }
    return left.negated() ? right : left;
  }

  /** The other operand: {@link #low()}'s partner. */
  public Term high() {
    return low() == left ? right : left;
  }

  /** The sum of the operands' values, {@code dropped} low bits removed. */
  public long apply(long leftValue, long rightValue) {
    long sum = Math.addExact(left.apply(leftValue), right.apply(rightValue));
    if ((sum & ((1L << dropped) - 1)) != 0) {
      throw new IllegalStateException(this + ": dropped bits of " + sum + " are not zero");
    }
    return sum >> dropped;
  }

  @Override
  public String toString() {
    String sum = left + (right.negated() ? " - " + right.negate() : " + " + right);
    return dropped == 0 ? sum : "(" + sum + ") >> " + dropped;
  }
}
