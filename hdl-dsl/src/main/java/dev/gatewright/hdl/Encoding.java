package dev.gatewright.hdl;

/** How the states of a hardware enum are encoded in bits. */
public enum Encoding {
  /** State number {@code i} is {@code i}: the fewest bits. */
  BINARY,
  /** State number {@code i} is the bit {@code 1 << i}: one flip-flop per state, the simplest decode. */
  ONE_HOT,
  /** State number {@code i} is the Gray code {@code i ^ (i >> 1)}: neighbouring states differ in one bit. */
  GRAY
}
