package dev.gatewright.nn.train;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.nn.FaultModel;
import java.util.SplittableRandom;

/**
 * The trainer's integer inference: what a trained, quantized {@link Mlp} computes on raw integers, the
 * numbers its reported accuracy comes from. Inputs are pixel bytes (raw {@code ufix(8,8)}); each dense layer
 * sums exact products of weight and input codes and the bias code in a {@code long} (the accumulator
 * fraction is weight + input fraction, so nothing is dropped); a hidden layer then rounds half to even to
 * its activation fraction and saturates to {@code [0, 2^bits − 1]} (a quantized ReLU); the last layer's
 * exact sums are the scores. {@link NetworkExport} writes the same model as a network whose
 * {@code GoldenModel} computes exactly these numbers.
 *
 * <p>Immutable: a snapshot of the model taken at construction; safe to use from many threads.
 */
public final class QuantizedInference {

  private final int[] widths;
  private final int[][] weights; // [l][i * out + o]
  private final long[][] bias;
  private final int[] shift; // per hidden layer: accumulator fraction − activation fraction
  private final long[] top;
  private final FixedType[] activationTypes;

  public QuantizedInference(Mlp mlp) {
    if (!mlp.isQuantized()) {
      throw new IllegalStateException("the model is not quantized yet (a prune-then-qat run stopped in its float "
          + "phase?)");
    }
    widths = mlp.widths();
    int layers = mlp.layers();
    weights = new int[layers][];
    bias = new long[layers][];
    shift = new int[layers - 1];
    top = new long[layers - 1];
    activationTypes = new FixedType[layers - 1];
    for (int l = 0; l < layers; l++) {
      weights[l] = mlp.weightCodes(l);
      bias[l] = mlp.biasCodes(l);
      if (l < layers - 1) {
        shift[l] = mlp.accumulatorFraction(l) - mlp.activationFraction(l);
        top[l] = (1L << mlp.activationBits(l)) - 1;
        activationTypes[l] = new FixedType(false, mlp.activationBits(l), mlp.activationFraction(l));
      }
    }
  }

  private QuantizedInference(QuantizedInference base, int[][] weights) {
    this.widths = base.widths;
    this.weights = weights;
    this.bias = base.bias;
    this.shift = base.shift;
    this.top = base.top;
    this.activationTypes = base.activationTypes;
  }

  /** This model with {@code faults}' weight faults drawn from {@code random} (persistent for its lifetime). */
  public QuantizedInference withWeightFaults(FaultModel faults, Mlp mlp, SplittableRandom random) {
    if (!faults.hits(FaultModel.Site.WEIGHTS)) {
      return this;
    }
    int[][] faulty = new int[weights.length][];
    for (int l = 0; l < weights.length; l++) {
      faulty[l] = weights[l].clone();
      faults.inject(faulty[l], new FixedType(true, mlp.weightBits(l), mlp.weightFraction(l)), random);
    }
    return new QuantizedInference(this, faulty);
  }

  /** The raw scores (exact sums of the last layer) for the pixels of sample {@code sample} of {@code data}. */
  public long[] scores(Dataset data, int sample) {
    return scores(data, sample, FaultModel.none(), null);
  }

  /** The scores with {@code faults}' activation faults drawn from {@code random}. */
  public long[] scores(Dataset data, int sample, FaultModel faults, SplittableRandom random) {
    int in = widths[0];
    long[] x = new long[in];
    for (int i = 0; i < in; i++) {
      x[i] = data.pixel(sample, i);
    }
    return scores(x, faults, random);
  }

  /** The raw scores for raw inputs {@code input} (values of {@code ufix(8,8)}). */
  public long[] scores(long[] input, FaultModel faults, SplittableRandom random) {
    long[] x = input;
    boolean activationFaults = faults.hits(FaultModel.Site.ACTIVATIONS);
    for (int l = 0; l < weights.length; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      long[] acc = bias[l].clone();
      int[] w = weights[l];
      for (int i = 0; i < in; i++) {
        long xi = x[i];
        if (xi != 0) {
          int base = i * out;
          for (int o = 0; o < out; o++) {
            acc[o] += xi * w[base + o];
          }
        }
      }
      if (l == weights.length - 1) {
        return acc;
      }
      for (int o = 0; o < out; o++) {
        acc[o] = Math.min(top[l], Math.max(0, roundHalfEven(acc[o], shift[l])));
      }
      if (activationFaults) {
        faults.inject(acc, activationTypes[l], random);
      }
      x = acc;
    }
    throw new IllegalStateException("unreachable");
  }

  /** The predicted class: the index of the first largest score. */
  public static int argmax(long[] scores) {
    int best = 0;
    for (int c = 1; c < scores.length; c++) {
      if (scores[c] > scores[best]) {
        best = c;
      }
    }
    return best;
  }

  /** The fraction of {@code data} classified correctly. */
  public double accuracy(Dataset data) {
    int correct = 0;
    for (int s = 0; s < data.count(); s++) {
      correct += argmax(scores(data, s)) == data.label(s) ? 1 : 0;
    }
    return (double) correct / data.count();
  }

  /** The accuracy with {@code faults}' activation faults (weight faults: {@link #withWeightFaults}). */
  public double accuracy(Dataset data, FaultModel faults, SplittableRandom random) {
    int correct = 0;
    for (int s = 0; s < data.count(); s++) {
      correct += argmax(scores(data, s, faults, random)) == data.label(s) ? 1 : 0;
    }
    return (double) correct / data.count();
  }

  /** {@code value / 2^dropped} rounded half to even ({@code dropped ≤ 0}: an exact left shift). */
  static long roundHalfEven(long value, int dropped) {
    if (dropped <= 0) {
      return value << -dropped;
    }
    long floor = value >> dropped;
    long remainder = value - (floor << dropped);
    long half = 1L << (dropped - 1);
    return remainder > half || (remainder == half && (floor & 1) == 1) ? floor + 1 : floor;
  }
}
