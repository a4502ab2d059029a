package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.sint;
import static dev.gatewright.hdl.Hdl.uint;

import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.IntSignal;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.nn.arith.Term;
import dev.gatewright.nn.hw.DenseDatapath.Bus;

/**
 * Integer arithmetic on raw buses for the datapath generators: a value is a {@link UInt} where it cannot be
 * negative and an {@link SInt} where it can, always at its bus width. Sums are formed as wide as the DSL
 * makes them (nothing overflows) and then cut to their bus, which holds every value they take.
 */
final class RawBuses {

  private RawBuses() {}

  /** The raw bits of a fixed-point value as an integer of its signedness. */
  static IntSignal raw(Fixed x) {
    return x.type().signed() ? x.asSInt() : x.asUInt();
  }

  /** The bits of {@code x}, as unsigned. */
  static UInt bits(IntSignal x) {
    return x instanceof UInt u ? u : ((SInt) x).asUInt();
  }

  /** {@code x} as a signed integer (an unsigned one gains a zero top bit). */
  static SInt signed(IntSignal x) {
    return x instanceof SInt s ? s : ((UInt) x).toSInt();
  }

  /** {@code ±(x << t.shift())} for a term whose source carries {@code x}. */
  static IntSignal term(IntSignal x, Term t) {
    if (t.negated()) {
      return signed(x).shl(t.shift()).neg();
    }
    return t.shift() == 0 ? x : x instanceof SInt s ? s.shl(t.shift()) : ((UInt) x).shl(t.shift());
  }

  /** {@code a + b}: unsigned when both are, else signed. */
  static IntSignal add(IntSignal a, IntSignal b) {
    if (a instanceof SInt sa) {
      return sa.add(b);
    }
    if (b instanceof SInt sb) {
      return ((UInt) a).add(sb);
    }
    return ((UInt) a).add((UInt) b);
  }

  /** {@code a - b}, signed. */
  static SInt difference(IntSignal a, IntSignal b) {
    if (a instanceof SInt sa) {
      return sa.sub(b);
    }
    return b instanceof SInt sb ? ((UInt) a).sub(sb) : ((UInt) a).sub((UInt) b);
  }

  /** {@code ±(a << sa) ± (b << sb)}: a subtraction where one term is negated (never both). */
  static IntSignal sum(IntSignal a, Term ta, IntSignal b, Term tb) {
    if (ta.negated() && tb.negated()) {
      throw new IllegalArgumentException("a sum negates at most one of its terms");
    }
    IntSignal x = term(a, ta.negated() ? ta.negate() : ta);
    IntSignal y = term(b, tb.negated() ? tb.negate() : tb);
    if (ta.negated()) {
      return difference(y, x);
    }
    return tb.negated() ? difference(x, y) : add(x, y);
  }

  /** {@code value + constant}, exactly. */
  static IntSignal plus(IntSignal value, long constant) {
    if (constant == 0) {
      return value;
    }
    if (value instanceof UInt u && constant > 0) {
      return u.add(constant);
    }
    return signed(value).add(constant);
  }

  /** {@code constant - value}, exactly. */
  static SInt minus(long constant, IntSignal value) {
    SInt v = signed(value);
    int width = Math.max(v.width(), bitsOf(constant));
    return constant(constant, sint(width)).sub(v);
  }

  /** A constant on a bus of its own width. */
  static IntSignal constantBus(long value, Bus bus) {
    return bus.signed() ? constant(value, sint(bus.width())) : constant(value, uint(bus.width()));
  }

  /**
   * Bits {@code low .. low + bus.width() - 1} of {@code value} (extended by its sign where it is too
   * short), read as the bus reads them: the value itself when it fits the bus, its low bits on purpose
   * where the bus wraps.
   */
  static IntSignal bus(IntSignal value, int low, Bus bus) {
    int top = low + bus.width();
    IntSignal v = value;
    if (v.width() < top) {
      v = v instanceof SInt s ? s.sext(top) : v.zext(top);
    }
    if (low == 0 && v.width() == bus.width() && (v instanceof SInt) == bus.signed()) {
      return v;
    }
    UInt bits = v.slice(top - 1, low);
    return bus.signed() ? bits.asSInt() : bits;
  }

  /** {@code value} under {@code name} in the emitted SystemVerilog. */
  static IntSignal named(IntSignal value, String name) {
    return value instanceof UInt u ? u.named(name) : ((SInt) value).named(name);
  }

  /** Two's-complement bits of a constant. */
  private static int bitsOf(long value) {
    return 65 - Long.numberOfLeadingZeros(value < 0 ? ~value : value);
  }
}
