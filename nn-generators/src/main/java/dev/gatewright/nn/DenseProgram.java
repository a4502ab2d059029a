package dev.gatewright.nn;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;

/**
 * A dense layer prepared for the golden model's fast path: each output's nonzero weights with the indices of
 * their inputs (pruned weights cost nothing), the bias already aligned to the accumulator, and the exact sum
 * brought into the accumulator and the result type in {@code long} arithmetic ({@link FixedMath#overflow(long,
 * FixedType, Overflow)}, {@link FixedMath#resize(long, FixedType, FixedType, dev.gatewright.hdl.Rounding,
 * Overflow)}). It computes {@link GoldenModel#dense} as the class comment there defines it: a {@link Dense}
 * guarantees that the exact sum fits {@link FixedValue#FAST_WIDTH} bits, so no step can overflow a {@code long}.
 */
final class DenseProgram {

  private final int[][] inputs;
  private final long[][] weights;
  private final long[] bias;
  private final int productShift;
  private final FixedType accumulator;
  private final Overflow accumulatorOverflow;
  private final Quantizer result;

  DenseProgram(Dense layer) {
    accumulator = layer.accumulatorType();
    accumulatorOverflow = layer.accumulatorOverflow();
    result = layer.result();
    productShift = layer.weightType().fraction() + layer.inputType().fraction() - accumulator.fraction();
    int biasShift = layer.biasType().fraction() - accumulator.fraction();
    int outputs = layer.outputs();
    inputs = new int[outputs][];
    weights = new long[outputs][];
    bias = new long[outputs];
    for (int o = 0; o < outputs; o++) {
      int nonzero = 0;
      for (int i = 0; i < layer.inputs(); i++) {
        nonzero += layer.weight(o, i) != 0 ? 1 : 0;
      }
      inputs[o] = new int[nonzero];
      weights[o] = new long[nonzero];
      int k = 0;
      for (int i = 0; i < layer.inputs(); i++) {
        long w = layer.weight(o, i);
        if (w != 0) {
          inputs[o][k] = i;
          weights[o][k++] = w;
        }
      }
      bias[o] = align(layer.bias(o), biasShift);
    }
  }

  long[] apply(long[] x) {
    long[] out = new long[bias.length];
    for (int o = 0; o < out.length; o++) {
      int[] in = inputs[o];
      long[] w = weights[o];
      long total = bias[o];
      if (productShift == 0) {
        for (int k = 0; k < in.length; k++) {
          total += w[k] * x[in[k]];
        }
      } else {
        for (int k = 0; k < in.length; k++) {
          total += align(w[k] * x[in[k]], productShift);
        }
      }
      long accumulated = FixedMath.overflow(total, accumulator, accumulatorOverflow);
      out[o] = FixedMath.resize(accumulated, accumulator, result.type(), result.rounding(), result.overflow());
    }
    return out;
  }

  /** Aligned to the accumulator: shifted left, or floored (the arithmetic shift right costs no hardware). */
  static long align(long value, int dropped) {
    return dropped >= 0 ? value >> dropped : value << -dropped;
  }
}
