package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.mux;
import static dev.gatewright.hdl.Hdl.sint;
import static dev.gatewright.hdl.Hdl.uint;
import static dev.gatewright.hdl.Hdl.when;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.ir.MemoryDef;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Small pieces of hardware the stage generators share: counters, constant tables, sums. */
final class Hw {

  private Hw() {}

  /** Bits of an unsigned counter that holds 0..n-1 (at least 1). */
  static int counterBits(long n) {
    return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)));
  }

  /** Bits of an unsigned value 0..n. */
  static int bitsFor(long n) {
    return Math.max(1, 64 - Long.numberOfLeadingZeros(n));
  }

  /** Bits of a signed integer that holds every value in {@code low..high}. */
  static int signedBits(BigInteger low, BigInteger high) {
    return Math.max(low.bitLength(), high.bitLength()) + 1;
  }

  /** A counter 0..n-1 (reset 0), or null when {@code n} is 1 (it would always be 0). */
  static UInt counter(ModuleBuilder m, String name, long n) {
    return n == 1 ? null : m.reg(name, uint(counterBits(n))).init(0);
  }

  /** Advances {@code counter} (mod n) where {@code step} holds; a null counter stays 0. */
  static void advance(UInt counter, long n, Bool step) {
    if (counter != null) {
      when(step, () -> counter.assign(next(counter, n)));
    }
  }

  /** {@code counter + 1}, or 0 after {@code n - 1}. */
  static UInt next(UInt counter, long n) {
    UInt incremented = counter.add(1).resize(counter.type(), Overflow.WRAP);
    return (1L << counter.width()) == n ? incremented
        : mux(counter.eq(n - 1), constant(0, counter.type()), incremented);
  }

  /** Whether {@code counter} is at {@code value}; a null counter is always 0. */
  static Bool at(UInt counter, long value) {
    return counter == null ? constant(value == 0) : counter.eq(value);
  }

  /** An address of exactly the width a table of {@code depth} entries needs ({@code counter} may be null: 0). */
  static UInt address(UInt counter, int depth) {
    UInt a = counter == null ? constant(0, uint(1)) : counter;
    int bits = MemoryDef.addressWidth(depth);
    return a.width() == bits ? a : a.width() < bits ? a.resize(uint(bits), Overflow.WRAP) : a.slice(bits - 1, 0);
  }

  /** A fixed-point constant with raw value {@code raw}. */
  static Fixed rawConstant(long raw, FixedType type) {
    return rawConstant(BigInteger.valueOf(raw), type);
  }

  static Fixed rawConstant(BigInteger raw, FixedType type) {
    return type.signed() ? constant(raw, sint(type.width())).as(type) : constant(raw, uint(type.width())).as(type);
  }

  /**
   * Entry {@code address} of a table of raw values of {@code type} (a constant when every entry is the same, or
   * the table has one entry).
   */
  static Fixed rawTable(ModuleBuilder m, String name, FixedType type, long[] raw, UInt address) {
    boolean uniform = true;
    for (long v : raw) {
      uniform &= v == raw[0];
    }
    if (uniform) {
      return rawConstant(raw[0], type);
    }
    List<BigInteger> entries = new ArrayList<>(raw.length);
    for (long value : raw) {
      entries.add(BigInteger.valueOf(value));
    }
    UInt at = address(address, raw.length);
    return type.signed() ? m.rom(name, sint(type.width()), entries).read(at).as(type)
        : m.rom(name, uint(type.width()), entries).read(at).as(type);
  }

  /** The exact sum of {@code terms} as a balanced tree; an empty list sums to {@code zero}. */
  static Fixed sum(List<Fixed> terms, Fixed zero) {
    if (terms.isEmpty()) {
      return zero;
    }
    List<Fixed> level = new ArrayList<>(terms);
    while (level.size() > 1) {
      List<Fixed> next = new ArrayList<>();
      for (int k = 0; k + 1 < level.size(); k += 2) {
        next.add(level.get(k).add(level.get(k + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }

  /** {@code x} (an exact value that fits) as {@code type}: a sign or zero extension or a cut of unused bits. */
  static Fixed fit(Fixed x, FixedType type) {
    if (x.type().equals(type)) {
      return x;
    }
    return x.resize(type, dev.gatewright.hdl.Rounding.TRUNCATE, Overflow.WRAP);
  }

  /** An integer signal as a Fixed of the same raw value with {@code fraction} fraction bits. */
  static Fixed asFixed(SInt raw, int fraction) {
    return raw.as(new FixedType(true, raw.width(), fraction));
  }
}
