package dev.gatewright.nn.serial;

import java.util.Objects;

/**
 * How a bit-serial layer takes its precision.
 *
 * @param control a plane count with each input, or a dual-precision switch
 * @param lowPrecision the planes of the low precision in {@link PrecisionControl#DUAL} mode (at least 1,
 *     below the weights' width); ignored with {@link PrecisionControl#PLANES}
 */
public record BitSerialOptions(PrecisionControl control, int lowPrecision) {

  public BitSerialOptions {
    Objects.requireNonNull(control, "control");
    if (control == PrecisionControl.DUAL && lowPrecision < 1) {
      throw new IllegalArgumentException("a dual-precision layer's low precision is at least 1 bit plane, not "
          + lowPrecision);
    }
  }

  /** Any precision from 1 to the weights' width, chosen with each input. */
  public static BitSerialOptions planes() {
    return new BitSerialOptions(PrecisionControl.PLANES, 0);
  }

  /** A switch between {@code lowPrecision} planes and the full width. */
  public static BitSerialOptions dual(int lowPrecision) {
    return new BitSerialOptions(PrecisionControl.DUAL, lowPrecision);
  }
}
