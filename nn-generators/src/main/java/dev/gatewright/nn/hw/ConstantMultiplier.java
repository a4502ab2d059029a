package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.sint;

import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.SInt;
import dev.gatewright.nn.arith.Csd;

/**
 * Multiplies a signal by a constant weight. The result always has the exact product type
 * {@code FixedType.product(x, weight)}, whatever the style, so both styles compute the same bits.
 */
public final class ConstantMultiplier {

  private ConstantMultiplier() {}

  /** {@code x × weight}, where {@code weight} is a raw value of {@code weightType}; never called for 0. */
  public static Fixed multiply(Fixed x, long weight, FixedType weightType, MultiplierStyle style) {
    FixedType xType = x.type();
    FixedType productType = FixedType.product(xType, weightType);
    if (style == MultiplierStyle.DSP) {
      return x.mul(constant(weightValue(weight, weightType), weightType));
    }
    SInt raw = xType.signed() ? x.asSInt() : x.asUInt().toSInt();
    SInt sum = null;
    int[] digits = csd(weight);
    for (int i = 0; i < digits.length; i++) {
      if (digits[i] == 0) {
        continue;
      }
      SInt term = raw.shl(i);
      if (sum == null) {
        sum = digits[i] > 0 ? term : term.neg();
      } else {
        sum = digits[i] > 0 ? sum.add(term) : sum.sub(term);
      }
    }
    if (sum == null) {
      throw new IllegalArgumentException("a zero weight has no multiplier: prune it instead");
    }
    // the exact product x_raw · w_raw fits the product type, so this wrap never changes the value
    return sum.resize(sint(productType.width()), Overflow.WRAP).as(productType);
  }

  /** The number a raw weight stands for, as a double that is exact for weights of up to 53 bits. */
  static double weightValue(long raw, FixedType type) {
    return Math.scalb((double) raw, -type.fraction());
  }

  /** The canonical signed-digit form of {@code value}, least significant digit first ({@link Csd#digits}). */
  public static int[] csd(long value) {
    return Csd.digits(value);
  }

  /** Adders (and subtractors) a CSD multiplication by {@code value} costs. */
  public static int adders(long value) {
    int nonzero = 0;
    for (int d : csd(value)) {
      nonzero += d != 0 ? 1 : 0;
    }
    return Math.max(0, nonzero - 1);
  }
}
