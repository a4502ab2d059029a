package dev.gatewright.hdl;

/**
 * What {@code resize} does with a value the target type cannot hold. ap_fixed names: WRAP is AP_WRAP,
 * SATURATE is AP_SAT, SATURATE_SYMMETRIC is AP_SAT_SYM.
 */
public enum Overflow {
  /** Keep the low bits (two's-complement wrap-around). */
  WRAP,
  /** Clamp to the target's minimum or maximum. */
  SATURATE,
  /** Clamp to ±maximum, so a signed target never holds its most negative value. */
  SATURATE_SYMMETRIC
}
