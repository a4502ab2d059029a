package dev.gatewright.flow;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.Signal;
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
 *   <li>{@link #adder}: a registered signed adder of the given width.
 * </ul>
 */
public final class DslDesigns {

  private DslDesigns() {}

  public static Module multipliers(int n) {
    return module("dsl_mul" + n, m -> {
      for (int i = 0; i < n; i++) {
        Signal a = m.reg("a" + i + "_q", m.input("a" + i, sint(8)));
        Signal b = m.reg("b" + i + "_q", m.input("b" + i, sint(8)));
        Signal product = m.reg("p" + i + "_q", a.mul(b));
        m.output("p" + i, product.type()).assign(product);
      }
    });
  }

  public static Module timesThree() {
    return module("dsl_times3", m -> {
      Signal x = m.reg("x_q", m.input("x", sint(8)));
      Signal y = m.reg("y_q", x.shl(1).add(x));
      m.output("y", y.type()).assign(y);
    });
  }

  public static Module adder(int width) {
    return module("dsl_adder" + width, m -> {
      Signal a = m.reg("a_q", m.input("a", sint(width)));
      Signal b = m.reg("b_q", m.input("b", sint(width)));
      Signal sum = m.reg("sum_q", a.add(b));
      m.output("sum", sum.type()).assign(sum);
    });
  }

  /** Writes {@code design} into {@code folder/<name>} and reads it back through its file list. */
  public static DesignFiles emit(Module design, Path folder) {
    Path dir = folder.resolve(design.name());
    EmittedDesign emitted = SystemVerilog.write(design, dir);
    return DesignFiles.fromFileList(dir.resolve(emitted.fileListName()), emitted.top());
  }
}
