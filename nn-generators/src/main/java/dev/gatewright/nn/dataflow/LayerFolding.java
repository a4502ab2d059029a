package dev.gatewright.nn.dataflow;

import java.util.Objects;

/**
 * How much of one layer runs at once. For a dense layer or a convolution: {@code pe} output channels
 * (processing elements) and {@code simd} inputs per processing element per cycle, and where the weights are
 * kept. For the other layers (thresholds, activations, pools) {@code pe} is the number of values per beat
 * and {@code simd} is unused.
 */
public record LayerFolding(int pe, int simd, WeightStorage storage) {

  public LayerFolding {
    Objects.requireNonNull(storage, "storage");
    if (pe < 1 || simd < 1) {
      throw new IllegalArgumentException("PE and SIMD must be at least 1, not " + pe + " and " + simd);
    }
  }

  public static LayerFolding of(int pe, int simd) {
    return new LayerFolding(pe, simd, WeightStorage.ROM);
  }

  /** One lane: the most folded. */
  public static final LayerFolding SERIAL = of(1, 1);
}
