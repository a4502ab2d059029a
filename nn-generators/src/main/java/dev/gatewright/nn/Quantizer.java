package dev.gatewright.nn;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.util.Objects;

/**
 * A target precision and how to reach it: the type, the rounding applied to dropped fraction bits and
 * what happens to values out of range — hls4ml's {@code ap_fixed<W,I,Q,O>} as one value.
 */
public record Quantizer(FixedType type, Rounding rounding, Overflow overflow) {

  public Quantizer {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rounding, "rounding");
    Objects.requireNonNull(overflow, "overflow");
  }

  /** {@code type} reached by ap_fixed's defaults: TRUNCATE (AP_TRN) and WRAP (AP_WRAP). */
  public static Quantizer of(FixedType type) {
    return new Quantizer(type, Rounding.TRUNCATE, Overflow.WRAP);
  }

  /** {@code raw} of type {@code from} in this quantizer's type: {@link FixedMath#resize}. */
  public long apply(long raw, FixedType from) {
    return FixedMath.resize(raw, from, type, rounding, overflow);
  }

  /** {@code value} in this quantizer's type: {@link FixedMath#fromDouble}. */
  public long fromDouble(double value) {
    return FixedMath.fromDouble(value, type, rounding, overflow).longValueExact();
  }

  @Override
  public String toString() {
    return type + " " + rounding + " " + overflow;
  }
}
