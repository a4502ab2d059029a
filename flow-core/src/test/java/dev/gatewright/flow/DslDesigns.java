package dev.gatewright.flow;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import java.nio.file.Path;

/**
 * Small designs built with the DSL, emitted with {@link SystemVerilog#write} and read back through
 * their file list, as a user's generated design reaches the flows. Every operand and result is
 * registered so the FPGA estimates count what a pipelined design would use.
 *
 * <ul>
 *   <li>{@link #multipliers}: {@code n} registered 8x8 signed products of variable operands;
 *   <li>{@link #timesThree}: {@code x * 3} as {@code (x << 1) + x}, the shift-add form;
 *   <li>{@link #adder}: a registered signed adder of the given width;
 *   <li>{@link #twoLevels}: a top with two instances of a pair of one-multiplier modules: four
 *       multipliers in three levels of hierarchy.
 * </ul>
 */
public final class DslDesigns {

  private DslDesigns() {}

  public static Component<Void> multipliers(int n) {
    return module("dsl_mul" + n, m -> {
      for (int i = 0; i < n; i++) {
        SInt a = m.reg("a" + i + "_q", m.input("a" + i, sint(8)));
        SInt b = m.reg("b" + i + "_q", m.input("b" + i, sint(8)));
        m.output("p" + i, m.reg("p" + i + "_q", a.mul(b)));
      }
    });
  }

  public static Component<Void> timesThree() {
    return module("dsl_times3", m -> {
      SInt x = m.reg("x_q", m.input("x", sint(8)));
      m.output("y", m.reg("y_q", x.shl(1).add(x)));
    });
  }

  public static Component<Void> adder(int width) {
    return module("dsl_adder" + width, m -> {
      SInt a = m.reg("a_q", m.input("a", sint(width)));
      SInt b = m.reg("b_q", m.input("b", sint(width)));
      m.output("sum", m.reg("sum_q", a.add(b)));
    });
  }

  /** Two 8x8 products: a0*b0 and a1*b1 (the pair's IO; the single multiplier uses the first half). */
  public static final class ProductIo extends Bundle {
    public final SInt a0 = input("a0", sint(8));
    public final SInt b0 = input("b0", sint(8));
    public final SInt p0 = output("p0", sint(16));
  }

  /** The pair's IO: two products. */
  public static final class PairIo extends Bundle {
    public final SInt a0 = input("a0", sint(8));
    public final SInt b0 = input("b0", sint(8));
    public final SInt a1 = input("a1", sint(8));
    public final SInt b1 = input("b1", sint(8));
    public final SInt p0 = output("p0", sint(16));
    public final SInt p1 = output("p1", sint(16));
  }

  public static Component<Void> twoLevels() {
    Component<ProductIo> multiplier = module("dsl_mul1", bundle(ProductIo::new), (m, io) -> {
      SInt a = m.reg("a0_q", io.a0);
      SInt b = m.reg("b0_q", io.b0);
      io.p0.assign(m.reg("p0_q", a.mul(b)));
    });
    Component<PairIo> pair = module("dsl_mul_pair", bundle(PairIo::new), (m, io) -> {
      ProductIo first = m.instance("u_mul0", multiplier);
      first.a0.assign(io.a0);
      first.b0.assign(io.b0);
      io.p0.assign(first.p0);
      ProductIo second = m.instance("u_mul1", multiplier);
      second.a0.assign(io.a1);
      second.b0.assign(io.b1);
      io.p1.assign(second.p0);
    });
    return module("dsl_two_levels", m -> {
      for (int k = 0; k < 2; k++) {
        PairIo u = m.instance("u_pair" + k, pair);
        u.a0.assign(m.input("a" + k + "0", sint(8)));
        u.b0.assign(m.input("b" + k + "0", sint(8)));
        u.a1.assign(m.input("a" + k + "1", sint(8)));
        u.b1.assign(m.input("b" + k + "1", sint(8)));
        m.output("p" + k + "0", u.p0);
        m.output("p" + k + "1", u.p1);
      }
    });
  }

  /** Writes {@code design} into {@code folder/<name>} and reads it back through its file list. */
  public static DesignFiles emit(Component<?> design, Path folder) {
    Path dir = folder.resolve(design.name());
    EmittedDesign emitted = SystemVerilog.write(design, dir);
    return DesignFiles.fromFileList(dir.resolve(emitted.fileListName()), emitted.top());
  }
}
