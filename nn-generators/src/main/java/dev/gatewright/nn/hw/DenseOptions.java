package dev.gatewright.nn.hw;

/**
 * How a dense layer becomes hardware.
 *
 * @param reuse the reuse factor R: 1 computes every product in parallel and accepts an input every
 *     cycle; R > 1 time-shares {@code ceil(nonzero weights / R)}-ish multipliers (one group per output)
 *     and accepts an input every R cycles
 * @param multiplier CSD shift-add or a plain {@code *} (only R = 1 has constant multiplicands; time-shared
 *     multipliers always use {@code *})
 * @param registerEvery adder-tree levels between pipeline registers (0: no registers inside the tree)
 */
public record DenseOptions(int reuse, MultiplierStyle multiplier, int registerEvery) {

  public DenseOptions {
    if (reuse < 1) {
      throw new IllegalArgumentException("the reuse factor must be at least 1, not " + reuse);
    }
    if (registerEvery < 0) {
      throw new IllegalArgumentException("registerEvery must not be negative: " + registerEvery);
    }
    java.util.Objects.requireNonNull(multiplier, "multiplier");
  }

  public static DenseOptions defaults() {
    return new DenseOptions(1, MultiplierStyle.CSD, 2);
  }

  public DenseOptions withReuse(int r) {
    return new DenseOptions(r, multiplier, registerEvery);
  }

  public DenseOptions withMultiplier(MultiplierStyle style) {
    return new DenseOptions(reuse, style, registerEvery);
  }

  public DenseOptions withRegisterEvery(int levels) {
    return new DenseOptions(reuse, multiplier, levels);
  }
}
