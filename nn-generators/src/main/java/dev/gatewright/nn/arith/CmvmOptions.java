package dev.gatewright.nn.arith;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * How {@link CmvmSolver} trades adders against adder depth.
 *
 * @param selection which shared pair of terms to build next
 * @param extraDepth how many adder levels the graph may add to the shallowest possible depth of the
 *     layer (the balanced tree of each row's signed digits); empty for no bound
 */
public record CmvmOptions(Selection selection, OptionalInt extraDepth) {

  /** The rule that picks the next common subexpression. */
  public enum Selection {
    /** The pair that occurs most often (saves the most adders); ties to the shallower, then narrower. */
    MOST_FREQUENT,
    /**
     * The pair whose sharing saves the most full-adder cells: each occurrence but the first spares its row
     * an adder of the same two terms, which costs what the shared one does ({@link AdderCost#cells}); a
     * pair whose sum can take both signs while its operands cannot is charged for the sign extension
     * it brings into its rows.
     */
    MOST_BITS_SAVED
  }

  /**
   * The default: the pair that saves the most full-adder cells first (on the jet tagger's layers, trained
   * and random, it ends with 1 to 3 % fewer cells than {@link Selection#MOST_FREQUENT}), and no adder
   * level beyond the shallowest tree of each row's signed digits, so that sharing never costs latency.
   */
  public static final CmvmOptions DEFAULT = new CmvmOptions(Selection.MOST_BITS_SAVED, OptionalInt.of(0));

  public CmvmOptions {
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(extraDepth, "extraDepth");
    if (extraDepth.isPresent() && extraDepth.getAsInt() < 0) {
      throw new IllegalArgumentException("extra depth must be >= 0, not " + extraDepth.getAsInt());
    }
  }

  /** These options with no depth bound: the fewest adder cells, whatever the depth. */
  public CmvmOptions unboundedDepth() {
    return new CmvmOptions(selection, OptionalInt.empty());
  }

  /** These options with at most {@code levels} adder levels above the shallowest tree. */
  public CmvmOptions withExtraDepth(int levels) {
    return new CmvmOptions(selection, OptionalInt.of(levels));
  }

  public CmvmOptions withSelection(Selection selection) {
    return new CmvmOptions(selection, extraDepth);
  }
}
