package dev.gatewright.nn.hw;

import dev.gatewright.nn.arith.OutputSums;
import java.util.Locale;

/**
 * How each output of a shared adder graph ({@link MultiplierStyle#ADDER_GRAPH}) is summed.
 */
public enum Summation {
  /** A tree of two-input carry-propagate adders, as the graph has it: the fewest adder cells. */
  ADDER_TREE(0),
  /**
   * The output's terms over the graph's shared values in one carry-save compressor tree with a single
   * carry-propagate adder ({@link CompressorTree}): a few full-adder levels instead of a carry chain per tree
   * level, for latency (an ASIC's clock). Shared values keep their adders, whatever their depth.
   */
  COMPRESSOR(OutputSums.ANY_DEPTH),
  /**
   * As {@link #COMPRESSOR}, and a shared value more than one adder deep is summed again in each of its
   * readers' trees: every path crosses at most two carry-propagate adders, at the cost of adder cells.
   */
  COMPRESSOR_SHALLOW(1),
  /**
   * One compressor tree per output over the signed digits of its weights times the inputs, nothing shared:
   * every path crosses one carry-propagate adder, for the most adder cells.
   */
  COMPRESSOR_FLAT(0);

  private final int sharedDepth;

  Summation(int sharedDepth) {
    this.sharedDepth = sharedDepth;
  }

  /** Whether outputs are summed by compressor trees. */
  public boolean compresses() {
    return this != ADDER_TREE;
  }

  /** The deepest shared value a compressor tree reads ({@link OutputSums#of}). */
  public int sharedDepth() {
    return sharedDepth;
  }

  /** The name on the command line: {@code adder-tree}, {@code compressor}, {@code compressor-shallow}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
