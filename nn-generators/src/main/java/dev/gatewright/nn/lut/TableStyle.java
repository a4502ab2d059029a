package dev.gatewright.nn.lut;

/** How a neuron's truth table becomes hardware. */
public enum TableStyle {
  /**
   * Logic: each output bit a binary decision diagram of multiplexers and gates, which synthesis maps onto
   * LUTs (never a memory). The default.
   */
  LOGIC,
  /**
   * A constant table read by the neuron's address ({@code case} in {@code always_comb}): compact text;
   * synthesis may map it to LUTs, distributed ROM or, behind a register, block RAM.
   */
  ROM
}
