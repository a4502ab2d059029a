package dev.gatewright.nn.train;

import dev.gatewright.nn.FaultModel;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything one training run depends on; the same config and data give the same weights bit for bit,
 * whatever {@link #threads}.
 *
 * @param widths layer widths, input first: {@code 784,64,64,64,10} is FINN's TFC
 * @param weightBits per dense layer: weights are {@code sfix(b, f)} (b ≥ 2) with a power-of-two scale 2^-f
 * @param activationBits per hidden layer: activations are {@code ufix(b, f)} (a quantized ReLU)
 * @param schedule when quantization and pruning happen
 * @param sparsity target fraction of zero weights per layer, in [0, 1)
 * @param fanIn when > 0, every neuron keeps at most this many inputs (LogicNets-style), on the same schedule
 * @param optimizer SGD or Adam, with its base learning rate (decayed on a cosine to 5 % over the run)
 * @param batchSize samples per step
 * @param epochs passes over the training set
 * @param seed initial weights, sample order and fault draws
 * @param threads worker threads; gradients are summed in a fixed order of fixed-size shards, so the thread
 *     count never changes the result
 * @param faults faults injected into weights and activations while training (fault-aware training)
 * @param bopsPenalty when > 0, per-layer precision search: fraction bits are learned with a surrogate
 *     gradient and this weight on the network's relative BOPs (see {@link PrecisionSearch})
 * @param batchNorm a batch normalization after every hidden dense layer, always folded into the layer's
 *     weights and biases (see {@link Trainer})
 */
public record TrainConfig(int[] widths, int[] weightBits, int[] activationBits, Schedule schedule, double sparsity,
    int fanIn, Optimizer optimizer, int batchSize, int epochs, long seed, int threads, FaultModel faults,
    double bopsPenalty, boolean batchNorm) {

  /** Samples per gradient shard: fixed, so that the summation order does not depend on the threads. */
  public static final int SHARD = 32;

  public TrainConfig {
    widths = widths.clone();
    weightBits = weightBits.clone();
    activationBits = activationBits.clone();
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(faults, "faults");
    if (widths.length < 2) {
      throw new IllegalArgumentException("layers: give at least an input and an output width, not "
          + Arrays.toString(widths));
    }
    for (int w : widths) {
      if (w < 1) {
        throw new IllegalArgumentException("layers: every width must be >= 1, not " + Arrays.toString(widths));
      }
    }
    int dense = widths.length - 1;
    if (weightBits.length != dense) {
      throw new IllegalArgumentException("weight bits: " + dense + " dense layers need " + dense + " widths, got "
          + Arrays.toString(weightBits));
    }
    if (activationBits.length != dense - 1) {
      throw new IllegalArgumentException("activation bits: " + (dense - 1) + " hidden layers need " + (dense - 1)
          + " widths, got " + Arrays.toString(activationBits));
    }
    for (int b : weightBits) {
      if (b < 2 || b > 16) {
        throw new IllegalArgumentException("weight bits must be in 2..16, not " + b);
      }
    }
    for (int b : activationBits) {
      if (b < 1 || b > 16) {
        throw new IllegalArgumentException("activation bits must be in 1..16, not " + b);
      }
    }
    if (!(sparsity >= 0 && sparsity < 1)) {
      throw new IllegalArgumentException("sparsity is a fraction in [0, 1), not " + sparsity);
    }
    if (schedule == Schedule.QAT && (sparsity > 0 || fanIn > 0)) {
      throw new IllegalArgumentException("schedule qat does not prune: use qap, qat-then-prune or prune-then-qat "
          + "with sparsity " + sparsity + (fanIn > 0 ? " and fan-in " + fanIn : ""));
    }
    if (fanIn < 0) {
      throw new IllegalArgumentException("fan-in must be >= 0 (0: unlimited), not " + fanIn);
    }
    if (batchSize < 1 || epochs < 1 || threads < 1) {
      throw new IllegalArgumentException("batch size, epochs and threads must be >= 1, not " + batchSize + ", "
          + epochs + ", " + threads);
    }
    if (!(bopsPenalty >= 0) || Double.isInfinite(bopsPenalty)) {
      throw new IllegalArgumentException("the BOPs penalty must be finite and >= 0, not " + bopsPenalty);
    }
  }

  /** A config for {@code widths}: 8-bit weights and activations, QAT, Adam at 3e-3, batch 64, 10 epochs. */
  public static Builder builder(int... widths) {
    return new Builder(widths);
  }

  public int denseLayers() {
    return widths.length - 1;
  }

  @Override
  public int[] widths() {
    return widths.clone();
  }

  @Override
  public int[] weightBits() {
    return weightBits.clone();
  }

  @Override
  public int[] activationBits() {
    return activationBits.clone();
  }

  public Builder toBuilder() {
    Builder b = new Builder(widths);
    b.weightBits = weightBits.clone();
    b.activationBits = activationBits.clone();
    b.schedule = schedule;
    b.sparsity = sparsity;
    b.fanIn = fanIn;
    b.optimizer = optimizer;
    b.batchSize = batchSize;
    b.epochs = epochs;
    b.seed = seed;
    b.threads = threads;
    b.faults = faults;
    b.bopsPenalty = bopsPenalty;
    b.batchNorm = batchNorm;
    return b;
  }

  @Override
  public String toString() {
    return "layers " + Arrays.toString(widths) + ", weight bits " + Arrays.toString(weightBits)
        + ", activation bits " + Arrays.toString(activationBits) + ", " + schedule + " to sparsity " + sparsity
        + (fanIn > 0 ? ", fan-in " + fanIn : "") + ", " + optimizer + ", batch " + batchSize + ", " + epochs
        + " epochs, seed " + seed + (faults.rate() > 0 ? ", faults " + faults : "")
        + (bopsPenalty > 0 ? ", precision search (BOPs penalty " + bopsPenalty + ")" : "")
        + (batchNorm ? ", batch norm (folded)" : "");
  }

  /** Collects a config; every setter checks its argument, {@link #build} checks the whole. */
  public static final class Builder {
    private final int[] widths;
    private int[] weightBits;
    private int[] activationBits;
    private Schedule schedule = Schedule.QAT;
    private double sparsity;
    private int fanIn;
    private Optimizer optimizer = Optimizer.Adam.of(3e-3);
    private int batchSize = 64;
    private int epochs = 10;
    private long seed = 1;
    private int threads = Runtime.getRuntime().availableProcessors();
    private FaultModel faults = FaultModel.none();
    private double bopsPenalty;
    private boolean batchNorm;

    private Builder(int[] widths) {
      this.widths = widths.clone();
      bits(8);
    }

    /** {@code b}-bit weights and activations in every layer. */
    public Builder bits(int b) {
      return weightBits(b).activationBits(b);
    }

    public Builder weightBits(int b) {
      weightBits = new int[Math.max(0, widths.length - 1)];
      Arrays.fill(weightBits, b);
      return this;
    }

    public Builder activationBits(int b) {
      activationBits = new int[Math.max(0, widths.length - 2)];
      Arrays.fill(activationBits, b);
      return this;
    }

    public Builder weightBits(int[] perLayer) {
      weightBits = perLayer.clone();
      return this;
    }

    public Builder activationBits(int[] perLayer) {
      activationBits = perLayer.clone();
      return this;
    }

    public Builder schedule(Schedule schedule, double sparsity) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      this.sparsity = sparsity;
      return this;
    }

    public Builder fanIn(int fanIn) {
      this.fanIn = fanIn;
      return this;
    }

    public Builder optimizer(Optimizer optimizer) {
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder faults(FaultModel faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    public Builder bopsPenalty(double penalty) {
      this.bopsPenalty = penalty;
      return this;
    }

    public Builder batchNorm(boolean batchNorm) {
      this.batchNorm = batchNorm;
      return this;
    }

    public TrainConfig build() {
      return new TrainConfig(widths, weightBits, activationBits, schedule, sparsity, fanIn, optimizer, batchSize,
          epochs, seed, threads, faults, bopsPenalty, batchNorm);
    }
  }
}
