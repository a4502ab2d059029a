package dev.gatewright.nn.train;

import dev.gatewright.nn.FaultModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Trains an {@link Mlp} as a {@link TrainConfig} says: mini-batches of softmax cross-entropy, the config's
 * optimizer on a cosine learning-rate decay, quantization-aware training with the straight-through
 * estimator, pruning on its {@link Schedule}, faults injected while training, and optionally the per-layer
 * precision search of {@link PrecisionSearch}.
 *
 * <p><b>Reproducible.</b> Each batch is cut into shards of {@link TrainConfig#SHARD} samples; each shard's
 * gradient is computed alone (on any thread) and the shard gradients are added in shard order. Nothing
 * else depends on scheduling, so one seed gives the same weights bit for bit for any thread count.
 *
 * <p><b>Batch normalization</b> ({@link TrainConfig#batchNorm}) is trained folded, as quantized inference
 * runs it (Jacob et al. 2018, with the statistics frozen into the fold): every step computes with
 * {@code w · s} and {@code (b − mean) · s + beta}, {@code s = gamma / sqrt(variance + eps)}, quantized, where
 * mean and variance are running averages (momentum 0.1) of the batches' pre-normalization statistics over
 * the first twentieth of the steps (the quantization ranges recalibrated every 25 steps meanwhile), frozen
 * after that (a moving fold would shift every weight between steps); gradients reach w, b, gamma and beta
 * through the fold. So the network exported after the last step — the
 * fold, quantized — is exactly what was trained.
 *
 * <p><b>Quantization ranges.</b> Weight fractions (power-of-two scales) are chosen per layer for least
 * squared quantization error, activation fractions likewise on the pre-activations of a calibration set
 * (the first 512 training samples); both at the start of every quantized epoch, so the last epoch trains
 * with the ranges the exported network uses.
 */
public final class Trainer {

  /** What happened in one epoch. Accuracy is the integer model's once quantized, else the float model's. */
  public record Epoch(int epoch, double loss, double trainAccuracy, double testAccuracy, double sparsity,
      boolean quantized, double seconds) {}

  /** Progress callbacks, called on the training thread. */
  public interface Listener {
    default void started(long totalSteps) {}

    default void step(long step) {}

    default void epoch(Epoch epoch) {}

    Listener NONE = new Listener() {};
  }

  /** The trained model, its history, and its test accuracy from {@link QuantizedInference}. */
  public record Result(Mlp model, List<Epoch> history, double testAccuracy, double samplesPerSecond) {}

  private static final int CALIBRATION = 512;

  private final TrainConfig config;

  public Trainer(TrainConfig config) {
    this.config = config;
  }

  public Result train(Dataset train, Dataset test, Listener listener) {
    if (train.features() != config.widths()[0] || train.classes() > config.widths()[config.denseLayers()]) {
      throw new IllegalArgumentException("the data has " + train.features() + " features and " + train.classes()
          + " classes; the layers " + java.util.Arrays.toString(config.widths()) + " do not fit it");
    }
    Mlp mlp = new Mlp(config.widths(), config.weightBits(), config.activationBits(), config.seed(),
        config.batchNorm());
    int stepsPerEpoch = (train.count() + config.batchSize() - 1) / config.batchSize();
    long total = (long) stepsPerEpoch * config.epochs();
    Plan plan = new Plan(config, total);
    Optimizer.Step[] weightSteps = new Optimizer.Step[mlp.layers()];
    Optimizer.Step[] biasSteps = new Optimizer.Step[mlp.layers()];
    for (int l = 0; l < mlp.layers(); l++) {
      weightSteps[l] = config.optimizer().state(mlp.w[l].length);
      biasSteps[l] = config.optimizer().state(mlp.b[l].length);
    }
    BatchNormSteps norms = new BatchNormSteps(mlp, config.optimizer());
    PrecisionSearch search = config.bopsPenalty() > 0 ? new PrecisionSearch(mlp, config.bopsPenalty()) : null;
    int shards = (config.batchSize() + TrainConfig.SHARD - 1) / TrainConfig.SHARD;
    ShardKernel[] kernels = new ShardKernel[shards];
    for (int s = 0; s < shards; s++) {
      kernels[s] = new ShardKernel(config.widths());
    }
    Dataset calibration = train.head(CALIBRATION);
    List<Epoch> history = new ArrayList<>();
    listener.started(total);
    long step = 0;
    long trainingNanos = 0;
    ForkJoinPool pool = new ForkJoinPool(config.threads());
    try {
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        int[] order = shuffle(train.count(), config.seed() * 1_000_003L + epoch);
        double loss = 0;
        int correct = 0;
        for (int first = 0; first < train.count(); first += config.batchSize()) {
          if (!mlp.quantized && step >= plan.quantizeFrom) {
            mlp.quantized = true;
            Calibration.run(mlp, calibration, search == null);
            if (search != null) {
              search.start();
            }
          } else if (mlp.quantized && (first == 0 || plan.recalibrates(step))) {
            Calibration.run(mlp, calibration, search == null);
          }
          plan.prune(mlp, step);
          if (search != null) {
            search.applyPrecision();
          }
          int last = Math.min(train.count(), first + config.batchSize());
          int batch = last - first;
          StepWeights weights = new StepWeights(mlp, config.faults(), mix(config.seed(), step, -1));
          long t0 = System.nanoTime();
          runShards(pool, kernels, weights, train, order, first, last, step);
          int used = (batch + TrainConfig.SHARD - 1) / TrainConfig.SHARD;
          for (int s = 0; s < used; s++) {
            loss += kernels[s].loss;
            correct += kernels[s].correct;
          }
          double rate = plan.learningRate(step);
          for (int l = 0; l < mlp.layers(); l++) {
            float[] gw = kernels[0].weightGradient[l];
            float[] gb = kernels[0].biasGradient[l];
            for (int s = 1; s < used; s++) {
              add(gw, kernels[s].weightGradient[l]);
              add(gb, kernels[s].biasGradient[l]);
            }
            if (search != null) {
              search.weightGradient(l, gw);
            }
            norms.unfold(l, gw, gb, step + 1, rate);
            float[] mask = mlp.mask[l];
            for (int k = 0; k < gw.length; k++) {
              gw[k] *= mask[k];
            }
            weightSteps[l].apply(mlp.w[l], gw, step + 1, rate);
            biasSteps[l].apply(mlp.b[l], gb, step + 1, rate);
            float[] w = mlp.w[l];
            for (int k = 0; k < w.length; k++) {
              w[k] *= mask[k];
            }
          }
          if (step < plan.freezeStatistics) {
            norms.updateStatistics(kernels, used, batch);
          }
          if (search != null) {
            double[] activationGradient = new double[mlp.layers() - 1];
            for (int s = 0; s < used; s++) {
              for (int h = 0; h < activationGradient.length; h++) {
                activationGradient[h] += kernels[s].activationErrorGradient[h];
              }
            }
            search.update(activationGradient);
          }
          trainingNanos += System.nanoTime() - t0;
          step++;
          listener.step(step);
        }
        if (epoch == config.epochs() - 1) {
          plan.finish(mlp);
        }
        double testAccuracy = accuracy(mlp, test);
        Epoch e = new Epoch(epoch + 1, loss / train.count(), (double) correct / train.count(), testAccuracy,
            mlp.sparsity(), mlp.quantized, (System.nanoTime() - epochStart) / 1e9);
        history.add(e);
        listener.epoch(e);
      }
    } finally {
      pool.shutdown();
    }
    double samplesPerSecond = trainingNanos == 0 ? 0 : (double) train.count() * config.epochs() / (trainingNanos / 1e9);
    return new Result(mlp, history, history.get(history.size() - 1).testAccuracy(), samplesPerSecond);
  }

  /** The integer model's accuracy once quantized, else the float model's. */
  static double accuracy(Mlp mlp, Dataset data) {
    if (mlp.quantized) {
      return new QuantizedInference(mlp).accuracy(data);
    }
    StepWeights weights = new StepWeights(mlp, FaultModel.none(), 0);
    ShardKernel kernel = new ShardKernel(mlp.widths);
    int[] order = shuffle(data.count(), -1);
    java.util.Arrays.sort(order);
    int correct = 0;
    int classes = mlp.outputs(mlp.layers() - 1);
    for (int first = 0; first < data.count(); first += TrainConfig.SHARD) {
      int last = Math.min(data.count(), first + TrainConfig.SHARD);
      int n = kernel.load(data, order, first, last);
      float[] logits = kernel.forward(weights, n, FaultModel.none(), null);
      for (int r = 0; r < n; r++) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
          if (logits[r * classes + c] > logits[r * classes + best]) {
            best = c;
          }
        }
        correct += best == data.label(first + r) ? 1 : 0;
      }
    }
    return (double) correct / data.count();
  }

  private void runShards(ForkJoinPool pool, ShardKernel[] kernels, StepWeights weights, Dataset train, int[] order,
      int first, int last, long step) {
    int batch = last - first;
    float scale = 1f / batch;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int s = 0; s * TrainConfig.SHARD < batch; s++) {
      ShardKernel kernel = kernels[s];
      int from = first + s * TrainConfig.SHARD;
      int to = Math.min(last, from + TrainConfig.SHARD);
      long shardSeed = mix(config.seed(), step, s);
      tasks.add(() -> {
        kernel.clearGradients();
        int n = kernel.load(train, order, from, to);
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
          labels[r] = train.label(order[from + r]);
        }
        SplittableRandom random = new SplittableRandom(shardSeed);
        kernel.forward(weights, n, config.faults(), random);
        kernel.backward(weights, n, labels, scale);
        return null;
      });
    }
    if (tasks.size() == 1 || config.threads() == 1) {
      for (Callable<Void> task : tasks) {
        try {
          task.call();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return;
    }
    for (Future<Void> f : pool.invokeAll(tasks)) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("training interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a training shard failed: " + e.getCause(), e.getCause());
      }
    }
  }

  private static void add(float[] into, float[] from) {
    for (int k = 0; k < into.length; k++) {
      into[k] += from[k];
    }
  }

  static int[] shuffle(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  static long mix(long seed, long step, long shard) {
    long h = seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + shard * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    return h;
  }

  /** When quantization starts and how sparsity rises, in steps. */
  private static final class Plan {
    final TrainConfig config;
    final long total;
    final long quantizeFrom;
    final long pruneFrom;
    final long pruneUntil; // the ramp ends here; pruning during training stops
    final long every;
    final long freezeStatistics; // batch-norm statistics move until here, then stay

    Plan(TrainConfig config, long total) {
      this.config = config;
      this.total = total;
      freezeStatistics = Math.max(25, total / 20 / 25 * 25);
      boolean prunes = config.sparsity() > 0 || config.fanIn() > 0;
      switch (config.schedule()) {
        case PRUNE_THEN_QAT -> {
          quantizeFrom = total / 2;
          pruneFrom = 0;
          pruneUntil = prunes ? Math.max(1, (long) (0.75 * (total / 2))) : -1;
        }
        case QAP -> {
          quantizeFrom = 0;
          pruneFrom = 0;
          pruneUntil = prunes ? Math.max(1, (long) (0.75 * total)) : -1;
        }
        default -> {
          quantizeFrom = 0;
          pruneFrom = 0;
          pruneUntil = -1;
        }
      }
      every = Math.max(1, (pruneUntil - pruneFrom) / 20);
    }

    /** While batch-norm statistics move, the ranges follow them: every 25 steps and once they freeze. */
    boolean recalibrates(long step) {
      return config.batchNorm() && step <= freezeStatistics && step % 25 == 0;
    }

    double learningRate(long step) {
      double progress = (double) step / total;
      return config.optimizer().learningRate() * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    void prune(Mlp mlp, long step) {
      if (pruneUntil < 0 || step < pruneFrom || step > pruneUntil) {
        return;
      }
      if ((step - pruneFrom) % every != 0 && step != pruneUntil) {
        return;
      }
      double progress = (double) (step - pruneFrom) / (pruneUntil - pruneFrom);
      apply(mlp, progress);
    }

    void finish(Mlp mlp) {
      if (config.schedule() == Schedule.QAT_THEN_PRUNE) {
        apply(mlp, 1);
      }
    }

    private void apply(Mlp mlp, double progress) {
      if (config.sparsity() > 0) {
        Pruner.toSparsity(mlp, Pruner.polynomial(config.sparsity(), progress));
      }
      if (config.fanIn() > 0) {
        Pruner.toFanIn(mlp, config.fanIn(), progress);
      }
    }
  }
}
