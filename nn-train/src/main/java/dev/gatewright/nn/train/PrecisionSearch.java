package dev.gatewright.nn.train;

import dev.gatewright.nn.CostReport;

/**
 * Per-layer precision search by learned fraction bits, in the spirit of BSQ (Yang et al. 2021) and HGQ
 * (Sun et al. 2024): every layer's weight fraction {@code f_w} and every hidden layer's activation fraction
 * {@code f_a} is a continuous parameter, rounded where used (straight-through). The loss gradient of a
 * fraction comes from the surrogate {@code ∂(q(x) − x)/∂f ≈ −ln 2 · (q(x) − x)} (a finer step shrinks the
 * quantization error), summed over the layer's weights or activations; a penalty
 * {@code λ · BOPs / BOPs_start} (BOPs as in {@link CostReport}) pulls bits down. Dropping a fraction bit
 * drops the least significant bit plane of the whole layer — the bit-level sparsity BSQ drives to zero —
 * and the integer bits follow the range (largest weight, largest calibrated activation), so bits are
 * {@code integer bits + fraction bits}, clamped to 2..16 for weights and 1..16 for activations.
 *
 * <p>The fractions are updated with Adam every step; the bits used by a step are fixed before it.
 */
final class PrecisionSearch {

  private static final double LN2 = Math.log(2);
  private static final double RATE = 0.02;

  private final Mlp mlp;
  private final double penalty;
  private final double[] weightGradient;
  private final Optimizer.Step weightStep;
  private final Optimizer.Step activationStep;
  private final float[] weightParams;
  private final float[] activationParams;
  private double reference;
  private long step;

  PrecisionSearch(Mlp mlp, double penalty) {
    this.mlp = mlp;
    this.penalty = penalty;
    weightGradient = new double[mlp.layers()];
    weightParams = new float[mlp.layers()];
    activationParams = new float[mlp.layers() - 1];
    Optimizer.Adam adam = Optimizer.Adam.of(RATE);
    weightStep = adam.state(weightParams.length);
    activationStep = adam.state(activationParams.length);
  }

  /**
   * Starts from the configured bits, the ranges covering the largest weight and the largest calibrated
   * activation; the BOPs there are the reference.
   */
  void start() {
    for (int l = 0; l < mlp.layers(); l++) {
      weightParams[l] = mlp.weightBits[l] - (integerBits(largestWeight(l)) + 1);
    }
    for (int h = 0; h < activationParams.length; h++) {
      activationParams[h] = mlp.activationBits[h] - integerBits(mlp.activationCeiling[h]);
    }
    applyPrecision();
    reference = bops();
  }

  private float largestWeight(int l) {
    float max = 0;
    for (float v : mlp.effectiveWeights(l)) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /** Sets the model's fractions and bits from the parameters. */
  void applyPrecision() {
    for (int l = 0; l < mlp.layers(); l++) {
      int integer = integerBits(largestWeight(l)) + 1; // sign
      weightParams[l] = clamp(weightParams[l], 2 - integer, 16 - integer);
      int f = Math.round(weightParams[l]);
      mlp.weightFraction[l] = f;
      mlp.weightBits[l] = Math.max(2, Math.min(16, integer + f));
    }
    for (int h = 0; h < activationParams.length; h++) {
      int integer = integerBits(mlp.activationCeiling[h]);
      activationParams[h] = clamp(activationParams[h], 1 - integer, 16 - integer);
      int f = Math.round(activationParams[h]);
      mlp.activationFraction[h] = f;
      mlp.activationBits[h] = Math.max(1, Math.min(16, integer + f));
    }
  }

  /** Sets layer {@code l}'s loss gradient for its weight fraction; {@code gradient} is dL/dw_q (effective). */
  void weightGradient(int l, float[] gradient) {
    double sum = 0;
    float[] w = mlp.effectiveWeights(l);
    float[] mask = mlp.mask[l];
    int bits = mlp.weightBits[l];
    int f = mlp.weightFraction[l];
    float stepSize = Math.scalb(1f, -f);
    for (int k = 0; k < w.length; k++) {
      if (mask[k] != 0) {
        double error = Mlp.weightCode(w[k], bits, f) * stepSize - w[k];
        sum += gradient[k] * error;
      }
    }
    weightGradient[l] = -LN2 * sum;
  }

  /** One Adam step on the fractions, with the hidden layers' loss gradients {@code Σ dL/da · (a − z)}. */
  void update(double[] activationError) {
    step++;
    float[] gw = new float[weightParams.length];
    float[] ga = new float[activationParams.length];
    for (int l = 0; l < mlp.layers(); l++) {
      int n = mlp.inputs(l);
      int m = mlp.outputs(l);
      double kept = 1 - mlp.prunedFraction(l);
      int inputBits = l == 0 ? Mlp.INPUT_BITS : mlp.activationBits[l - 1];
      double scale = penalty / reference;
      gw[l] = (float) (weightGradient[l] + scale * m * n * (kept * inputBits + 1));
      if (l > 0) {
        ga[l - 1] += (float) (scale * m * n * (kept * mlp.weightBits[l] + 1));
      }
    }
    for (int h = 0; h < ga.length; h++) {
      ga[h] += (float) (-LN2 * activationError[h]);
    }
    weightStep.apply(weightParams, gw, step, RATE);
    activationStep.apply(activationParams, ga, step, RATE);
  }

  /** The model's BOPs at its current bits and masks. */
  double bops() {
    double total = 0;
    for (int l = 0; l < mlp.layers(); l++) {
      int inputBits = l == 0 ? Mlp.INPUT_BITS : mlp.activationBits[l - 1];
      total += CostReport.LayerCost.bops(mlp.inputs(l), mlp.outputs(l), inputBits, mlp.weightBits[l],
          mlp.prunedFraction(l));
    }
    return total;
  }

  /** Bits left of the binary point (negative for small ranges) that hold values up to {@code max}. */
  private static int integerBits(float max) {
    return max <= 0 ? -8 : Math.getExponent(max) + 1;
  }

  private static float clamp(float v, int low, int high) {
    return Math.max(low - 0.49f, Math.min(high + 0.49f, v));
  }
}
