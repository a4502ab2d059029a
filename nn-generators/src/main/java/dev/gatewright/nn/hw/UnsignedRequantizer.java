package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.mux;
import static dev.gatewright.hdl.Hdl.uint;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.UInt;
import dev.gatewright.nn.Quantizer;

/**
 * {@code x.resize(q)} for a quantizer whose type is unsigned and which saturates, built on the result's
 * width instead of the input's: what follows a ReLU in a quantized MLP ({@code sfix(24,15)} into
 * {@code ufix(6,6)}). Bit for bit what {@code resize} computes ({@code FixedMath.resize}).
 *
 * <p>A negative {@code x} gives 0 whatever the rounding (every rounding is monotone and keeps 0). For
 * {@code x >= 0}, with {@code f} dropped fraction bits and a result of {@code w} bits: the integer part
 * {@code t = x >> f} saturates when any bit of it at or above {@code w} is set; otherwise only its low
 * {@code w} bits and the rounding increment are added, in {@code w + 1} bits, and the carry out
 * saturates too. {@code resize} rounds the whole input width before it compares, which costs a carry
 * chain and a comparison as wide as the input.
 */
final class UnsignedRequantizer {

  private UnsignedRequantizer() {}

  /** Whether {@link #quantize} builds {@code x} into {@code q} (else use {@code resize}). */
  static boolean applies(FixedType x, Quantizer q) {
    int dropped = x.fraction() - q.type().fraction();
    int integerBits = x.width() - dropped - (x.signed() ? 1 : 0); // bits of t = x >> dropped, its sign apart
    return !q.type().signed() && q.overflow() != Overflow.WRAP && dropped >= 1 && integerBits >= 1;
  }

  /** {@code x} into {@code q}, exactly as {@code x.resize(q.type(), q.rounding(), q.overflow())}. */
  static Fixed quantize(Fixed x, Quantizer q) {
    FixedType in = x.type();
    if (!applies(in, q)) {
      throw new IllegalArgumentException("not an unsigned saturating requantization: " + in + " into " + q);
    }
    FixedType out = q.type();
    int w = out.width();
    int f = in.fraction() - out.fraction();
    int top = in.width() - 1 - (in.signed() ? 1 : 0); // the highest magnitude bit of x
    int lowTop = Math.min(top, f + w - 1);
    UInt low = x.slice(lowTop, f).zext(w + 1);
    Bool increment = increment(x, f, q.rounding());
    UInt sum = low.add(increment.asUInt().zext(w + 1)).slice(w, 0);
    Bool over = sum.bit(w);
    if (top >= f + w) {
      over = over.or(x.slice(top, f + w).orR());
    }
    UInt max = constant(out.maxRaw().longValueExact(), uint(w));
    UInt saturated = mux(over, max, sum.slice(w - 1, 0));
    UInt result = in.signed() ? mux(x.bit(in.width() - 1), constant(0, uint(w)), saturated) : saturated;
    return result.as(out);
  }

  /** Whether rounding a non-negative {@code x} adds one to {@code x >> f}. */
  private static Bool increment(Fixed x, int f, Rounding rounding) {
    return switch (rounding) {
      case TRUNCATE, TRUNCATE_TO_ZERO -> constant(false);
      case HALF_UP -> x.bit(f - 1);
      case HALF_EVEN -> {
        Bool odd = f >= 2 ? x.slice(f - 2, 0).orR().or(x.bit(f)) : x.bit(f);
        yield x.bit(f - 1).and(odd);
      }
    };
  }
}
