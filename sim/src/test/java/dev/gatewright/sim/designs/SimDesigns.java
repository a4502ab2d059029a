package dev.gatewright.sim.designs;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import java.util.Locale;

/** Designs the simulator tests run on both engines. */
public final class SimDesigns {

  private SimDesigns() {}

  /** An 8-bit counter that counts while {@code enable} is high. */
  public static Component<Void> counter() {
    return module("counter", m -> {
      Bool enable = m.input("enable", bool());
      UInt count = m.reg("count", uint(8)).init(0);
      when(enable, () -> count.assign(count.add(1).resize(uint(8), Overflow.WRAP)));
      m.output("value", uint(8)).assign(count);
    });
  }

  /** A 4-tap FIR filter: signed fixed-point samples, fixed-point coefficients, a registered output. */
  public static Component<Void> fir() {
    double[] coefficients = {0.125, -0.375, 0.75, 0.5};
    FixedType sample = sfix(8, 6);
    FixedType coefficient = sfix(8, 7);
    FixedType result = sfix(10, 6);
    return module("fir4", m -> {
      Fixed tap = m.input("x", sample);
      Fixed sum = null;
      for (int i = 0; i < coefficients.length; i++) {
        Fixed product = tap.mul(constant(coefficients[i], coefficient));
        sum = sum == null ? product : sum.add(product);
        tap = m.reg("tap" + i, tap).init(0.0);
      }
      Fixed y = m.reg("y_q", sum.resize(result, Rounding.HALF_EVEN, Overflow.SATURATE)).init(0.0);
      m.output("y", result).assign(y);
    });
  }

  /** The IO of the square lookup: an index in, its square out. */
  public static final class LookupIo extends Bundle {
    public final UInt index = input("index", uint(4));
    public final UInt square = output("square", uint(8));
  }

  /** The IO of a buffer: a write port and the sum of two squares read back. */
  public static final class BufferIo extends Bundle {
    public final Bool write = input("write", bool());
    public final UInt address = input("address", uint(3));
    public final UInt data = input("data", uint(4));
    public final UInt sum = output("sum", uint(9));
  }

  public static final BundleType<LookupIo> LOOKUP_IO = bundle(LookupIo::new);
  public static final BundleType<BufferIo> BUFFER_IO = bundle(BufferIo::new);

  /**
   * Three levels: a ROM leaf used twice per buffer, a buffer with a memory, a top with two buffers.
   * {@code total} = the squares of a's and b's word at {@code address} (read synchronously) plus the
   * squares of their words at {@code ~address} (read asynchronously); b stores {@code ~data}.
   */
  public static Component<Void> hierarchy() {
    Component<LookupIo> lookup = module("square_lut", LOOKUP_IO, (m, io) -> {
      long[] squares = new long[16];
      for (int i = 0; i < 16; i++) {
        squares[i] = (long) i * i;
      }
      io.square.assign(m.rom("squares", uint(8), squares).read(io.index));
    });
    Component<BufferIo> buffer = module("buffer", BUFFER_IO, (m, io) -> {
      var memory = m.memory("words", 8, uint(4));
      when(io.write, () -> memory.write(io.address, io.data));
      LookupIo low = m.instance("low", lookup);
      low.index.assign(memory.readSync(io.address));
      LookupIo high = m.instance("high", lookup);
      high.index.assign(memory.readAsync(io.address.not()));
      io.sum.assign(low.square.add(high.square));
    });
    return module("system", m -> {
      Bool write = m.input("write", bool());
      UInt address = m.input("address", uint(3));
      UInt data = m.input("data", uint(4));
      BufferIo a = m.instance("a", buffer);
      BufferIo b = m.instance("b", buffer);
      for (BufferIo u : new BufferIo[] {a, b}) {
        u.write.assign(write);
        u.address.assign(address);
      }
      a.data.assign(data);
      b.data.assign(data.not());
      m.output("total", uint(10)).assign(a.sum.add(b.sum));
    });
  }

  /** Every operator, every resize mode, signed and unsigned, up to 100-bit values. */
  public static Component<Void> everyOperator() {
    return module("every_operator", m -> {
      SInt a = m.input("a", sint(70));
      UInt b = m.input("b", uint(65));
      SInt c = m.input("c", sint(12));
      UInt d = m.input("d", uint(5));
      Fixed f = m.input("f", sfix(16, 6));
      Fixed g = m.input("g", ufix(12, 9));
      var v = m.input("v", vec(4, sint(6)));
      Bool select = m.input("select", bool());
      UInt index = m.input("index", uint(2));

      out(m, "sum_signed", a.add(b));
      out(m, "difference", a.sub(b));
      out(m, "product", a.mul(b));
      out(m, "product_small", c.mul(d));
      out(m, "negated", a.neg());
      out(m, "unsigned_sum", b.add(d));
      out(m, "unsigned_difference", b.sub(d));
      out(m, "fixed_sum", f.add(g));
      out(m, "fixed_product", f.mul(g));
      out(m, "bitwise", b.and(b.not()).or(b.xor(d.zext(65))));
      out(m, "signed_bitwise", a.xor(c.extend(70)));
      out(m, "compare", cat(a.lt(c), a.le(b), b.gt(d), f.ge(g), a.eq(c), b.ne(d)));
      out(m, "reduce", cat(a.andR(), b.orR(), c.xorR()));
      out(m, "shifted", cat(c.shl(3).asUInt(), c.shr(2).asUInt(), b.shr(60).slice(4, 0), a.shr(69).asUInt().slice(0, 0),
          b.slice(28, 0)));
      out(m, "dynamic_left", c.shl(d));
      out(m, "dynamic_right", cat(a.shr(d).asUInt(), b.shr(d).asUInt()));
      out(m, "extended", cat(c.sext(50), d.zext(50)));
      out(m, "bits", cat(a.bit(69), b.bit(0), f.bit(3)));
      out(m, "muxed", mux(select, a, c.extend(70)));
      out(m, "element", v.get(index));
      out(m, "element_fixed", v.get(2));
      out(m, "values_extended", f.extend(sfix(20, 9)));
      FixedType[] targets = {sfix(8, 4), ufix(8, 4), sfix(5, 8), sfix(12, 1), ufix(3, -1)};
      int k = 0;
      for (FixedType target : targets) {
        for (Rounding rounding : Rounding.values()) {
          for (Overflow overflow : Overflow.values()) {
            out(m, "f_" + k++, f.resize(target, rounding, overflow));
            out(m, "g_" + k++, g.resize(target, rounding, overflow));
          }
        }
      }
      out(m, "wide_resize", a.toFixed().mul(f).resize(sfix(66, 10), Rounding.HALF_EVEN, Overflow.SATURATE_SYMMETRIC));
      for (Overflow overflow : Overflow.values()) {
        out(m, "int_" + overflow.name().toLowerCase(Locale.ROOT), a.resize(sint(40), overflow));
        out(m, "uint_" + overflow.name().toLowerCase(Locale.ROOT), c.resize(uint(9), overflow));
      }
    });
  }

  private static void out(ModuleBuilder m, String name, UInt value) {
    m.output(name, value.type()).assign(value);
  }

  private static void out(ModuleBuilder m, String name, SInt value) {
    m.output(name, value.type()).assign(value);
  }

  private static void out(ModuleBuilder m, String name, Fixed value) {
    m.output(name, value.type()).assign(value);
  }
}
