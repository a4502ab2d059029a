package dev.gatewright.sim.java;

import java.math.BigInteger;

/**
 * Values wider than 64 bits as little-endian arrays of 64-bit words, the bits above the width zero.
 * Bit fields are read and written across word boundaries without allocating.
 */
final class Words {

  private Words() {}

  static int count(int width) {
    return (width + 63) >>> 6;
  }

  static long mask(int width) {
    return width >= 64 ? -1L : (1L << width) - 1;
  }

  /** {@code bits} bits (at most 64) of {@code source} starting at bit {@code low}; zero past the end. */
  static long read(long[] source, int low, int bits) {
    int word = low >>> 6;
    int shift = low & 63;
    if (word >= source.length) {
      return 0;
    }
    long value = source[word] >>> shift;
    if (shift != 0 && word + 1 < source.length && 64 - shift < bits) {
      value |= source[word + 1] << (64 - shift);
    }
    return value & mask(bits);
  }

  /** Writes the low {@code bits} bits (at most 64) of {@code value} at bit {@code low} of {@code target}. */
  static void write(long[] target, int low, int bits, long value) {
    long v = value & mask(bits);
    int word = low >>> 6;
    int shift = low & 63;
    long m = mask(bits);
    target[word] = (target[word] & ~(m << shift)) | (v << shift);
    if (shift != 0 && 64 - shift < bits && word + 1 < target.length) {
      int spill = bits - (64 - shift);
      long spillMask = mask(spill);
      target[word + 1] = (target[word + 1] & ~spillMask) | (v >>> (64 - shift));
    }
  }

  /** Copies {@code bits} bits of {@code source} (from bit 0) into {@code target} at bit {@code low}. */
  static void copy(long[] source, int bits, long[] target, int low) {
    for (int done = 0; done < bits; done += 64) {
      int n = Math.min(64, bits - done);
      write(target, low + done, n, read(source, done, n));
    }
  }

  static void clearAbove(long[] words, int width) {
    int used = width & 63;
    if (used != 0) {
      words[words.length - 1] &= mask(used);
    }
  }

  static BigInteger toBigInteger(long[] words) {
    byte[] bytes = new byte[words.length * 8 + 1];
    for (int i = 0; i < words.length; i++) {
      long w = words[i];
      for (int b = 0; b < 8; b++) {
        bytes[bytes.length - 1 - (i * 8 + b)] = (byte) (w >>> (8 * b));
      }
    }
    return new BigInteger(bytes);
  }

  static void fromBigInteger(BigInteger value, int width, long[] target) {
    for (int i = 0; i < target.length; i++) {
      target[i] = value.shiftRight(64 * i).longValue();
    }
    clearAbove(target, width);
  }

  static boolean signBit(long[] words, int width) {
    return ((words[(width - 1) >>> 6] >>> ((width - 1) & 63)) & 1) != 0;
  }
}
