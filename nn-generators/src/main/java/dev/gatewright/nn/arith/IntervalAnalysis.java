package dev.gatewright.nn.arith;

import java.util.List;

/**
 * Exact value ranges of the wires of an adder graph.
 *
 * <p>Every source of a graph of shifts, additions and subtractions computes a linear form
 * {@code Σ c_i · x_i} of the inputs with integer coefficients, and the inputs vary independently, each
 * over its own interval. Over such a box a linear form takes its least value where every term does —
 * {@code x_i = lo_i} when {@code c_i > 0}, {@code hi_i} when {@code c_i < 0} — and likewise its greatest.
 * So {@code [Σ min(c_i·lo_i, c_i·hi_i), Σ max(c_i·lo_i, c_i·hi_i)]} is the exact range: both ends are
 * values the wire takes for some input vector, and no value outside is possible. Interval arithmetic on
 * the operands of each adder would not be exact, because operands that share an input are correlated
 * ({@code (x + y) - (x - y)} has range {@code 2·range(y)}, not {@code range(x+y) - range(x-y)}).
 */
public final class IntervalAnalysis {

  private IntervalAnalysis() {}

  /** The exact range of {@code Σ coefficients[i] · x_i} for {@code x_i} anywhere in {@code inputs[i]}. */
  public static Interval range(long[] coefficients, List<Interval> inputs) {
    if (coefficients.length != inputs.size()) {
      throw new IllegalArgumentException(coefficients.length + " coefficients for " + inputs.size() + " inputs");
    }
    long min = 0;
    long max = 0;
    try {
      for (int i = 0; i < coefficients.length; i++) {
        long c = coefficients[i];
        if (c == 0) {
          continue;
        }
        long a = Math.multiplyExact(c, inputs.get(i).min());
        long b = Math.multiplyExact(c, inputs.get(i).max());
        min = Math.addExact(min, Math.min(a, b));
        max = Math.addExact(max, Math.max(a, b));
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("a sum of products overflows 63 bits: coefficients "
          + java.util.Arrays.toString(coefficients) + " over inputs " + inputs, e);
    }
    return new Interval(min, max);
  }

  /**
   * The linear form of every source: {@code forms[s][i]} is the coefficient of input {@code i} in source
   * {@code s}; sources {@code 0..inputs-1} are the inputs, then one per node in order.
   */
  public static long[][] forms(int inputs, List<AdderNode> nodes) {
    long[][] forms = new long[inputs + nodes.size()][];
    for (int i = 0; i < inputs; i++) {
      forms[i] = new long[inputs];
      forms[i][i] = 1;
    }
    for (int n = 0; n < nodes.size(); n++) {
      AdderNode node = nodes.get(n);
      int self = inputs + n;
      for (Term t : new Term[] {node.left(), node.right()}) {
        if (t.source() >= self) {
          throw new IllegalArgumentException("node v" + self + " = " + node + " reads v" + t.source()
              + ", which is not computed before it");
        }
      }
      long[] sum = add(term(forms[node.left().source()], node.left()), term(forms[node.right().source()], node.right()));
      long mask = (1L << node.dropped()) - 1;
      for (int i = 0; i < inputs; i++) {
        if ((sum[i] & mask) != 0) {
          throw new IllegalArgumentException("node v" + self + " = " + node + " drops " + node.dropped()
              + " low bits that are not always zero");
        }
        sum[i] >>= node.dropped();
      }
      forms[self] = sum;
    }
    return forms;
  }

  /** The exact range of every source of a graph with these inputs and nodes (see {@link #forms}). */
  public static Interval[] ranges(List<Interval> inputs, List<AdderNode> nodes) {
    long[][] forms = forms(inputs.size(), nodes);
    Interval[] ranges = new Interval[forms.length];
    for (int s = 0; s < forms.length; s++) {
      ranges[s] = range(forms[s], inputs);
    }
    return ranges;
  }

  /** The linear form of a term whose source has form {@code form}. */
  static long[] term(long[] form, Term t) {
    long[] out = new long[form.length];
    for (int i = 0; i < form.length; i++) {
      long c = form[i];
      if (c != 0 && Interval.signedBits(c) + t.shift() > 63) {
        throw new IllegalArgumentException("coefficient " + c + " shifted by " + t.shift() + " overflows 63 bits");
      }
      out[i] = t.negated() ? -(c << t.shift()) : c << t.shift();
    }
    return out;
  }

  static long[] add(long[] a, long[] b) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Math.addExact(a[i], b[i]);
    }
    return out;
  }
}
