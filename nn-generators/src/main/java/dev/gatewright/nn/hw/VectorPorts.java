package dev.gatewright.nn.hw;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ir.Eval;
import java.math.BigInteger;

/** Packs raw values into a vec port's bits (element 0 lowest) and back. */
public final class VectorPorts {

  private VectorPorts() {}

  public static BigInteger pack(long[] raw, FixedType element) {
    BigInteger bits = BigInteger.ZERO;
    for (int i = raw.length - 1; i >= 0; i--) {
      bits = bits.shiftLeft(element.width()).or(Eval.toBits(BigInteger.valueOf(raw[i]), element.width()));
    }
    return bits;
  }

  public static long[] unpack(BigInteger bits, int size, FixedType element) {
    long[] raw = new long[size];
    BigInteger mask = Eval.mask(element.width());
    for (int i = 0; i < size; i++) {
      BigInteger field = bits.shiftRight(i * element.width()).and(mask);
      raw[i] = (element.signed() ? Eval.toSigned(field, element.width()) : field).longValueExact();
    }
    return raw;
  }
}
