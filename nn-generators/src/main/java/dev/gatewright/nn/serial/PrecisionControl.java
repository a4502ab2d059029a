package dev.gatewright.nn.serial;

/** How the precision of each inference of a bit-serial layer is chosen at run time. */
public enum PrecisionControl {
  /**
   * A {@code precision} field with each input: the number of weight bit planes, 1 to the stored width
   * (0 counts as 1, more than the stored width as the stored width).
   */
  PLANES,
  /**
   * Dual precision: a {@code high} bit with each input switches between the low precision of the
   * options and the full stored width, on the same datapath.
   */
  DUAL
}
