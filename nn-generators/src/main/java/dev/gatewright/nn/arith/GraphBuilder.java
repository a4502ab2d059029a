package dev.gatewright.nn.arith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grows an adder graph one node at a time, keeping every source's linear form, exact range and depth.
 *
 * <p>When sharing, sources are hash-consed by value: every source's form is odd (not all coefficients
 * even, since known-zero low bits are dropped), and two sources never compute the same form up to sign,
 * so {@link #add} of two terms whose sum some source already computes (up to a shift and a sign) returns
 * that source instead of building an adder. Without sharing every {@link #add} builds an adder, as
 * independent multipliers would.
 */
final class GraphBuilder {

  /**
   * What {@link #add} would do: reuse {@code existing}, or build {@code node}; either way the result is
   * the term {@code ±(source << shift)} of that source, whose range and depth are given. {@code bits}
   * is what an adder of the two terms costs ({@link AdderCost#cells}), paid only when building.
   */
  record Plan(Term existing, AdderNode node, int shift, boolean negated, Interval range, int depth, int bits) {

    boolean exists() {
      return existing != null;
    }
  }

  /** A sign-normalized linear form as a hash key; {@link #probe} reuses one to look up without copying. */
  static final class FormKey {
    private long[] form;
    private int hash;

    FormKey(long[] form) {
      set(form);
    }

    FormKey set(long[] form) {
      this.form = form;
      this.hash = Arrays.hashCode(form);
      return this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FormKey k && hash == k.hash && Arrays.equals(form, k.form);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final List<Interval> inputs;
  private final boolean share;
  private final List<AdderNode> nodes = new ArrayList<>();
  private final List<long[]> forms = new ArrayList<>();
  private final List<Interval> ranges = new ArrayList<>();
  private final List<Integer> depths = new ArrayList<>();
  private final Map<FormKey, Integer> bySum = new HashMap<>();
  private final long[] odd;
  private final long[] key;
  private final FormKey probe = new FormKey(new long[0]);

  GraphBuilder(List<Interval> inputs, boolean share) {
    this.inputs = List.copyOf(inputs);
    this.share = share;
    this.odd = new long[inputs.size()];
    this.key = new long[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      long[] unit = new long[inputs.size()];
      unit[i] = 1;
      forms.add(unit);
      ranges.add(this.inputs.get(i));
      depths.add(0);
      bySum.put(new FormKey(unit), i);
    }
  }

  int inputCount() {
    return inputs.size();
  }

  int sourceCount() {
    return forms.size();
  }

  long[] form(int source) {
    return forms.get(source);
  }

  Interval range(int source) {
    return ranges.get(source);
  }

  int depth(int source) {
    return depths.get(source);
  }

  /** The exact range of a term. */
  Interval range(Term t) {
    return IntervalAnalysis.range(IntervalAnalysis.term(forms.get(t.source()), t), inputs);
  }

  /**
   * A term equal to {@code a + b} for every input, building an adder only when no source computes it
   * already (or when not sharing); {@link Optional#empty()} when {@code a + b} is identically zero.
   * {@code positive} asks for an unnegated result where that costs an adder no more than a negation
   * (for outputs, whose negation nobody else would absorb).
   */
  Optional<Term> add(Term a, Term b, boolean positive) {
    Plan plan = plan(a, b, positive);
    if (plan == null) {
      return Optional.empty();
    }
    if (plan.exists()) {
      return Optional.of(plan.existing());
    }
    int source = forms.size();
    long[] form = new long[inputs.size()];
    for (int i = 0; i < form.length; i++) {
      form[i] = plan.negated() ? -odd[i] : odd[i]; // odd still holds the planned sum
    }
    nodes.add(plan.node());
    forms.add(form);
    ranges.add(plan.range());
    depths.add(plan.depth());
    bySum.putIfAbsent(new FormKey(key.clone()), source);
    return Optional.of(new Term(source, plan.shift(), plan.negated()));
  }

  /**
   * What {@link #add} would do, without doing it; {@code null} when {@code a + b} is identically zero.
   * Works in scratch arrays ({@link #odd}, {@link #key}), so that pricing many candidates allocates little.
   */
  Plan plan(Term a, Term b, boolean positive) {
    long[] fa = forms.get(a.source());
    long[] fb = forms.get(b.source());
    int zeros = 64;
    int first = -1;
    for (int i = 0; i < odd.length; i++) {
      long s = Math.addExact(shifted(fa[i], a), shifted(fb[i], b));
      if (s != 0) {
        zeros = Math.min(zeros, Long.numberOfTrailingZeros(s));
        first = first < 0 ? i : first;
      }
      odd[i] = s;
    }
    if (first < 0) {
      return null;
    }
    boolean flipKey = odd[first] < 0;
    for (int i = 0; i < odd.length; i++) {
      odd[i] >>= zeros;
      key[i] = flipKey ? -odd[i] : odd[i];
    }
    Integer known = share ? bySum.get(probe.set(key)) : null;
    Term existing = null;
    if (known != null) {
      boolean storedIsKey = Arrays.equals(forms.get(known), key);
      // sum = 2^zeros · odd, odd = ±key, stored form = ±key
      existing = new Term(known, zeros, flipKey == storedIsKey);
    }
    int common = Math.min(a.shift(), b.shift());
    Term left = new Term(a.source(), a.shift() - common, a.negated());
    Term right = new Term(b.source(), b.shift() - common, b.negated());
    boolean flip;
    if (left.negated() && right.negated()) {
      flip = true;
    } else if (left.negated() != right.negated()) {
      Term negative = left.negated() ? left : right;
      Term other = left.negated() ? right : left;
      // (other << s) - negative needs a carry chain from bit 0; negative - (other << s) does not
      flip = !positive && negative.shift() == 0 && other.shift() > 0;
    } else {
      flip = false;
    }
    if (flip) {
      left = left.negate();
      right = right.negate();
    }
    AdderNode node = new AdderNode(left, right, zeros - common);
    Interval range = IntervalAnalysis.range(odd, inputs);
    if (flip) {
      range = new Interval(-range.max(), -range.min());
    }
    int depth = 1 + Math.max(depths.get(a.source()), depths.get(b.source()));
    int bits = AdderCost.cells(node, ranges.get(node.left().source()), ranges.get(node.right().source()), range);
    if (existing != null) {
      return new Plan(existing, null, zeros, false, ranges.get(known), depths.get(known), bits);
    }
    return new Plan(null, node, zeros, flip, range, depth, bits);
  }

  /** A coefficient of a term's form. */
  private static long shifted(long coefficient, Term t) {
    if (coefficient == 0) {
      return 0;
    }
    if (Interval.signedBits(coefficient) + t.shift() > 63) {
      throw new IllegalArgumentException("coefficient " + coefficient + " shifted by " + t.shift() + " overflows 63 bits");
    }
    return t.negated() ? -(coefficient << t.shift()) : coefficient << t.shift();
  }

  AdderGraph build(List<Optional<Term>> outputs) {
    return new AdderGraph(inputs, nodes, outputs);
  }
}
