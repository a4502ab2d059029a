package dev.gatewright.hdl.designs;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.Signal;

/** Real designs the emission tests run through Verilator, Yosys and Icarus. */
public final class TestDesigns {

  private TestDesigns() {}

  public static Module counter() {
    return module("counter", m -> {
      var enable = m.input("enable", bool());
      var count = m.reg("count", uint(8)).init(0);
      when(enable, () -> count.assign(count.add(1).resize(uint(8), Overflow.WRAP)));
      m.output("value", uint(8)).assign(count);
    });
  }

  /** A 4-tap FIR filter: signed fixed-point samples, fixed-point coefficients, a registered output. */
  public static Module fir() {
    double[] coefficients = {0.125, -0.375, 0.75, 0.5};
    FixedType sample = sfix(8, 6);
    FixedType coefficient = sfix(8, 7);
    FixedType result = sfix(10, 6);
    return module("fir4", m -> {
      var x = m.input("x", sample);
      Signal tap = x;
      Signal sum = null;
      for (int i = 0; i < coefficients.length; i++) {
        Signal product = tap.mul(constant(coefficients[i], coefficient));
        sum = sum == null ? product : sum.add(product);
        tap = m.reg("tap" + i, tap).init(0);
      }
      var y = m.reg("y_q", sum.resize(result, Rounding.HALF_EVEN, Overflow.SATURATE)).init(0.0);
      m.output("y", result).assign(y);
    });
  }

  /** Three levels: a ROM leaf used twice, a buffer with a memory, and a top with two buffers. */
  public static Module hierarchy() {
    Module lookup = module("square_lut", m -> {
      long[] squares = new long[16];
      for (int i = 0; i < 16; i++) {
        squares[i] = (long) i * i;
      }
      m.output("square", uint(8)).assign(m.rom("squares", uint(8), squares).read(m.input("index", uint(4))));
    });
    Module buffer = module("buffer", m -> {
      var write = m.input("write", bool());
      var address = m.input("address", uint(3));
      var data = m.input("data", uint(4));
      var memory = m.memory("words", 8, uint(4));
      when(write, () -> memory.write(address, data));
      var stored = memory.readSync(address);
      var asyncRead = memory.readAsync(address.not());
      var low = m.instance("low", lookup);
      low.input("index").assign(stored);
      var high = m.instance("high", lookup);
      high.input("index").assign(asyncRead);
      m.output("sum", uint(9)).assign(low.output("square").add(high.output("square")));
    });
    Module sameBufferAgain = buffer;
    return module("system", m -> {
      var write = m.input("write", bool());
      var address = m.input("address", uint(3));
      var data = m.input("data", uint(4));
      var a = m.instance("a", buffer);
      var b = m.instance("b", sameBufferAgain);
      for (var u : new dev.gatewright.hdl.Instance[] {a, b}) {
        u.input("write").assign(write);
        u.input("address").assign(address);
      }
      a.input("data").assign(data);
      b.input("data").assign(data.not());
      m.output("total", uint(10)).assign(a.output("sum").add(b.output("sum")));
    });
  }

  /** Every operator, every resize mode, signed and unsigned, up to 100-bit values. */
  public static Module everyOperator() {
    return module("every_operator", m -> {
      var a = m.input("a", sint(70));
      var b = m.input("b", uint(65));
      var c = m.input("c", sint(12));
      var d = m.input("d", uint(5));
      var f = m.input("f", sfix(16, 6));
      var g = m.input("g", ufix(12, 9));
      var v = m.input("v", vec(4, sint(6)));
      var select = m.input("select", bool());
      var index = m.input("index", uint(2));

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
      out(m, "signed_bitwise", a.xor(c));
      out(m, "compare", cat(a.lt(c), a.le(b), b.gt(d), f.ge(g), a.eq(c), b.ne(d)));
      out(m, "reduce", cat(a.andR(), b.orR(), c.xorR()));
      out(m, "shifted", cat(c.shl(3).asUInt(), c.shr(2).asUInt(), b.shr(60).slice(4, 0), a.shr(69).asUInt().slice(0, 0), b.slice(28, 0)));
      out(m, "dynamic_left", c.shl(d));
      out(m, "dynamic_right", cat(a.shr(d).asUInt(), b.shr(d).asUInt()));
      out(m, "extended", cat(c.sext(50), d.zext(50)));
      out(m, "bits", cat(a.bit(69), b.bit(0), f.bit(3)));
      m.output("muxed", sint(70)).assign(mux(select, a, c.sext(70)));
      m.output("element", sint(6)).assign(v.get(index));
      m.output("element_fixed", sint(6)).assign(v.get(2));
      m.output("values_extended", sfix(20, 9)).assign(f.extend(sfix(20, 9)));
      HdlType[] targets = {sfix(8, 4), ufix(8, 4), sfix(5, 8), sfix(12, 1), ufix(3, -1)};
      int k = 0;
      for (HdlType target : targets) {
        for (Rounding rounding : Rounding.values()) {
          for (Overflow overflow : Overflow.values()) {
            m.output("f_" + k++, target).assign(f.resize(target, rounding, overflow));
            m.output("g_" + k++, target).assign(g.resize(target, rounding, overflow));
          }
        }
      }
      m.output("wide_resize", sfix(66, 10)).assign(a.toFixed().mul(f).resize(sfix(66, 10), Rounding.HALF_EVEN, Overflow.SATURATE_SYMMETRIC));
      for (Overflow overflow : Overflow.values()) {
        m.output("int_" + overflow.name().toLowerCase(), sint(40)).assign(a.resize(sint(40), overflow));
        m.output("uint_" + overflow.name().toLowerCase(), uint(9)).assign(c.resize(uint(9), overflow));
      }
    });
  }

  private static void out(dev.gatewright.hdl.ModuleBuilder m, String name, Signal value) {
    m.output(name, value.type()).assign(value);
  }

  /** User names that are SystemVerilog keywords, or that clash, survive renamed. */
  public static Module awkwardNames() {
    return module("names", m -> {
      var input = m.input("input", uint(4));
      var reg = m.wire("reg", uint(4));
      reg.assign(input);
      var first = input.not().named("tmp");
      var second = input.named("tmp");
      m.output("module", uint(4)).assign(first.xor(second).xor(reg));
    });
  }
}
