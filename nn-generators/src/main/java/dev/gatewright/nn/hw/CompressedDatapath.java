package dev.gatewright.nn.hw;

import dev.gatewright.nn.Dense;
import dev.gatewright.nn.arith.AdderGraph;
import dev.gatewright.nn.arith.AdderNode;
import dev.gatewright.nn.arith.DenseArithmetic;
import dev.gatewright.nn.arith.DenseOutput;
import dev.gatewright.nn.arith.Interval;
import dev.gatewright.nn.arith.OutputSums;
import dev.gatewright.nn.arith.Term;
import dev.gatewright.nn.hw.DenseDatapath.Bus;
import dev.gatewright.nn.hw.DenseDatapath.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The datapath of a shared adder graph whose outputs are summed by compressor trees ({@link Summation}): the
 * shared values the outputs read ({@link OutputSums}) keep their adders, then each output's total — its terms
 * moved to the accumulator's fraction, plus the bias — is one {@link CompressedSum}, and is finished as the
 * adder-tree datapath finishes it (accumulator overflow, the result's rounding and overflow).
 */
final class CompressedDatapath {

  private CompressedDatapath() {}

  static DenseDatapath build(Dense layer, List<Interval> inputs, DenseArithmetic arithmetic, int sharedDepth) {
    AdderGraph graph = arithmetic.graph();
    OutputSums sums = OutputSums.of(graph, sharedDepth);
    List<Step> steps = new ArrayList<>();
    List<Interval> ranges = new ArrayList<>();
    int[] stepOf = new int[graph.sourceCount()];
    Arrays.fill(stepOf, -1);
    for (int s : sums.live()) {
      int width = arithmetic.busWidth(s);
      if (width == 0) {
        continue;
      }
      Bus bus = new Bus(width, graph.signed(s) || arithmetic.busWrapped(s));
      stepOf[s] = steps.size();
      ranges.add(graph.range(s));
      if (graph.isInput(s)) {
        steps.add(new DenseDatapath.Read(s, arithmetic.inputOffsets().offset(s), bus));
      } else {
        AdderNode node = graph.node(s);
        steps.add(new DenseDatapath.Adder(new AdderNode(DenseDatapath.remap(node.left(), stepOf),
            DenseDatapath.remap(node.right(), stepOf), node.dropped()), bus));
      }
    }
    int[] outputs = new int[layer.outputs()];
    for (DenseOutput out : arithmetic.outputs()) {
      DenseOutput finished = out;
      if (out.sum().isPresent()) {
        Bus total = DenseDatapath.finish(out).total();
        List<Term> terms = new ArrayList<>();
        List<Bus> sources = new ArrayList<>();
        for (Term leaf : sums.terms().get(out.output())) {
          Term moved = leaf.shiftedBy(out.shift());
          if (moved.shift() >= total.width()) {
            continue; // above the bits a wrapping total keeps
          }
          Term t = DenseDatapath.remap(moved, stepOf);
          terms.add(t);
          sources.add(steps.get(t.source()).bus());
        }
        int sum = steps.size();
        steps.add(new CompressedSum(out.output(), terms, sources, out.bias(), total));
        ranges.add(out.total());
        finished = new DenseOutput(out.output(), Optional.of(Term.of(sum)), 0, 0, out.total(), 0,
            out.accumulatorType(), out.accumulatorOverflow(), out.accumulatorOverflows(), out.accumulated(),
            out.result(), out.resultOverflows());
      }
      outputs[out.output()] = steps.size();
      steps.add(DenseDatapath.finish(finished));
      ranges.add(Interval.of(out.result().type()));
    }
    return new DenseDatapath(layer, MultiplierStyle.ADDER_GRAPH, inputs, steps, ranges, outputs);
  }
}
