package dev.gatewright.nn.arith;

/**
 * One operand of an adder or one output of an {@link AdderGraph}: the value of {@code source} (an input
 * or a node, numbered as in {@link AdderGraph}) shifted left by {@code shift} bits and negated when
 * {@code negated}, i.e. {@code ±(source << shift)}. Shifts are wiring; a negation is paid for by the
 * adder that consumes the term (it subtracts instead of adding).
 */
public record Term(int source, int shift, boolean negated) {

  public Term {
    if (source < 0) {
      throw new IllegalArgumentException("a term's source is an index >= 0, not " + source);
    }
    if (shift < 0 || shift > 62) {
      throw new IllegalArgumentException("a term's shift is 0..62, not " + shift);
    }
  }

  /** {@code source} itself. */
  public static Term of(int source) {
    return new Term(source, 0, false);
  }

  /** The value of this term when its source carries {@code value}. */
  public long apply(long value) {
    long shifted = value << shift;
    if (shifted >> shift != value) {
      throw new ArithmeticException("term " + this + " overflows a long for source value " + value);
    }
    return negated ? -shifted : shifted;
  }

  public Term shiftedBy(int bits) {
    return new Term(source, shift + bits, negated);
  }

  public Term negate() {
    return new Term(source, shift, !negated);
  }

  @Override
  public String toString() {
    return (negated ? "-" : "") + "v" + source + (shift > 0 ? "<<" + shift : "");
  }
}
