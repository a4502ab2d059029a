package dev.gatewright.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a network costs: parameters, nonzero weights, multiply-accumulates and bit operations per dense
 * layer and in total, plus the latency and initiation interval of the hardware built for it (filled in
 * by the pipeline with {@link #withTiming}; empty until then).
 *
 * <p><b>BOPs</b> follow Hawks et al., "Ps and Qs: Quantization-Aware Pruning for Efficient Low Latency
 * Neural Network Inference", Frontiers in Artificial Intelligence 4:676564 (2021),
 * https://doi.org/10.3389/frai.2021.676564 (the measure is adapted there from Baskin et al., "UNIQ"): for
 * a fully connected layer with {@code n} inputs, {@code m} outputs, activation (input) bit width
 * {@code b_a}, weight bit width {@code b_w} and fraction of pruned weights {@code f_p},
 * <pre>
 *   BOPs ≈ m · n · ((1 − f_p) · b_a · b_w + b_a + b_w + log2(n))
 * </pre>
 * Here {@code b_a} is the width of the layer's input type, {@code b_w} of its weight type, {@code f_p}
 * the fraction of zero weights and {@code log2} the real logarithm. Activation layers count no BOPs, as
 * in the paper.
 *
 * <p><b>MACs</b> are the multiplications the hardware performs: one per nonzero weight (a pruned weight
 * costs none). <b>Parameters</b> are all weights and biases, zero or not.
 *
 * <p>A {@link Conv} counts its kernel as a dense layer applied at every output position: its row shows the
 * kernel's inputs and outputs and its parameters once, its MACs and BOPs times the output positions. Pools
 * have no row (no weights).
 *
 * <p>A {@link Thresholds} layer has a row too: its parameters are its thresholds (channels × steps); it
 * compares and counts, so it has no weights, MACs or BOPs.
 */
public record CostReport(String network, List<LayerCost> layers, OptionalInt latencyCycles,
    OptionalInt initiationInterval) {

  public CostReport {
    Objects.requireNonNull(network, "network");
    layers = List.copyOf(layers);
    Objects.requireNonNull(latencyCycles, "latencyCycles");
    Objects.requireNonNull(initiationInterval, "initiationInterval");
  }

  /** The cost of one dense or threshold layer. */
  public record LayerCost(String layer, int inputs, int outputs, int activationBits, int weightBits,
      long parameters, long nonzeroWeights, long macs, double bops) {

    /** {@code f_p}: the fraction of the layer's weights that are zero. */
    public double prunedFraction() {
      return 1 - (double) nonzeroWeights / ((long) inputs * outputs);
    }

    /** The paper's formula (see {@link CostReport}). */
    public static double bops(int n, int m, int activationBits, int weightBits, double prunedFraction) {
      double log2n = Math.log(n) / Math.log(2);
      return (double) m * n * ((1 - prunedFraction) * activationBits * weightBits + activationBits + weightBits + log2n);
    }
  }

  /** The report for {@code network}, without timing. */
  public static CostReport of(Network network) {
    List<LayerCost> costs = new ArrayList<>();
    for (Layer layer : network.layers()) {
      layer.accept(COST).ifPresent(costs::add);
    }
    return new CostReport(network.name(), costs, OptionalInt.empty(), OptionalInt.empty());
  }

  /** The cost row of each kind of layer; activations have none (no BOPs, as in the paper). */
  private static final Layer.Visitor<Optional<LayerCost>> COST = new Layer.Visitor<>() {
    @Override
    public Optional<LayerCost> dense(Dense d) {
      long weights = (long) d.inputs() * d.outputs();
      long nonzero = d.nonzeroWeights();
      double fp = 1 - (double) nonzero / weights;
      return Optional.of(new LayerCost(d.name(), d.inputs(), d.outputs(), d.inputType().width(),
          d.weightType().width(), weights + d.outputs(), nonzero, nonzero,
          LayerCost.bops(d.inputs(), d.outputs(), d.inputType().width(), d.weightType().width(), fp)));
    }

    @Override
    public Optional<LayerCost> thresholds(Thresholds t) {
      return Optional.of(new LayerCost(t.name(), t.inputs(), t.outputs(), t.inputType().width(), 0,
          (long) t.size() * t.steps(), 0, 0, 0));
    }

    @Override
    public Optional<LayerCost> conv(Conv c) {
      LayerCost kernel = dense(c.kernel()).orElseThrow();
      long positions = c.output().pixels();
      return Optional.of(new LayerCost(c.name(), kernel.inputs(), kernel.outputs(), kernel.activationBits(),
          kernel.weightBits(), kernel.parameters(), kernel.nonzeroWeights(), kernel.macs() * positions,
          kernel.bops() * positions));
    }

    @Override
    public Optional<LayerCost> maxPool(MaxPool layer) {
      return Optional.empty();
    }

    @Override
    public Optional<LayerCost> globalPool(GlobalPool layer) {
      return Optional.empty();
    }

    @Override
    public Optional<LayerCost> linear(Activation.Linear layer) {
      return Optional.empty();
    }

    @Override
    public Optional<LayerCost> relu(Activation.Relu layer) {
      return Optional.empty();
    }

    @Override
    public Optional<LayerCost> clippedRelu(Activation.ClippedRelu layer) {
      return Optional.empty();
    }

    @Override
    public Optional<LayerCost> hardTanh(Activation.HardTanh layer) {
      return Optional.empty();
    }

    @Override
    public Optional<LayerCost> sigmoid(Activation.Sigmoid layer) {
      return Optional.empty();
    }

    @Override
    public Optional<LayerCost> tanh(Activation.Tanh layer) {
      return Optional.empty();
    }

    @Override
    public Optional<LayerCost> softmax(Activation.Softmax layer) {
      return Optional.empty();
    }

    @Override
    public Optional<LayerCost> argmax(Activation.Argmax layer) {
      return Optional.empty();
    }
  };

  /** This report with the hardware's latency (cycles) and initiation interval (cycles). */
  public CostReport withTiming(int latencyCycles, int initiationInterval) {
    if (latencyCycles < 0 || initiationInterval < 1) {
      throw new IllegalArgumentException("latency must be >= 0 and II >= 1, not " + latencyCycles + " and "
          + initiationInterval);
    }
    return new CostReport(network, layers, OptionalInt.of(latencyCycles), OptionalInt.of(initiationInterval));
  }

  public long parameters() {
    return layers.stream().mapToLong(LayerCost::parameters).sum();
  }

  public long nonzeroWeights() {
    return layers.stream().mapToLong(LayerCost::nonzeroWeights).sum();
  }

  public long macs() {
    return layers.stream().mapToLong(LayerCost::macs).sum();
  }

  public double bops() {
    return layers.stream().mapToDouble(LayerCost::bops).sum();
  }

  /** A fixed-width text table, one row per dense or threshold layer and a total; deterministic. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append("cost report: ").append(network).append('\n');
    s.append(String.format(Locale.ROOT, "%-12s %9s %6s %6s %11s %9s %9s %12s%n",
        "layer", "in x out", "b_a", "b_w", "parameters", "nonzero", "MACs", "BOPs"));
    for (LayerCost c : layers) {
      s.append(String.format(Locale.ROOT, "%-12s %9s %6d %6d %11d %9d %9d %12.0f%n", c.layer(),
          c.inputs() + "x" + c.outputs(), c.activationBits(), c.weightBits(), c.parameters(), c.nonzeroWeights(),
          c.macs(), c.bops()));
    }
    s.append(String.format(Locale.ROOT, "%-12s %9s %6s %6s %11d %9d %9d %12.0f%n", "total", "", "", "",
        parameters(), nonzeroWeights(), macs(), bops()));
    s.append("latency: ").append(latencyCycles.isPresent() ? latencyCycles.getAsInt() + " cycles" : "not yet known")
        .append(", II: ").append(initiationInterval.isPresent() ? initiationInterval.getAsInt() + " cycles" : "not yet known")
        .append('\n');
    return s.toString();
  }
}
