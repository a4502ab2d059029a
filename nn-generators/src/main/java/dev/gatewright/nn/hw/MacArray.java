package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.Vec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A weight-stationary array of {@code rows × columns} multiply-accumulate processing elements computing
 * {@code y[r] = Σ_c w[r][c] · x[c]} for a new {@code x} every cycle.
 *
 * <p>Ports ({@link MacArrayIo}): {@code load} and {@code w} (a vec of {@code rows·columns} weights,
 * row-major) store the weights in the elements' registers on a clock edge where {@code load} is high;
 * {@code in_valid} and {@code x} (a vec of {@code columns} inputs); {@code out_valid} and {@code y} (a vec
 * of {@code rows} sums).
 *
 * <p>{@link Variant#PARALLEL} registers the inputs, multiplies everywhere at once and sums each row in an
 * adder tree: latency 2. {@link Variant#SYSTOLIC} passes each row's partial sum from element to element
 * through a register, the inputs skewed to meet it: latency {@code columns + 1}, and no adder tree.
 * Weights must not change while an input is in flight.
 *
 * <p>The accumulator type is derived so that no sum can overflow ({@link #exactAccumulator}); a narrower
 * one may be given, with the overflow mode applied once to the exact sum, as in the golden model.
 */
public record MacArray(Variant variant, int rows, int columns, FixedType inputType, FixedType weightType,
    FixedType accumulatorType, Overflow overflow) {

  public enum Variant { PARALLEL, SYSTOLIC }

  public MacArray {
    Objects.requireNonNull(variant, "variant");
    if (rows < 1 || columns < 1) {
      throw new IllegalArgumentException("a MAC array needs at least 1 x 1 elements, not " + rows + " x " + columns);
    }
    Objects.requireNonNull(accumulatorType, "accumulatorType");
    Objects.requireNonNull(overflow, "overflow");
    if (accumulatorType.fraction() != inputType.fraction() + weightType.fraction()) {
      throw new IllegalArgumentException("the accumulator must keep every product's " + (inputType.fraction()
          + weightType.fraction()) + " fraction bits, not " + accumulatorType.fraction());
    }
  }

  public static MacArray parallel(int rows, int columns, FixedType inputType, FixedType weightType) {
    return new MacArray(Variant.PARALLEL, rows, columns, inputType, weightType,
        exactAccumulator(columns, inputType, weightType), Overflow.WRAP);
  }

  public static MacArray systolic(int rows, int columns, FixedType inputType, FixedType weightType) {
    return new MacArray(Variant.SYSTOLIC, rows, columns, inputType, weightType,
        exactAccumulator(columns, inputType, weightType), Overflow.WRAP);
  }

  /** A narrower (or wider) accumulator; the overflow mode is applied once, to the exact sum. */
  public MacArray withAccumulator(FixedType type, Overflow mode) {
    return new MacArray(variant, rows, columns, inputType, weightType, type, mode);
  }

  /** The type of any sum of {@code columns} products: the product type plus {@code ceil(log2(columns))} bits. */
  public static FixedType exactAccumulator(int columns, FixedType inputType, FixedType weightType) {
    FixedType product = FixedType.product(inputType, weightType);
    int grow = 32 - Integer.numberOfLeadingZeros(columns - 1);
    return new FixedType(product.signed(), product.width() + grow, product.fraction());
  }

  /** Cycles from an input to its sums. */
  public int latency() {
    return variant == Variant.PARALLEL ? 2 : columns + 1;
  }

  /** What the array computes: raw sums for raw weights {@code w[r][c]} and inputs {@code x[c]}. */
  public long[] golden(long[][] w, long[] x) {
    long[] y = new long[rows];
    for (int r = 0; r < rows; r++) {
      BigInteger sum = BigInteger.ZERO;
      for (int c = 0; c < columns; c++) {
        sum = sum.add(BigInteger.valueOf(w[r][c]).multiply(BigInteger.valueOf(x[c])));
      }
      y[r] = FixedMath.overflow(sum, accumulatorType, overflow).longValueExact();
    }
    return y;
  }

  public Component<MacArrayIo> build() {
    String name = "mac_" + variant.name().toLowerCase(java.util.Locale.ROOT) + "_" + rows + "x" + columns;
    return module(name, MacArrayIo.of(this), (m, io) -> {
      Bool valid = m.reg("valid_x", io.inValid).init(false);
      Vec<Fixed> x = m.reg("x_q", io.x);
      Fixed[][] w = new Fixed[rows][columns];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
          Fixed stored = m.reg("w_" + r + "_" + c, weightType).enable(io.load);
          stored.assign(io.w.get(r * columns + c));
          w[r][c] = stored;
        }
      }
      List<Fixed> y = new ArrayList<>();
      if (variant == Variant.PARALLEL) {
        for (int r = 0; r < rows; r++) {
          List<Fixed> terms = new ArrayList<>();
          for (int c = 0; c < columns; c++) {
            terms.add(x.get(c).mul(w[r][c]));
          }
          while (terms.size() > 1) {
            List<Fixed> next = new ArrayList<>();
            for (int k = 0; k + 1 < terms.size(); k += 2) {
              next.add(terms.get(k).add(terms.get(k + 1)));
            }
            if (terms.size() % 2 == 1) {
              next.add(terms.get(terms.size() - 1));
            }
            terms = next;
          }
          y.add(m.reg("y" + r + "_q", accumulate(terms.get(0))));
        }
        valid = m.reg("valid_y", valid).init(false);
      } else {
        // input c waits c cycles, so that it meets the partial sums that left column 0 with it
        List<Fixed> skewed = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
          skewed.add(m.delay("x" + c + "_skew", x.get(c), c));
        }
        for (int r = 0; r < rows; r++) {
          Fixed partial = null;
          for (int c = 0; c < columns; c++) {
            Fixed product = skewed.get(c).mul(w[r][c]);
            partial = m.reg("psum_" + r + "_" + c, partial == null ? product : partial.add(product));
          }
          y.add(accumulate(partial));
        }
        for (int stage = 1; stage <= columns; stage++) {
          valid = m.reg("valid_pe_" + stage, valid).init(false);
        }
      }
      io.outValid.assign(valid);
      io.y.assign(vecOf(y));
    });
  }

  /** The exact sum into the accumulator type: an extension when it is wide enough, else its overflow mode. */
  private Fixed accumulate(Fixed sum) {
    if (sum.type().fitsIn(accumulatorType)) {
      return sum.extend(accumulatorType);
    }
    return sum.resize(accumulatorType, Rounding.TRUNCATE, overflow);
  }
}
