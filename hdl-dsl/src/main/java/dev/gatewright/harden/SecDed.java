package dev.gatewright.harden;

import static dev.gatewright.hdl.Hdl.cat;
import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.uint;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.UInt;
import java.math.BigInteger;

/**
 * The extended Hamming code (single error correction, double error detection) for words of {@code k}
 * data bits, in hardware and in Java with the same bit layout. A codeword keeps the data in its low
 * {@code k} bits, then the {@code r} Hamming check bits ({@code 2^r ≥ k + r + 1}), then one overall
 * parity bit: {@code k + r + 1} bits. Data bit {@code i} sits at Hamming position {@code position(i)}
 * (the positions 1, 2, … that are not powers of two, in order); check bit {@code j} covers the
 * positions with bit {@code j} set.
 *
 * <p>Reading: the syndrome is the recomputed check bits xor the stored ones; with the overall parity
 * it says no error (0, even), one error (odd: the syndrome is its position, 0 for the parity bit
 * itself; a data bit there is flipped back), or two (syndrome ≠ 0, even: uncorrectable). An odd
 * parity with a syndrome that names no position of the code is three or more errors: uncorrectable.
 */
public record SecDed(int dataBits) {

  /** What a read of a codeword gives: the (corrected) data and what the decoder saw. */
  public record Decoded(BigInteger data, boolean corrected, boolean uncorrectable) {}

  /** The decoder in hardware: the (corrected) data and its two flags. */
  public record Read(UInt data, Bool corrected, Bool uncorrectable) {}

  public SecDed {
    if (dataBits < 1) {
      throw new IllegalArgumentException("a SEC-DED code protects at least 1 data bit, not " + dataBits);
    }
  }

  /** Hamming check bits {@code r}: the least with {@code 2^r ≥ k + r + 1}. */
  public int checkBits() {
    int r = 1;
    while ((1L << r) < dataBits + r + 1) {
      r++;
    }
    return r;
  }

  public int codewordBits() {
    return dataBits + checkBits() + 1;
  }

  /** Hamming position (from 1) of data bit {@code i}: the {@code i}-th position that is not a power of two. */
  public int position(int i) {
    int position = 0;
    int seen = -1;
    while (seen < i) {
      position++;
      if (Integer.bitCount(position) != 1) {
        seen++;
      }
    }
    return position;
  }

  // ---- Java ------------------------------------------------------------------------------------

  public BigInteger encode(BigInteger data) {
    BigInteger d = data.and(BigInteger.ONE.shiftLeft(dataBits).subtract(BigInteger.ONE));
    BigInteger code = d;
    int r = checkBits();
    for (int j = 0; j < r; j++) {
      if (checkParity(d, j)) {
        code = code.setBit(dataBits + j);
      }
    }
    if (code.bitCount() % 2 == 1) {
      code = code.setBit(dataBits + r);
    }
    return code;
  }

  public Decoded decode(BigInteger code) {
    int r = checkBits();
    BigInteger d = code.and(BigInteger.ONE.shiftLeft(dataBits).subtract(BigInteger.ONE));
    int syndrome = 0;
    for (int j = 0; j < r; j++) {
      if (checkParity(d, j) != code.testBit(dataBits + j)) {
        syndrome |= 1 << j;
      }
    }
    boolean odd = code.and(BigInteger.ONE.shiftLeft(codewordBits()).subtract(BigInteger.ONE)).bitCount() % 2 == 1;
    if (!odd) {
      return new Decoded(d, false, syndrome != 0);
    }
    if (syndrome == 0 || Integer.bitCount(syndrome) == 1) {
      return new Decoded(d, true, false);
    }
    for (int i = 0; i < dataBits; i++) {
      if (position(i) == syndrome) {
        return new Decoded(d.flipBit(i), true, false);
      }
    }
    return new Decoded(d, false, true);
  }

  private boolean checkParity(BigInteger data, int j) {
    boolean parity = false;
    for (int i = 0; i < dataBits; i++) {
      if ((position(i) >> j & 1) == 1 && data.testBit(i)) {
        parity = !parity;
      }
    }
    return parity;
  }

  // ---- hardware --------------------------------------------------------------------------------

  /** The codeword of {@code data} ({@link #dataBits()} wide). */
  public UInt encode(UInt data) {
    requireWidth(data.width(), dataBits, "data");
    int r = checkBits();
    Signal[] parts = new Signal[r + 1];
    for (int j = 0; j < r; j++) {
      parts[r - j] = coverage(data, j);
    }
    UInt withChecks = cat(cat(java.util.Arrays.copyOfRange(parts, 1, r + 1)), data);
    parts[0] = withChecks.xorR();
    return cat(parts[0], withChecks);
  }

  /** Decodes {@code code} ({@link #codewordBits()} wide): corrects one error, flags two. */
  public Read decode(UInt code) {
    requireWidth(code.width(), codewordBits(), "codeword");
    int r = checkBits();
    UInt data = code.slice(dataBits - 1, 0);
    Signal[] syndromeBits = new Signal[r];
    for (int j = 0; j < r; j++) {
      syndromeBits[r - 1 - j] = coverage(data, j).xor(code.bit(dataBits + j));
    }
    UInt syndrome = cat(syndromeBits);
    Bool odd = code.xorR();
    Bool clean = syndrome.eq(0);
    Signal[] corrected = new Signal[dataBits];
    Bool named = constant(false);
    for (int i = 0; i < dataBits; i++) {
      Bool here = odd.and(syndrome.eq(position(i)));
      named = named.or(here);
      corrected[dataBits - 1 - i] = data.bit(i).xor(here);
    }
    Bool checkOrParity = clean;
    for (int j = 0; j < r; j++) {
      checkOrParity = checkOrParity.or(syndrome.eq(1L << j));
    }
    Bool single = odd.and(named.or(checkOrParity));
    Bool uncorrectable = odd.not().and(clean.not()).or(odd.and(single.not()));
    return new Read(cat(corrected), single, uncorrectable);
  }

  /** Check bit {@code j} of {@code data}: the xor of the data bits whose position has bit {@code j} set. */
  private Bool coverage(UInt data, int j) {
    BigInteger mask = BigInteger.ZERO;
    for (int i = 0; i < dataBits; i++) {
      if ((position(i) >> j & 1) == 1) {
        mask = mask.setBit(i);
      }
    }
    if (mask.signum() == 0) {
      return constant(false);
    }
    return data.and(constant(mask, uint(dataBits))).xorR();
  }

  private static void requireWidth(int actual, int expected, String what) {
    if (actual != expected) {
      throw new IllegalArgumentException("the SEC-DED " + what + " is " + expected + " bits wide, not " + actual);
    }
  }
}
