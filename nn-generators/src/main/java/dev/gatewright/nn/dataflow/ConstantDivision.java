package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.mux;
import static dev.gatewright.hdl.Hdl.sint;
import static dev.gatewright.hdl.Hdl.uint;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.nn.Quantizer;
import java.math.BigInteger;

/**
 * {@code x / divisor} rounded once into a quantizer's type, exactly as {@code GlobalPool}'s golden model rounds
 * the exact quotient. A power-of-two divisor only moves the binary point. Otherwise the floor of the quotient is a
 * multiplication by a constant and a shift (Granlund and Montgomery, "Division by invariant integers using
 * multiplication", PLDI 1994: for {@code 0 ≤ n < 2^B} and {@code s = B + ceil(log2 d)},
 * {@code floor(n / d) = floor(n · ceil(2^s / d) / 2^s)}), after an offset that makes the numerator non-negative;
 * the remainder then decides the rounding.
 */
final class ConstantDivision {

  private ConstantDivision() {}

  static Fixed divide(Fixed x, long divisor, Quantizer result) {
    FixedType from = x.type();
    FixedType to = result.type();
    if (Long.bitCount(divisor) == 1) {
      int k = Long.numberOfTrailingZeros(divisor);
      Fixed moved = x.as(new FixedType(from.signed(), from.width(), from.fraction() + k));
      return moved.resize(to, result.rounding(), result.overflow());
    }
    int shift = to.fraction() - from.fraction();
    // the numerator (raw at the result's fraction, or the raw sum) and the denominator
    SInt raw = LaneFunctions.signedRaw(x);
    SInt num = shift > 0 ? raw.shl(shift) : raw;
    BigInteger den = BigInteger.valueOf(divisor).shiftLeft(Math.max(0, -shift));
    BigInteger low = from.minRaw().shiftLeft(Math.max(0, shift));
    BigInteger high = from.maxRaw().shiftLeft(Math.max(0, shift));
    // n = num + K >= 0 with K a multiple of den
    BigInteger offsetQuotient = low.signum() < 0 ? low.negate().add(den).subtract(BigInteger.ONE).divide(den)
        : BigInteger.ZERO;
    BigInteger offset = offsetQuotient.multiply(den);
    int bits = high.add(offset).bitLength();
    int s = bits + den.subtract(BigInteger.ONE).bitLength();
    BigInteger magic = BigInteger.ONE.shiftLeft(s).add(den).subtract(BigInteger.ONE).divide(den);
    UInt n = num.add(offset.longValueExact()).resize(uint(Math.max(bits, 1)), Overflow.WRAP);
    UInt product = n.mul(magic.longValueExact());
    UInt floorShifted = product.shr(s);
    int qBits = Math.max(1, bits - den.bitLength() + 2);
    SInt q = floorShifted.resize(uint(qBits), Overflow.WRAP).toSInt().sub(offsetQuotient.longValueExact());
    SInt remainder = num.sub(q.mul(den.longValueExact()));
    // the remainder is 0..den-1; twice it against den decides rounding to nearest
    int rBits = den.bitLength() + 2;
    SInt r = remainder.resize(sint(rBits), Overflow.WRAP);
    SInt twice = r.shl(1);
    Bool up = switch (result.rounding()) {
      case TRUNCATE -> constant(false);
      case TRUNCATE_TO_ZERO -> num.lt(0).and(r.ne(0));
      case HALF_UP -> twice.ge(den.longValueExact());
      case HALF_EVEN -> twice.gt(den.longValueExact()).or(twice.eq(den.longValueExact()).and(q.bit(0)));
    };
    SInt rounded = mux(up, q.add(1), q.resize(sint(q.width() + 1), Overflow.WRAP));
    Fixed value = rounded.as(new FixedType(true, rounded.width(), to.fraction()));
    return value.resize(to, Rounding.TRUNCATE, result.overflow());
  }
}
