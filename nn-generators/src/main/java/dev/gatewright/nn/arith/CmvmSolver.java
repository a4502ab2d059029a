package dev.gatewright.nn.arith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one shared adder graph for a constant matrix–vector product {@code y = W·x}.
 *
 * <ol>
 *   <li><b>Rows up to sign and shift.</b> Rows equal up to a sign and a power of two are one row; zero
 *       rows are the constant 0.</li>
 *   <li><b>Signed digits.</b> Each row becomes a sum of terms {@code ±(x_i << k)}, one per nonzero digit
 *       of the canonical signed-digit form of each weight.</li>
 *   <li><b>Shared pairs.</b> {@link CommonSubexpressions} repeatedly builds the pair of terms that is
 *       worth the most across the whole matrix and substitutes it everywhere; every sum is hash-consed by
 *       value, so a pair whose value some source already computes costs nothing.</li>
 *   <li><b>Row trees.</b> What remains of each row is summed by a tree that always adds two of the
 *       shallowest terms — same-sign ones first, then the narrowest: it reaches the least depth possible
 *       for the row's terms, and keeps sums unsigned as long as it can.</li>
 * </ol>
 *
 * <p>Adder widths come from exact ranges ({@link IntervalAnalysis}), and the cost is counted in adder
 * cells ({@link AdderCost}). The result depends only on {@code W}, the input ranges and the options: no
 * hash order, no randomness.
 */
public final class CmvmSolver {

  private CmvmSolver() {}

  /** The shared adder graph for {@code W·x}, each {@code x_i} in {@code inputs[i]}. */
  public static AdderGraph solve(ConstantMatrix w, List<Interval> inputs, CmvmOptions options) {
    checkInputs(w, inputs);
    GraphBuilder graph = new GraphBuilder(inputs, true);
    Map<RowKey, Integer> unique = new HashMap<>();
    List<List<Term>> rows = new ArrayList<>();
    List<Boolean> signs = new ArrayList<>(); // per unique row: whether its sum is the negated normal form
    Term[] outputs = new Term[w.rows()];
    for (int r = 0; r < w.rows(); r++) {
      long[] row = w.row(r);
      int zeros = 64;
      int first = -1;
      for (int c = 0; c < row.length; c++) {
        if (row[c] != 0) {
          zeros = Math.min(zeros, Long.numberOfTrailingZeros(row[c]));
          first = first < 0 ? c : first;
        }
      }
      if (first < 0) {
        continue; // a zero row
      }
      boolean negated = row[first] < 0;
      long[] normal = new long[row.length];
      for (int c = 0; c < row.length; c++) {
        normal[c] = (negated ? -row[c] : row[c]) >> zeros;
      }
      Integer index = unique.get(new RowKey(normal));
      if (index == null) {
        // the row as given (not its sign-normalized form) is summed, so that its output is not negated
        index = rows.size();
        unique.put(new RowKey(normal), index);
        rows.add(digitTerms(row, zeros));
        signs.add(negated);
      }
      outputs[r] = new Term(index, zeros, negated != signs.get(index)); // source = unique row for now
    }
    int depthLimit = Integer.MAX_VALUE;
    if (options.extraDepth().isPresent()) {
      int shallowest = 0;
      for (List<Term> row : rows) {
        shallowest = Math.max(shallowest, CommonSubexpressions.ceilLog2(row.size()));
      }
      depthLimit = shallowest + options.extraDepth().getAsInt();
    }
    new CommonSubexpressions(graph, rows, options.selection(), depthLimit).run();
    List<Term> sums = new ArrayList<>();
    for (List<Term> row : rows) {
      sums.add(sum(graph, row));
    }
    List<Optional<Term>> result = new ArrayList<>();
    for (Term o : outputs) {
      if (o == null) {
        result.add(Optional.empty());
      } else {
        Term s = sums.get(o.source());
        result.add(Optional.of(new Term(s.source(), s.shift() + o.shift(), s.negated() != o.negated())));
      }
    }
    return graph.build(result);
  }

  /** The terms of one row divided by {@code 2^zeros}: a term per nonzero signed digit of each weight. */
  static List<Term> digitTerms(long[] row, int zeros) {
    List<Term> terms = new ArrayList<>();
    for (int c = 0; c < row.length; c++) {
      int[] digits = Csd.digits(row[c] >> zeros);
      for (int k = 0; k < digits.length; k++) {
        if (digits[k] != 0) {
          terms.add(new Term(c, k, digits[k] < 0));
        }
      }
    }
    return terms;
  }

  /**
   * Sums a row's terms in a tree of the least depth possible for them: it always adds two of the
   * shallowest terms (a Huffman tree on depths). Among those it adds two of the same sign first — sums
   * of values that are never negative (or never positive) stay unsigned, and an unsigned operand's zero
   * extension costs no full adders ({@link AdderCost}) — and the narrowest. The last adder prefers an
   * unnegated result.
   */
  static Term sum(GraphBuilder graph, List<Term> terms) {
    List<Summand> pool = new ArrayList<>();
    for (Term t : terms) {
      pool.add(new Summand(t, graph));
    }
    if (pool.isEmpty()) {
      throw new IllegalStateException("a nonzero row has no terms");
    }
    while (pool.size() > 1) {
      Collections.sort(pool);
      Summand a;
      Summand b;
      int shallowest = 1;
      while (shallowest < pool.size() && pool.get(shallowest).depth == pool.get(0).depth) {
        shallowest++;
      }
      if (shallowest >= 2) {
        // two of the shallowest: of one sign if there are such, else the two narrowest
        int[] pair = sameSign(pool, 0, shallowest);
        a = pool.get(pair[0]);
        b = pool.get(pair[1]);
      } else {
        // the one shallowest, with one of the next depth: of its sign if there is one, else the narrowest
        a = pool.get(0);
        int next = 2;
        while (next < pool.size() && pool.get(next).depth == pool.get(1).depth) {
          next++;
        }
        b = pool.get(1);
        for (int k = 1; k < next; k++) {
          if (pool.get(k).sign != 0 && pool.get(k).sign == a.sign) {
            b = pool.get(k);
            break;
          }
        }
      }
      pool.remove(a);
      pool.remove(b);
      graph.add(a.term, b.term, pool.isEmpty()).ifPresent(t -> pool.add(new Summand(t, graph)));
    }
    if (pool.isEmpty()) {
      throw new IllegalStateException("a nonzero row summed to zero");
    }
    return pool.get(0).term;
  }

  /** Indices of the two narrowest summands in {@code [from, to)} of one sign, or the two narrowest. */
  private static int[] sameSign(List<Summand> sorted, int from, int to) {
    for (int sign : new int[] {1, -1}) {
      int first = -1;
      for (int k = from; k < to; k++) {
        if (sorted.get(k).sign == sign) {
          if (first >= 0) {
            return new int[] {first, k};
          }
          first = k;
        }
      }
    }
    return new int[] {from, from + 1};
  }

  /**
   * A term in a row's tree, ordered shallowest first, then narrowest, then by its numbers; {@code sign}
   * is 1 when its value is never negative, -1 when never positive, else 0.
   */
  private record Summand(Term term, int depth, int width, int sign) implements Comparable<Summand> {
    Summand(Term term, GraphBuilder graph) {
      this(term, graph.depth(term.source()), graph.range(term.source()).width() + term.shift(),
          sign(graph.range(term.source()), term.negated()));
    }

    private static int sign(Interval range, boolean negated) {
      int s = range.min() >= 0 ? 1 : range.max() <= 0 ? -1 : 0;
      return negated ? -s : s;
    }

    @Override
    public int compareTo(Summand o) {
      int c = Integer.compare(depth, o.depth);
      c = c != 0 ? c : Integer.compare(width, o.width);
      c = c != 0 ? c : Integer.compare(term.source(), o.term.source());
      c = c != 0 ? c : Integer.compare(term.shift(), o.term.shift());
      return c != 0 ? c : Boolean.compare(term.negated(), o.term.negated());
    }
  }

  static void checkInputs(ConstantMatrix w, List<Interval> inputs) {
    if (inputs.size() != w.columns()) {
      throw new IllegalArgumentException("a " + w.rows() + "x" + w.columns() + " matrix needs " + w.columns()
          + " input ranges, not " + inputs.size());
    }
    if ((long) w.columns() + w.csdDigits() >= CommonSubexpressions.MAX_SOURCES) {
      throw new IllegalArgumentException("a " + w.rows() + "x" + w.columns() + " matrix with " + w.csdDigits()
          + " signed digits is beyond the " + CommonSubexpressions.MAX_SOURCES + " sources an adder graph here can have");
    }
    for (int r = 0; r < w.rows(); r++) {
      // fails early, with the row's name, when a row's sum cannot be held in 63 bits
      try {
        IntervalAnalysis.range(w.row(r), inputs);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("row " + r + ": " + e.getMessage(), e);
      }
    }
  }

  private record RowKey(long[] row) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RowKey k && Arrays.equals(row, k.row);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(row);
    }
  }
}
