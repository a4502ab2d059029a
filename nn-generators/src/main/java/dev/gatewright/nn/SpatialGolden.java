package dev.gatewright.nn;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Rounding;
import java.math.BigInteger;

/** The golden convolution, max pool and global pool ({@link GoldenModel} documents them). */
final class SpatialGolden {

  private SpatialGolden() {}

  static long[] conv(Conv layer, long[] input) {
    FeatureMap in = layer.input();
    FeatureMap out = layer.output();
    Window w = layer.window();
    Dense kernel = layer.kernel();
    long[] y = new long[out.size()];
    long[] window = new long[kernel.inputs()];
    for (int oy = 0; oy < out.height(); oy++) {
      for (int ox = 0; ox < out.width(); ox++) {
        gather(in, w, input, oy, ox, 0, window);
        long[] v = GoldenModel.dense(kernel, window);
        System.arraycopy(v, 0, y, out.index(oy, ox, 0), v.length);
      }
    }
    return y;
  }

  static long[] maxPool(MaxPool layer, long[] input) {
    FeatureMap in = layer.input();
    FeatureMap out = layer.output();
    Window w = layer.window();
    long pad = layer.type().minRaw().longValueExact();
    long[] window = new long[w.size(in.channels())];
    long[] y = new long[out.size()];
    for (int oy = 0; oy < out.height(); oy++) {
      for (int ox = 0; ox < out.width(); ox++) {
        gather(in, w, input, oy, ox, pad, window);
        for (int c = 0; c < in.channels(); c++) {
          long best = Long.MIN_VALUE;
          for (int k = c; k < window.length; k += in.channels()) {
            best = Math.max(best, window[k]);
          }
          y[out.index(oy, ox, c)] = best;
        }
      }
    }
    return y;
  }

  static long[] globalPool(GlobalPool layer, long[] input) {
    FeatureMap in = layer.input();
    long[] y = new long[in.channels()];
    for (int c = 0; c < in.channels(); c++) {
      long sum = 0;
      for (int p = 0; p < in.pixels(); p++) {
        sum += input[p * in.channels() + c];
      }
      y[c] = divide(BigInteger.valueOf(sum), layer.sumType(), layer.divisor(), layer.result()).longValueExact();
    }
    return y;
  }

  /**
   * The window at output position {@code (oy, ox)} in the order (kernel row, kernel column, channel),
   * {@code pad} where it lies outside the map.
   */
  static void gather(FeatureMap in, Window w, long[] input, int oy, int ox, long pad, long[] window) {
    int k = 0;
    for (int ky = 0; ky < w.kernelHeight(); ky++) {
      int iy = oy * w.strideHeight() - w.padTop() + ky;
      for (int kx = 0; kx < w.kernelWidth(); kx++) {
        int ix = ox * w.strideWidth() - w.padLeft() + kx;
        boolean inside = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width();
        for (int c = 0; c < in.channels(); c++) {
          window[k++] = inside ? input[in.index(iy, ix, c)] : pad;
        }
      }
    }
  }

  /**
   * {@code raw / divisor} (raw a value of {@code from}) in the quantizer's type: the exact quotient rounded
   * once with the quantizer's rounding, then its overflow — what {@link FixedMath#resize} does when the
   * divisor is 1.
   */
  static BigInteger divide(BigInteger raw, FixedType from, long divisor, Quantizer to) {
    int shift = to.type().fraction() - from.fraction();
    BigInteger num = shift >= 0 ? raw.shiftLeft(shift) : raw;
    BigInteger den = BigInteger.valueOf(divisor).shiftLeft(Math.max(0, -shift));
    BigInteger rounded = roundQuotient(num, den, to.rounding());
    return FixedMath.overflow(rounded, to.type(), to.overflow());
  }

  /** {@code num / den} (den positive) rounded to an integer as {@link FixedMath#round} rounds. */
  static BigInteger roundQuotient(BigInteger num, BigInteger den, Rounding rounding) {
    BigInteger[] qr = num.divideAndRemainder(den);
    BigInteger q = qr[0];
    BigInteger r = qr[1];
    if (r.signum() < 0) { // floor division
      q = q.subtract(BigInteger.ONE);
      r = r.add(den);
    }
    int half = r.shiftLeft(1).compareTo(den);
    boolean up = switch (rounding) {
      case TRUNCATE -> false;
      case TRUNCATE_TO_ZERO -> num.signum() < 0 && r.signum() != 0;
      case HALF_UP -> half >= 0;
      case HALF_EVEN -> half > 0 || (half == 0 && q.testBit(0));
    };
    return up ? q.add(BigInteger.ONE) : q;
  }
}
