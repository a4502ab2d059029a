package dev.gatewright.hdl.examples;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.Signal;

/**
 * An output-stationary systolic grid of fixed-point multiply-accumulate cells, flat in one module:
 * operands enter at the left and top edges, move one cell per clock, and every cell accumulates the
 * products it sees. Each row's output is the XOR of its accumulators, so nothing is left unread.
 */
public record MacGrid(int rows, int columns, FixedType operand, FixedType accumulator) {

  public static MacGrid square(int size) {
    return new MacGrid(size, size, sfix(8, 6), sfix(20, 12));
  }

  public Module build() {
    return module("mac_grid_" + rows + "x" + columns, m -> {
      Signal[] fromLeft = new Signal[rows];
      Signal[] fromTop = new Signal[columns];
      for (int r = 0; r < rows; r++) {
        fromLeft[r] = m.input("a" + r, operand);
      }
      for (int c = 0; c < columns; c++) {
        fromTop[c] = m.input("b" + c, operand);
      }
      for (int r = 0; r < rows; r++) {
        Signal rowOutput = null;
        for (int c = 0; c < columns; c++) {
          String cell = "_" + r + "_" + c;
          var sum = m.reg("acc" + cell, accumulator).init(0);
          sum.assign(sum.add(fromLeft[r].mul(fromTop[c])).resize(accumulator, Rounding.TRUNCATE, Overflow.WRAP));
          if (c + 1 < columns) {
            fromLeft[r] = m.reg("a" + cell, fromLeft[r]);
          }
          if (r + 1 < rows) {
            fromTop[c] = m.reg("b" + cell, fromTop[c]);
          }
          rowOutput = rowOutput == null ? sum : rowOutput.xor(sum);
        }
        m.output("row" + r, accumulator).assign(rowOutput);
      }
    });
  }
}
