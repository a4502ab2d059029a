package dev.gatewright.nn.hw;

/** How a product with a constant weight becomes hardware. */
public enum MultiplierStyle {
  /**
   * One shared adder graph per layer for the whole constant matrix ({@code nn.arith.CmvmSolver}): a
   * signed-digit pattern of inputs used by several outputs is computed once. No multipliers, no DSP
   * blocks, the fewest adder bits. A layer whose accumulator keeps fewer fraction bits than its products
   * (its golden model floors each product on its own, as hls4ml-style precisions do) has no shared sum
   * to build: it is built per weight in {@link #CSD}, and its datapath says so.
   */
  ADDER_GRAPH,
  /** Shifts and adds in canonical signed-digit form per weight: no DSP blocks, about half the adders of binary. */
  CSD,
  /** A plain {@code *} by a constant, left for synthesis to map (to DSP blocks on FPGAs). */
  DSP
}
