package dev.gatewright.nn.train;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.nn.FaultModel;
import java.util.SplittableRandom;

/**
 * The weights one training step computes with, derived from the {@link Mlp} before the step: per layer the
 * effective weights (quantized and masked, or float and masked), transposed for the forward pass and
 * row-major for the backward pass, the effective biases and the activation quantizers. Weight faults
 * (fault-aware training) are drawn here, once per step, from the step's seed.
 */
final class StepWeights {

  final int layers;
  final int[] widths;
  final float[][] forward; // [l][i * out + o]
  final float[][] backward; // [l][o * in + i]
  final float[][] bias;
  final boolean quantized;
  final float[] activationScale; // 2^f
  final float[] activationTop; // largest code
  final int[] activationBits;
  final int[] activationFraction;

  StepWeights(Mlp mlp, FaultModel faults, long faultSeed) {
    layers = mlp.layers();
    widths = mlp.widths;
    quantized = mlp.quantized;
    forward = new float[layers][];
    backward = new float[layers][];
    bias = new float[layers][];
    SplittableRandom random = new SplittableRandom(faultSeed);
    for (int l = 0; l < layers; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      float[] f = new float[in * out];
      if (quantized) {
        int[] codes = mlp.weightCodes(l);
        if (faults.hits(FaultModel.Site.WEIGHTS)) {
          faults.inject(codes, new FixedType(true, mlp.weightBits[l], mlp.weightFraction[l]), random);
        }
        float step = Math.scalb(1f, -mlp.weightFraction[l]);
        for (int k = 0; k < f.length; k++) {
          f[k] = codes[k] * step;
        }
        long[] b = mlp.biasCodes(l);
        bias[l] = new float[out];
        float bstep = Math.scalb(1f, -mlp.accumulatorFraction(l));
        for (int o = 0; o < out; o++) {
          bias[l][o] = b[o] * bstep;
        }
      } else {
        f = mlp.effectiveWeights(l);
        bias[l] = mlp.effectiveBias(l);
      }
      forward[l] = f;
      if (l > 0) {
        float[] r = new float[in * out];
        for (int i = 0; i < in; i++) {
          for (int o = 0; o < out; o++) {
            r[o * in + i] = f[i * out + o];
          }
        }
        backward[l] = r;
      }
    }
    int hidden = layers - 1;
    activationScale = new float[hidden];
    activationTop = new float[hidden];
    activationBits = mlp.activationBits.clone();
    activationFraction = mlp.activationFraction.clone();
    for (int h = 0; h < hidden; h++) {
      activationScale[h] = Math.scalb(1f, mlp.activationFraction[h]);
      activationTop[h] = (1 << mlp.activationBits[h]) - 1;
    }
  }
}
