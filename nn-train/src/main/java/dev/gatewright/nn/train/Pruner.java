package dev.gatewright.nn.train;

import java.util.Arrays;

/**
 * Magnitude pruning of an {@link Mlp}'s masks: per layer the weights of smallest magnitude go first (ties:
 * the lower index first), so the result is deterministic. Masks only shrink: a pruned weight is zero and
 * stays pruned.
 */
final class Pruner {

  private Pruner() {}

  /**
   * The polynomial schedule of Zhu and Gupta ("To prune, or not to prune", 2017):
   * {@code s_t = s · (1 − (1 − progress)^3)}, progress in [0, 1].
   */
  static double polynomial(double target, double progress) {
    double p = Math.min(1, Math.max(0, progress));
    return target * (1 - Math.pow(1 - p, 3));
  }

  /** Prunes every layer of {@code mlp} to (at least) {@code sparsity}, by magnitude within the layer. */
  static void toSparsity(Mlp mlp, double sparsity) {
    for (int l = 0; l < mlp.layers(); l++) {
      float[] w = mlp.effectiveWeights(l); // ranked as the layer computes with them
      float[] mask = mlp.mask[l];
      int prune = (int) Math.floor(sparsity * w.length);
      Integer[] order = new Integer[w.length];
      for (int k = 0; k < order.length; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> {
        int c = Float.compare(mask[a] * Math.abs(w[a]), mask[b] * Math.abs(w[b]));
        return c != 0 ? c : Integer.compare(a, b);
      });
      for (int k = 0; k < prune; k++) {
        mask[order[k]] = 0;
        mlp.w[l][order[k]] = 0;
      }
    }
  }

  /**
   * Keeps at most {@link #fanInAt}{@code (inputs, fanIn, progress)} inputs per neuron, the ones of largest
   * magnitude (LogicNets-style fixed fan-in; at progress 1, exactly {@code fanIn}).
   */
  static void toFanIn(Mlp mlp, int fanIn, double progress) {
    for (int l = 0; l < mlp.layers(); l++) {
      int in = mlp.inputs(l);
      int out = mlp.outputs(l);
      int keep = fanInAt(in, fanIn, progress);
      if (keep >= in) {
        continue;
      }
      float[] w = mlp.effectiveWeights(l);
      float[] mask = mlp.mask[l];
      Integer[] order = new Integer[in];
      for (int o = 0; o < out; o++) {
        int column = o;
        for (int i = 0; i < in; i++) {
          order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
          int c = Float.compare(mask[b * out + column] * Math.abs(w[b * out + column]),
              mask[a * out + column] * Math.abs(w[a * out + column]));
          return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = keep; k < in; k++) {
          int idx = order[k] * out + column;
          mask[idx] = 0;
          mlp.w[l][idx] = 0;
        }
      }
    }
  }

  /** The fan-in allowed at {@code progress} of the schedule: from a layer's full width down to {@code fanIn}. */
  static int fanInAt(int inputs, int fanIn, double progress) {
    if (fanIn >= inputs) {
      return inputs;
    }
    if (progress >= 1) {
      return fanIn;
    }
    double keptFraction = 1 - polynomial(1 - (double) fanIn / inputs, progress);
    return Math.max(fanIn, (int) Math.ceil(keptFraction * inputs));
  }
}
