package dev.gatewright.hdl;

/**
 * How {@code resize} drops fraction bits. The names follow what ap_fixed users know: TRUNCATE is
 * AP_TRN, TRUNCATE_TO_ZERO is AP_TRN_ZERO, HALF_UP is AP_RND, HALF_EVEN is AP_RND_CONV.
 */
public enum Rounding {
  /** Toward negative infinity: the dropped bits are simply discarded. */
  TRUNCATE,
  /** Toward zero. */
  TRUNCATE_TO_ZERO,
  /** To the nearest value; a tie goes toward positive infinity. */
  HALF_UP,
  /** To the nearest value; a tie goes to the even neighbour. */
  HALF_EVEN
}
