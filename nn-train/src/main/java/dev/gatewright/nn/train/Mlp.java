package dev.gatewright.nn.train;

import java.util.Random;

/**
 * The trainable state of a quantized multilayer perceptron: per dense layer the float master weights and
 * biases, the pruning mask, and the quantization — weight bits and fraction (weights are
 * {@code sfix(bits, fraction)}, codes {@code clamp(rint(w · 2^f))}), and for hidden layers the activation
 * bits and fraction (a quantized ReLU to {@code ufix(bits, fraction)}, rounding half to even). Inputs are
 * {@code ufix(8,8)}. Biases are quantized to the accumulator's fraction (weight + input fraction), so the
 * accumulator is exact.
 *
 * <p>Weights are stored transposed, {@code w[l][i · out + o]}, which is the order the kernels stream them.
 * Mutable: only the {@link Trainer} changes it; {@link QuantizedInference} and {@link NetworkExport} read a
 * consistent state after training.
 */
public final class Mlp {

  /** The fraction of the inputs: a pixel byte {@code p} is the raw value of {@code ufix(8,8)}. */
  public static final int INPUT_FRACTION = 8;
  public static final int INPUT_BITS = 8;

  final int[] widths;
  final float[][] w;
  final float[][] b;
  final float[][] mask; // 1 keeps a weight, 0 prunes it
  final int[] weightBits;
  final int[] weightFraction;
  final int[] activationBits; // hidden layers
  final int[] activationFraction;
  final float[] activationCeiling; // calibrated largest activation per hidden layer (precision search)
  final double[] weightFractionParam; // learned fractions (precision search)
  final double[] activationFractionParam;
  final float[][] gamma; // batch norm per hidden layer, null without
  final float[][] beta;
  final float[][] runningMean;
  final float[][] runningVariance;
  boolean quantized;

  /** Keras's batch-norm epsilon. */
  static final float BATCH_NORM_EPSILON = 1e-3f;

  Mlp(int[] widths, int[] weightBits, int[] activationBits, long seed) {
    this(widths, weightBits, activationBits, seed, false);
  }

  Mlp(int[] widths, int[] weightBits, int[] activationBits, long seed, boolean batchNorm) {
    this.widths = widths.clone();
    int layers = widths.length - 1;
    w = new float[layers][];
    b = new float[layers][];
    mask = new float[layers][];
    this.weightBits = weightBits.clone();
    this.activationBits = activationBits.clone();
    weightFraction = new int[layers];
    activationFraction = new int[Math.max(0, layers - 1)];
    activationCeiling = new float[activationFraction.length];
    weightFractionParam = new double[layers];
    activationFractionParam = new double[activationFraction.length];
    gamma = new float[layers][];
    beta = new float[layers][];
    runningMean = new float[layers][];
    runningVariance = new float[layers][];
    Random random = new Random(seed);
    for (int l = 0; l < layers; l++) {
      if (batchNorm && l < layers - 1) {
        int out = widths[l + 1];
        gamma[l] = new float[out];
        beta[l] = new float[out];
        runningMean[l] = new float[out];
        runningVariance[l] = new float[out];
        java.util.Arrays.fill(gamma[l], 1f);
        java.util.Arrays.fill(runningVariance[l], 1f);
      }
      int in = widths[l];
      int out = widths[l + 1];
      w[l] = new float[in * out];
      b[l] = new float[out];
      mask[l] = new float[in * out];
      java.util.Arrays.fill(mask[l], 1f);
      double std = Math.sqrt(2.0 / in); // He initialization for ReLU layers
      for (int k = 0; k < w[l].length; k++) {
        w[l][k] = (float) (random.nextGaussian() * std);
      }
      weightFraction[l] = weightBits[l] - 1;
    }
    for (int l = 0; l < activationFraction.length; l++) {
      activationFraction[l] = activationBits[l] - 2; // range [0, 4) until calibrated
    }
  }

  public int layers() {
    return widths.length - 1;
  }

  public int inputs(int layer) {
    return widths[layer];
  }

  public int outputs(int layer) {
    return widths[layer + 1];
  }

  public int[] widths() {
    return widths.clone();
  }

  public int weightBits(int layer) {
    return weightBits[layer];
  }

  public int weightFraction(int layer) {
    return weightFraction[layer];
  }

  public int activationBits(int hidden) {
    return activationBits[hidden];
  }

  public int activationFraction(int hidden) {
    return activationFraction[hidden];
  }

  public boolean isQuantized() {
    return quantized;
  }

  /** The fraction of layer {@code l}'s inputs. */
  public int inputFraction(int l) {
    return l == 0 ? INPUT_FRACTION : activationFraction[l - 1];
  }

  /** The fraction of layer {@code l}'s accumulator and bias: weight fraction + input fraction. */
  public int accumulatorFraction(int l) {
    return weightFraction[l] + inputFraction(l);
  }

  /** The integer weight code of a weight value at {@code bits} and {@code fraction}: rint, saturated. */
  static int weightCode(float value, int bits, int fraction) {
    double scaled = Math.rint(Math.scalb((double) value, fraction));
    double max = (1 << (bits - 1)) - 1;
    double min = -(1 << (bits - 1));
    return (int) Math.max(min, Math.min(max, scaled));
  }

  public boolean hasBatchNorm(int l) {
    return gamma[l] != null;
  }

  /** The batch norm's scale {@code gamma / sqrt(running variance + epsilon)} of output {@code o}; 1 without. */
  float batchNormScale(int l, int o) {
    return gamma[l] == null ? 1f : gamma[l][o] / (float) Math.sqrt(runningVariance[l][o] + BATCH_NORM_EPSILON);
  }

  /**
   * The weights layer {@code l} computes with, transposed: masked, and with a batch norm folded in
   * ({@code w · s}, s its scale from the running statistics).
   */
  float[] effectiveWeights(int l) {
    int out = outputs(l);
    float[] e = new float[w[l].length];
    for (int k = 0; k < e.length; k++) {
      e[k] = w[l][k] * mask[l][k] * batchNormScale(l, k % out);
    }
    return e;
  }

  /** The biases layer {@code l} computes with: {@code (b − mean) · s + beta} with a batch norm, else b. */
  float[] effectiveBias(int l) {
    if (gamma[l] == null) {
      return b[l].clone();
    }
    float[] e = new float[b[l].length];
    for (int o = 0; o < e.length; o++) {
      e[o] = (b[l][o] - runningMean[l][o]) * batchNormScale(l, o) + beta[l][o];
    }
    return e;
  }

  /** The weight codes of layer {@code l}, transposed ({@code [i · out + o]}), pruned weights 0. */
  public int[] weightCodes(int l) {
    float[] e = effectiveWeights(l);
    int[] codes = new int[e.length];
    for (int k = 0; k < codes.length; k++) {
      codes[k] = mask[l][k] == 0 ? 0 : weightCode(e[k], weightBits[l], weightFraction[l]);
    }
    return codes;
  }

  /** The bias codes of layer {@code l} at the accumulator's fraction (rint, never saturated). */
  public long[] biasCodes(int l) {
    float[] e = effectiveBias(l);
    long[] codes = new long[e.length];
    int f = accumulatorFraction(l);
    for (int o = 0; o < codes.length; o++) {
      codes[o] = (long) Math.rint(Math.scalb((double) e[o], f));
    }
    return codes;
  }

  /** The fraction of zero weights (pruned or quantized to zero) over all layers. */
  public double sparsity() {
    long zero = 0;
    long total = 0;
    for (int l = 0; l < layers(); l++) {
      int[] codes = quantized ? weightCodes(l) : null;
      for (int k = 0; k < w[l].length; k++) {
        boolean isZero = mask[l][k] == 0 || (codes != null ? codes[k] == 0 : w[l][k] == 0);
        zero += isZero ? 1 : 0;
      }
      total += w[l].length;
    }
    return (double) zero / total;
  }

  /** The fraction of pruned (masked) weights in layer {@code l}. */
  public double prunedFraction(int l) {
    int pruned = 0;
    for (float m : mask[l]) {
      pruned += m == 0 ? 1 : 0;
    }
    return (double) pruned / mask[l].length;
  }

  /** The largest number of unpruned inputs of any neuron in layer {@code l}. */
  public int maxFanIn(int l) {
    int in = inputs(l);
    int out = outputs(l);
    int max = 0;
    for (int o = 0; o < out; o++) {
      int n = 0;
      for (int i = 0; i < in; i++) {
        n += mask[l][i * out + o] != 0 ? 1 : 0;
      }
      max = Math.max(max, n);
    }
    return max;
  }

  /**
   * The weight fraction of layer {@code l} that quantizes its unpruned weights with the least squared error
   * at its bit width, among power-of-two scales from the one that just holds the largest weight to eight
   * finer ones (finer scales saturate the largest weights but resolve the many small ones).
   */
  int bestWeightFraction(int l) {
    float[] w = effectiveWeights(l);
    float max = 0;
    for (int k = 0; k < w.length; k++) {
      if (mask[l][k] != 0) {
        max = Math.max(max, Math.abs(w[k]));
      }
    }
    if (max == 0) {
      return weightBits[l] - 1;
    }
    int coarse = weightBits[l] - 1 - Math.getExponent(max) - 1;
    int best = coarse;
    double bestError = Double.POSITIVE_INFINITY;
    for (int f = coarse; f <= coarse + 8; f++) {
      double error = 0;
      double step = Math.scalb(1.0, -f);
      for (int k = 0; k < w.length; k++) {
        if (mask[l][k] != 0) {
          double d = weightCode(w[k], weightBits[l], f) * step - w[k];
          error += d * d;
        }
      }
      if (error < bestError) {
        bestError = error;
        best = f;
      }
    }
    return best;
  }

  /**
   * The activation fraction for hidden layer {@code h} that quantizes the observed pre-activations
   * {@code values} (ReLU applied) with the least squared error at its bit width.
   */
  int bestActivationFraction(int h, float[] values, int count) {
    int bits = activationBits[h];
    float max = 0;
    for (int k = 0; k < count; k++) {
      max = Math.max(max, values[k]);
    }
    if (max <= 0) {
      return activationFraction[h];
    }
    int coarse = bits - 1 - Math.getExponent(max);
    int best = coarse;
    double bestError = Double.POSITIVE_INFINITY;
    double top = (1 << bits) - 1;
    for (int f = coarse - 1; f <= coarse + 4; f++) {
      double scale = Math.scalb(1.0, f);
      double error = 0;
      for (int k = 0; k < count; k++) {
        double v = Math.max(0, values[k]);
        double q = Math.min(top, Math.rint(v * scale)) / scale;
        error += (q - v) * (q - v);
      }
      if (error < bestError) {
        bestError = error;
        best = f;
      }
    }
    return best;
  }

  /** A deep copy (for evaluating a pruned variant without touching the original). */
  public Mlp copy() {
    Mlp c = new Mlp(widths, weightBits, activationBits, 0, gamma[0] != null);
    for (int l = 0; l < layers(); l++) {
      if (gamma[l] != null) {
        System.arraycopy(gamma[l], 0, c.gamma[l], 0, gamma[l].length);
        System.arraycopy(beta[l], 0, c.beta[l], 0, beta[l].length);
        System.arraycopy(runningMean[l], 0, c.runningMean[l], 0, runningMean[l].length);
        System.arraycopy(runningVariance[l], 0, c.runningVariance[l], 0, runningVariance[l].length);
      }
      System.arraycopy(w[l], 0, c.w[l], 0, w[l].length);
      System.arraycopy(b[l], 0, c.b[l], 0, b[l].length);
      System.arraycopy(mask[l], 0, c.mask[l], 0, mask[l].length);
    }
    System.arraycopy(weightFraction, 0, c.weightFraction, 0, weightFraction.length);
    System.arraycopy(activationFraction, 0, c.activationFraction, 0, activationFraction.length);
    System.arraycopy(activationCeiling, 0, c.activationCeiling, 0, activationCeiling.length);
    System.arraycopy(weightFractionParam, 0, c.weightFractionParam, 0, weightFractionParam.length);
    System.arraycopy(activationFractionParam, 0, c.activationFractionParam, 0, activationFractionParam.length);
    c.quantized = quantized;
    return c;
  }

  /** Whether two models hold the same parameters and quantization, bit for bit. */
  public boolean sameAs(Mlp other) {
    if (!java.util.Arrays.equals(widths, other.widths) || quantized != other.quantized
        || !java.util.Arrays.equals(weightBits, other.weightBits)
        || !java.util.Arrays.equals(weightFraction, other.weightFraction)
        || !java.util.Arrays.equals(activationBits, other.activationBits)
        || !java.util.Arrays.equals(activationFraction, other.activationFraction)) {
      return false;
    }
    for (int l = 0; l < layers(); l++) {
      if (!java.util.Arrays.equals(w[l], other.w[l]) || !java.util.Arrays.equals(b[l], other.b[l])
          || !java.util.Arrays.equals(mask[l], other.mask[l]) || !java.util.Arrays.equals(gamma[l], other.gamma[l])
          || !java.util.Arrays.equals(beta[l], other.beta[l])
          || !java.util.Arrays.equals(runningMean[l], other.runningMean[l])
          || !java.util.Arrays.equals(runningVariance[l], other.runningVariance[l])) {
        return false;
      }
    }
    return true;
  }
}
