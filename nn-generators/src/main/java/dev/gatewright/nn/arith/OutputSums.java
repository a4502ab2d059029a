package dev.gatewright.nn.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each output of an {@link AdderGraph} as one multi-operand sum of terms of the graph's shared values, for a
 * compressor tree with a single carry-propagate adder instead of a tree of carry-propagate adders.
 *
 * <p>An output's term is expanded, node by node, into the terms of the node's operands ({@code ±((a + b) << s)}
 * is {@code ±(a << s) ± (b << s)}, a node's {@code dropped} zero bits taken off the shift) as long as the node
 * is read only once in the whole graph (its adder is this output's alone), or lies deeper than
 * {@code sharedDepth} adder levels (a shared value computed by more than {@code sharedDepth} carry-propagate
 * adders in series: its terms are summed again in each reader's compressor tree, trading adder cells for
 * depth). What is left are the leaves: inputs and shared nodes at most {@code sharedDepth} deep, whose adders
 * are still built; every other adder of the graph disappears into the outputs' compressor trees.
 *
 * @param terms each output's leaf terms (empty for a zero row), whose sum is the graph's output exactly
 * @param live the sources still computed: the leaves and what they read, ascending
 */
public record OutputSums(List<List<Term>> terms, List<Integer> live) {

  /** No bound on the depth of a shared value: only adders with a single reader are expanded. */
  public static final int ANY_DEPTH = Integer.MAX_VALUE;

  public OutputSums {
    terms = terms.stream().map(List::copyOf).toList();
    live = List.copyOf(live);
  }

  /** The sums of {@code graph}'s outputs over shared values at most {@code sharedDepth} adders deep. */
  public static OutputSums of(AdderGraph graph, int sharedDepth) {
    if (sharedDepth < 0) {
      throw new IllegalArgumentException("the depth of a shared value is >= 0, not " + sharedDepth);
    }
    int[] readers = new int[graph.sourceCount()];
    for (AdderNode node : graph.nodes()) {
      readers[node.left().source()]++;
      readers[node.right().source()]++;
    }
    for (Optional<Term> t : graph.outputs()) {
      t.ifPresent(term -> readers[term.source()]++);
    }
    boolean[] live = new boolean[graph.sourceCount()];
    List<List<Term>> sums = new ArrayList<>();
    for (Optional<Term> t : graph.outputs()) {
      List<Term> leaves = new ArrayList<>();
      t.ifPresent(term -> expand(graph, readers, sharedDepth, term, leaves));
      leaves.forEach(leaf -> live[leaf.source()] = true);
      sums.add(leaves);
    }
    for (int s = graph.sourceCount() - 1; s >= graph.inputCount(); s--) {
      if (live[s]) {
        live[graph.node(s).left().source()] = true;
        live[graph.node(s).right().source()] = true;
      }
    }
    List<Integer> liveSources = new ArrayList<>();
    for (int s = 0; s < live.length; s++) {
      if (live[s]) {
        liveSources.add(s);
      }
    }
    return new OutputSums(sums, liveSources);
  }

  private static void expand(AdderGraph graph, int[] readers, int sharedDepth, Term term, List<Term> leaves) {
    int s = term.source();
    if (graph.isInput(s) || (readers[s] > 1 && graph.depth(s) <= sharedDepth)) {
      leaves.add(term);
      return;
    }
    AdderNode node = graph.node(s);
    int shift = term.shift() - node.dropped();
    if (shift + node.left().shift() < 0 || shift + node.right().shift() < 0) {
      leaves.add(term); // the dropped zeros are a property of the sum, not of its operands one by one
      return;
    }
    for (Term operand : new Term[] {node.left(), node.right()}) {
      expand(graph, readers, sharedDepth, new Term(operand.source(), operand.shift() + shift,
          operand.negated() != term.negated()), leaves);
    }
  }

  /** The deepest leaf's adder depth. */
  public int leafDepth(AdderGraph graph) {
    int depth = 0;
    for (List<Term> sum : terms) {
      for (Term t : sum) {
        depth = Math.max(depth, graph.depth(t.source()));
      }
    }
    return depth;
  }

  /** The most terms any output sums. */
  public int widestSum() {
    return terms.stream().mapToInt(List::size).max().orElse(0);
  }
}
