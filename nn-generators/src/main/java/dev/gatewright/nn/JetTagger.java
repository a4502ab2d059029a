package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.util.Random;

/**
 * The demo network: the 16-64-32-32-5 jet-tagging MLP of the hls4ml tutorials (Duarte et al. 2018), ReLU
 * after each hidden layer and argmax at the output, with seeded random weights instead of trained ones.
 *
 * <p>Precisions follow hls4ml's defaults and the QKeras tutorial model: inputs and dense results
 * {@code ap_fixed<16,6>} = {@link #DATA_TYPE} (dense results reached with TRUNCATE and SATURATE),
 * weights and biases {@code ap_fixed<b,1>} ({@code sfix(b, b-1)}, range [−1, 1)), and accumulators of
 * {@link Dense#exactAccumulatorType} so that they never overflow. Weights are drawn uniformly from
 * ±sqrt(6 / (n_in + n_out)) (Glorot), biases from ±1/8, then pruned and quantized.
 */
public final class JetTagger {

  /** How weights are chosen for pruning. */
  public enum PruningMethod {
    /** The smallest magnitudes of each layer ({@link Pruning#magnitude}). */
    MAGNITUDE,
    /** A seeded random choice in each layer ({@link Pruning#random}). */
    RANDOM
  }

  public static final int[] WIDTHS = {16, 64, 32, 32, 5};
  public static final FixedType DATA_TYPE = FixedType.sfix(16, 10);
  public static final int DEFAULT_WEIGHT_BITS = 6;
  public static final double DEFAULT_PRUNED_FRACTION = 0.5;

  /** The seed of the demo's random weights ({@code gatewright demo}, the OpenLane configs, the benchmarks). */
  public static final long DEMO_WEIGHT_SEED = 2026;

  private JetTagger() {}

  /** The demo network: 6-bit weights, 50 % of weights pruned by magnitude. */
  public static Network network(long seed) {
    return network(seed, DEFAULT_WEIGHT_BITS, DEFAULT_PRUNED_FRACTION, PruningMethod.MAGNITUDE);
  }

  public static Network network(long seed, int weightBits, double prunedFraction, PruningMethod method) {
    if (weightBits < 2 || weightBits > 16) {
      throw new IllegalArgumentException("weight bits must be 2..16, not " + weightBits);
    }
    Random random = new Random(seed);
    FixedType weightType = FixedType.sfix(weightBits, weightBits - 1);
    Network.Builder net = Network.builder("jet_tagger", WIDTHS[0], DATA_TYPE);
    String[] names = {"fc1", "fc2", "fc3", "output"};
    for (int k = 0; k < names.length; k++) {
      int in = WIDTHS[k];
      int out = WIDTHS[k + 1];
      double limit = Math.sqrt(6.0 / (in + out));
      double[][] w = new double[out][in];
      double[] b = new double[out];
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          w[o][i] = (2 * random.nextDouble() - 1) * limit;
        }
        b[o] = (2 * random.nextDouble() - 1) / 8;
      }
      boolean[][] mask = method == PruningMethod.MAGNITUDE
          ? Pruning.magnitude(w, prunedFraction)
          : Pruning.random(out, in, prunedFraction, random.nextLong());
      net.dense(Dense.builder(names[k], out)
          .weights(w).bias(b).mask(mask)
          .weightType(weightType).biasType(weightType)
          .result(new Quantizer(DATA_TYPE, Rounding.TRUNCATE, Overflow.SATURATE)));
      if (k < names.length - 1) {
        net.named("relu" + (k + 1)).relu();
      }
    }
    return net.named("argmax").argmax().build();
  }
}
