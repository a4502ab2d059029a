package dev.gatewright.nn.arith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A multiplier-free circuit for {@code y = W·x}: inputs, then two-input {@link AdderNode}s, each reading
 * earlier sources, and one output {@link Term} per row of {@code W} (empty for a zero row).
 *
 * <p>Sources are numbered {@code 0..inputCount-1} for the inputs, then {@code inputCount + k} for node
 * {@code k}. Given each input's range, every source's exact range ({@link IntervalAnalysis}), hence its
 * narrowest bus ({@link #width}, {@link #signed}), its adder depth and its cost in adder cells
 * ({@link AdderCost}) follow; they are computed here, once, and cannot disagree with the nodes.
 */
public final class AdderGraph {

  private final List<Interval> inputs;
  private final List<AdderNode> nodes;
  private final List<Optional<Term>> outputs;
  private final long[][] forms;
  private final Interval[] ranges;
  private final int[] depths;
  private final int[] bits;
  private final int[] chains;

  public AdderGraph(List<Interval> inputs, List<AdderNode> nodes, List<Optional<Term>> outputs) {
    this.inputs = List.copyOf(inputs);
    this.nodes = List.copyOf(nodes);
    this.outputs = List.copyOf(outputs);
    if (this.inputs.isEmpty()) {
      throw new IllegalArgumentException("an adder graph needs at least one input");
    }
    this.forms = IntervalAnalysis.forms(this.inputs.size(), this.nodes);
    this.ranges = new Interval[forms.length];
    this.depths = new int[forms.length];
    this.bits = new int[this.nodes.size()];
    this.chains = new int[this.nodes.size()];
    for (int s = 0; s < forms.length; s++) {
      ranges[s] = IntervalAnalysis.range(forms[s], this.inputs);
      if (s >= this.inputs.size()) {
        AdderNode node = this.nodes.get(s - this.inputs.size());
        depths[s] = 1 + Math.max(depths[node.left().source()], depths[node.right().source()]);
        bits[s - this.inputs.size()] = AdderCost.cells(node, ranges[node.left().source()],
            ranges[node.right().source()], ranges[s]);
        chains[s - this.inputs.size()] = AdderCost.chain(node, ranges[s]);
      }
    }
    for (int o = 0; o < this.outputs.size(); o++) {
      Optional<Term> t = Objects.requireNonNull(this.outputs.get(o), "output " + o);
      if (t.isPresent()) {
        if (t.get().source() >= forms.length) {
          throw new IllegalArgumentException("output " + o + " reads v" + t.get().source() + ", which does not exist");
        }
        IntervalAnalysis.range(IntervalAnalysis.term(forms[t.get().source()], t.get()), this.inputs);
      }
    }
  }

  public List<Interval> inputs() {
    return inputs;
  }

  public int inputCount() {
    return inputs.size();
  }

  public List<AdderNode> nodes() {
    return nodes;
  }

  /** The node that computes source {@code source} (not an input). */
  public AdderNode node(int source) {
    if (isInput(source)) {
      throw new IllegalArgumentException("v" + source + " is an input, not a node");
    }
    return nodes.get(source - inputs.size());
  }

  public List<Optional<Term>> outputs() {
    return outputs;
  }

  public int sourceCount() {
    return forms.length;
  }

  public boolean isInput(int source) {
    return source < inputs.size();
  }

  /** The exact range of the values source {@code source} takes. */
  public Interval range(int source) {
    return ranges[source];
  }

  /** Bits of the narrowest bus for source {@code source}. */
  public int width(int source) {
    return ranges[source].width();
  }

  /** Whether source {@code source} can be negative (its bus is two's complement). */
  public boolean signed(int source) {
    return ranges[source].signed();
  }

  /** Adders on the longest path from an input to source {@code source} (0 for an input). */
  public int depth(int source) {
    return depths[source];
  }

  /** Full-adder cells of the node computing source {@code source} ({@link AdderCost#cells}). */
  public int adderBits(int source) {
    node(source);
    return bits[source - inputs.size()];
  }

  /** Carry-chain bits of the node computing source {@code source} ({@link AdderCost#chain}), for delay. */
  public int chainBits(int source) {
    node(source);
    return chains[source - inputs.size()];
  }

  /** The coefficients of the linear form source {@code source} computes, one per input (a copy). */
  public long[] coefficients(int source) {
    return forms[source].clone();
  }

  /** The exact range of output {@code output}; {@code [0, 0]} for a zero row. */
  public Interval outputRange(int output) {
    return outputs.get(output)
        .map(t -> IntervalAnalysis.range(IntervalAnalysis.term(forms[t.source()], t), inputs))
        .orElse(Interval.point(0));
  }

  public int adders() {
    return nodes.size();
  }

  /** Full-adder cells of all nodes. */
  public long adderBits() {
    long total = 0;
    for (int b : bits) {
      total += b;
    }
    return total;
  }

  /** The deepest output's adder depth. */
  public int depth() {
    int depth = 0;
    for (Optional<Term> t : outputs) {
      if (t.isPresent()) {
        depth = Math.max(depth, depths[t.get().source()]);
      }
    }
    return depth;
  }

  /** Outputs that are a negated source: a consumer must subtract them (or pay for a negation). */
  public int negatedOutputs() {
    return (int) outputs.stream().filter(t -> t.isPresent() && t.get().negated()).count();
  }

  /**
   * The matrix this graph multiplies by, read from the linear forms of its outputs: equal to {@code W}
   * exactly when the graph computes {@code W·x} for every {@code x}.
   */
  public long[][] matrix() {
    long[][] w = new long[outputs.size()][];
    for (int o = 0; o < w.length; o++) {
      Optional<Term> t = outputs.get(o);
      w[o] = t.isPresent() ? IntervalAnalysis.term(forms[t.get().source()], t.get()) : new long[inputs.size()];
    }
    return w;
  }

  /** The value of every source for input vector {@code x}, computed adder by adder. */
  public long[] values(long[] x) {
    if (x.length != inputs.size()) {
      throw new IllegalArgumentException("expected " + inputs.size() + " inputs, got " + x.length);
    }
    long[] v = new long[forms.length];
    for (int i = 0; i < x.length; i++) {
      if (!inputs.get(i).contains(x[i])) {
        throw new IllegalArgumentException("input " + i + " = " + x[i] + " is outside its range " + inputs.get(i));
      }
      v[i] = x[i];
    }
    for (int n = 0; n < nodes.size(); n++) {
      AdderNode node = nodes.get(n);
      v[inputs.size() + n] = node.apply(v[node.left().source()], v[node.right().source()]);
    }
    return v;
  }

  /** The outputs for input vector {@code x}. */
  public long[] evaluate(long[] x) {
    long[] v = values(x);
    long[] y = new long[outputs.size()];
    for (int o = 0; o < y.length; o++) {
      Optional<Term> t = outputs.get(o);
      y[o] = t.isPresent() ? t.get().apply(v[t.get().source()]) : 0;
    }
    return y;
  }

  /** The sources that outputs read, directly or through nodes (unread nodes are waste). */
  public List<Integer> liveSources() {
    boolean[] live = new boolean[forms.length];
    for (Optional<Term> t : outputs) {
      t.ifPresent(term -> live[term.source()] = true);
    }
    for (int s = forms.length - 1; s >= inputs.size(); s--) {
      if (live[s]) {
        AdderNode node = node(s);
        live[node.left().source()] = true;
        live[node.right().source()] = true;
      }
    }
    List<Integer> result = new ArrayList<>();
    for (int s = 0; s < live.length; s++) {
      if (live[s]) {
        result.add(s);
      }
    }
    return Collections.unmodifiableList(result);
  }

  /** A listing: one line per node with its range, bus and depth, then the outputs. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(inputs.size()).append(" inputs, ").append(adders()).append(" adders, ").append(adderBits())
        .append(" adder bits, depth ").append(depth()).append('\n');
    for (int s = inputs.size(); s < forms.length; s++) {
      out.append("  v").append(s).append(" = ").append(node(s)).append("  ").append(ranges[s])
          .append(signed(s) ? " s" : " u").append(width(s)).append(" depth ").append(depths[s])
          .append(" cells ").append(bits[s - inputs.size()]).append(" chain ").append(chains[s - inputs.size()])
          .append('\n');
    }
    for (int o = 0; o < outputs.size(); o++) {
      out.append("  y").append(o).append(" = ").append(outputs.get(o).map(Term::toString).orElse("0")).append('\n');
    }
    return out.toString();
  }
}
