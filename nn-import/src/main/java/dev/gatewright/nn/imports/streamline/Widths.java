package dev.gatewright.nn.imports.streamline;

import dev.gatewright.hdl.FixedType;
import java.math.BigInteger;

/** The narrowest fixed-point types for integer ranges. */
final class Widths {

  private Widths() {}

  /** The narrowest type with {@code fraction} fraction bits whose raw range holds {@code low..high}. */
  static FixedType typeFor(BigInteger low, BigInteger high, int fraction) {
    boolean signed = low.signum() < 0;
    int width;
    if (signed) {
      width = Math.max(low.bitLength(), high.bitLength()) + 1;
    } else {
      width = Math.max(1, high.bitLength());
    }
    return new FixedType(signed, width, fraction);
  }

  static FixedType typeFor(long low, long high, int fraction) {
    return typeFor(BigInteger.valueOf(low), BigInteger.valueOf(high), fraction);
  }

  /** The signed type with {@code fraction} fraction bits holding every value of {@code values}. */
  static FixedType signedFor(long[][] values, int fraction) {
    long low = -1;
    long high = 0;
    for (long[] row : values) {
      for (long v : row) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    return new FixedType(true, Math.max(BigInteger.valueOf(low).bitLength(), BigInteger.valueOf(high).bitLength()) + 1,
        fraction);
  }
}
