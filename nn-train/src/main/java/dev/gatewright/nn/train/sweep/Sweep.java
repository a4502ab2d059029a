package dev.gatewright.nn.train.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gatewright.nn.FaultModel;
import dev.gatewright.nn.train.Dataset;
import dev.gatewright.nn.train.Optimizer;
import dev.gatewright.nn.train.TrainConfig;
import dev.gatewright.nn.train.Trainer;
import dev.gatewright.nn.train.TrainingRun;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's folder and its points: {@code points/<id>/} holds each point's network, training report and
 * {@code result.json} (written last, renamed into place, so an interrupted point leaves no result and is
 * run again); {@link #merge} writes {@code results.csv}, {@code results.json} and the plots from every
 * finished point. Points are trained here; {@link SweepExecutor}s decide where.
 */
public final class Sweep {

  private final SweepConfig config;
  private final Path out;
  private Dataset.Split split;

  public Sweep(SweepConfig config, Path out) {
    this.config = config;
    this.out = out.toAbsolutePath();
  }

  public SweepConfig config() {
    return config;
  }

  public Path out() {
    return out;
  }

  public Path resultFile(SweepPoint point) {
    return out.resolve("points").resolve(point.id()).resolve("result.json");
  }

  /** The points without a result yet, in order. */
  public List<SweepPoint> pending() {
    return config.points().stream().filter(p -> !Files.exists(resultFile(p))).toList();
  }

  /** Trains, evaluates and exports one point with {@code threads} threads; writes its result last. */
  public PointResult run(SweepPoint point, int threads, Trainer.Listener listener) {
    TrainConfig train = TrainConfig.builder(config.layers()).bits(point.bits())
        .schedule(point.schedule(), point.sparsity()).fanIn(point.fanIn())
        .optimizer(Optimizer.Adam.of(config.learningRate())).batchSize(config.batchSize()).epochs(config.epochs())
        .seed(config.seed()).threads(threads)
        .faults(point.faultRate() > 0 ? FaultModel.bitFlips(point.faultRate()) : FaultModel.none()).build();
    String name = "mlp_" + point.id().replaceAll("[^A-Za-z0-9]", "_");
    TrainingRun run = TrainingRun.run(name, train, split(), listener, config.evaluateFaultRates(),
        config.faultTrials());
    Path folder = resultFile(point).getParent();
    run.write(folder);
    PointResult result = PointResult.of(point, run);
    result.write(resultFile(point));
    return result;
  }

  private synchronized Dataset.Split split() {
    if (split == null) {
      split = Dataset.parse(config.dataset()).shuffledSplit(config.splitSeed(), config.trainCount());
    }
    return split;
  }

  /** The results of the finished points, in point order. */
  public List<PointResult> results() {
    List<PointResult> results = new ArrayList<>();
    for (SweepPoint p : config.points()) {
      Path file = resultFile(p);
      if (Files.exists(file)) {
        results.add(PointResult.read(file));
      }
    }
    return results;
  }

  /** Writes results.csv, results.json and the plots (PNG and SVG) from every finished point. */
  public List<PointResult> merge() {
    List<PointResult> results = results();
    try {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ArrayNode array = mapper.createArrayNode();
      results.forEach(r -> array.add(r.toJson()));
      AtomicFiles.writeString(out.resolve("results.json"), mapper.writeValueAsString(array) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sweep results into " + out + ": " + e.getMessage(), e);
    }
    AtomicFiles.writeString(out.resolve("results.csv"), csv(results));
    if (!results.isEmpty()) {
      ParetoPlots.write(results, out);
    }
    return results;
  }

  /** One row per finished point; fault columns {@code accuracy@RATE} for each evaluated rate. */
  String csv(List<PointResult> results) {
    StringBuilder s = new StringBuilder("index,id,bits,sparsity,schedule,reuse,fan_in,training_fault_rate,"
        + "test_accuracy,bops,nonzero_weights,measured_sparsity,weight_types,activation_types,seconds");
    for (double rate : config.evaluateFaultRates()) {
      s.append(String.format(Locale.ROOT, ",accuracy@%.0e", rate));
    }
    s.append('\n');
    for (PointResult r : results) {
      SweepPoint p = r.point();
      // types hold commas, sfix(4,3): those two fields are quoted (RFC 4180)
      s.append(String.format(Locale.ROOT, "%d,%s,%d,%.4f,%s,%d,%d,%s,%.4f,%.0f,%d,%.4f,\"%s\",\"%s\",%.1f", p.index(),
          p.id(), p.bits(), p.sparsity(), p.schedule().label(), p.reuse(), p.fanIn(), p.faultRate(), r.testAccuracy(),
          r.bops(), r.nonzeroWeights(), r.measuredSparsity(), r.weightTypes(), r.activationTypes(), r.seconds()));
      for (double rate : config.evaluateFaultRates()) {
        double accuracy = r.faultAccuracy().stream().filter(f -> f.rate() == rate).mapToDouble(f -> f.meanAccuracy())
            .findFirst().orElse(Double.NaN);
        s.append(String.format(Locale.ROOT, ",%.4f", accuracy));
      }
      s.append('\n');
    }
    return s.toString();
  }
}
