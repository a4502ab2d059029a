package dev.gatewright.nn.train;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;

/**
 * A trained {@link Mlp} as a gatewright network whose {@code GoldenModel} computes exactly what
 * {@link QuantizedInference} computes. Per dense layer {@code fc1, fc2, …}:
 * <ul>
 *   <li>input {@code ufix(8,8)} for the first layer, the previous layer's activation type after that;</li>
 *   <li>weights {@code sfix(b_w, f_w)}, the trainer's codes as raw weights (pruned weights 0);</li>
 *   <li>bias {@code sfix(n, f_w + f_x)}, just wide enough for its codes, so it aligns with the exact
 *       accumulator without rounding;</li>
 *   <li>hidden layers: result {@code ufix(b_a, f_a)}, HALF_EVEN, SATURATE — saturating a signed sum into an
 *       unsigned type clamps negatives to 0, so this one quantizer is the quantized ReLU (no separate
 *       activation layer, no extra hardware);</li>
 *   <li>the last layer: the exact accumulator as its result, so the scores are the exact sums.</li>
 * </ul>
 * Batch normalization, when trained, is already folded into these weights (see {@link Trainer}).
 */
public final class NetworkExport {

  private NetworkExport() {}

  public static Network of(Mlp mlp, String name) {
    if (!mlp.isQuantized()) {
      throw new IllegalStateException(name + ": only a quantized model exports to fixed-point hardware");
    }
    FixedType inputType = new FixedType(false, Mlp.INPUT_BITS, Mlp.INPUT_FRACTION);
    Network.Builder network = Network.builder(name, mlp.inputs(0), inputType);
    FixedType in = inputType;
    for (int l = 0; l < mlp.layers(); l++) {
      int inputs = mlp.inputs(l);
      int outputs = mlp.outputs(l);
      int[] codes = mlp.weightCodes(l);
      long[][] raw = new long[outputs][inputs];
      for (int i = 0; i < inputs; i++) {
        for (int o = 0; o < outputs; o++) {
          raw[o][i] = codes[i * outputs + o];
        }
      }
      long[] bias = mlp.biasCodes(l);
      FixedType weightType = new FixedType(true, mlp.weightBits(l), mlp.weightFraction(l));
      FixedType biasType = new FixedType(true, signedWidth(bias), mlp.accumulatorFraction(l));
      Quantizer result;
      if (l < mlp.layers() - 1) {
        result = new Quantizer(new FixedType(false, mlp.activationBits(l), mlp.activationFraction(l)),
            Rounding.HALF_EVEN, Overflow.SATURATE);
      } else {
        result = Quantizer.of(Dense.exactAccumulatorType(in, weightType, raw, biasType, bias));
      }
      Dense.Builder dense = Dense.builder("fc" + (l + 1), outputs).weightType(weightType).biasType(biasType)
          .rawWeights(raw).rawBias(bias).result(result);
      network.dense(dense);
      in = result.type();
    }
    return network.build();
  }

  /** The narrowest two's-complement width (at least 2) that holds every value. */
  static int signedWidth(long[] values) {
    int width = 2;
    for (long v : values) {
      int magnitudeBits = 64 - Long.numberOfLeadingZeros(v >= 0 ? v : ~v);
      width = Math.max(width, magnitudeBits + 1);
    }
    return width;
  }
}
