package dev.gatewright.flow;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Instance;
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
 *   <li>{@link #adder}: a registered signed adder of the given width;
 *   <li>{@link #twoLevels}: a top with two instances of a pair of one-multiplier modules: four
 *       multipliers in three levels of hierarchy.
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

  public static Module twoLevels() {
    Module multiplier = multipliers(1);
    Module pair = module("dsl_mul_pair", m -> {
      for (int k = 0; k < 2; k++) {
        Instance u = m.instance("u_mul" + k, multiplier);
        u.input("a0").assign(m.input("a" + k, sint(8)));
        u.input("b0").assign(m.input("b" + k, sint(8)));
        Signal p = u.output("p0");
        m.output("p" + k, p.type()).assign(p);
      }
    });
    return module("dsl_two_levels", m -> {
      for (int k = 0; k < 2; k++) {
        Instance u = m.instance("u_pair" + k, pair);
        for (int j = 0; j < 2; j++) {
          u.input("a" + j).assign(m.input("a" + k + j, sint(8)));
          u.input("b" + j).assign(m.input("b" + k + j, sint(8)));
          Signal p = u.output("p" + j);
          m.output("p" + k + j, p.type()).assign(p);
        }
      }
    });
  }

  /** Writes {@code design} into {@code folder/<name>} and reads it back through its file list. */
  public static DesignFiles emit(Module design, Path folder) {
    Path dir = folder.resolve(design.name());
    EmittedDesign emitted = SystemVerilog.write(design, dir);
    return DesignFiles.fromFileList(dir.resolve(emitted.fileListName()), emitted.top());
  }
}
