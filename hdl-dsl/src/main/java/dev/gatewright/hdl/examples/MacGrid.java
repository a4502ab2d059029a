package dev.gatewright.hdl.examples;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.SIntType;

/**
 * An output-stationary systolic grid of signed multiply-accumulate cells, flat in one module: operands
 * enter at the left and top edges and move one cell per clock; every cell accumulates the products it
 * sees (wrapping at the accumulator's width), and every accumulator is an output of its own.
 */
public record MacGrid(int rows, int columns, int operandWidth, int accumulatorWidth) {

  /** The benchmark grid: sint(8) operands, sint(24) accumulators. */
  public static MacGrid square(int size) {
    return new MacGrid(size, size, 8, 24);
  }

  /** A grid with sint(8) operands and sint(16) accumulators: few enough pins for small FPGA packages. */
  public static MacGrid narrow(int size) {
    return new MacGrid(size, size, 8, 16);
  }

  public Component<Void> build() {
    SIntType operand = sint(operandWidth);
    SIntType accumulator = sint(accumulatorWidth);
    return module("mac_grid_" + rows + "x" + columns, m -> {
      SInt[] fromLeft = new SInt[rows];
      SInt[] fromTop = new SInt[columns];
      for (int r = 0; r < rows; r++) {
        fromLeft[r] = m.input("a" + r, operand);
      }
      for (int c = 0; c < columns; c++) {
        fromTop[c] = m.input("b" + c, operand);
      }
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
          String cell = "_" + r + "_" + c;
          SInt sum = m.reg("acc" + cell, accumulator).init(0);
          sum.assign(sum.add(fromLeft[r].mul(fromTop[c])).resize(accumulator, Overflow.WRAP));
          m.output("y" + cell, sum);
          if (c + 1 < columns) {
            fromLeft[r] = m.reg("a" + cell, fromLeft[r]);
          }
          if (r + 1 < rows) {
            fromTop[c] = m.reg("b" + cell, fromTop[c]);
          }
        }
      }
    });
  }
}
