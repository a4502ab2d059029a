package dev.gatewright.nn.hw;

/** How a product with a constant weight becomes hardware. */
public enum MultiplierStyle {
  /** Shifts and adds in canonical signed-digit form: no DSP blocks, about half the adders of binary. */
  CSD,
  /** A plain {@code *} by a constant, left for synthesis to map (to DSP blocks on FPGAs). */
  DSP
}
