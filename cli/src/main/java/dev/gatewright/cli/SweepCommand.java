package dev.gatewright.cli;

import dev.gatewright.nn.train.sweep.LocalExecutor;
import dev.gatewright.nn.train.sweep.ParetoPlots;
import dev.gatewright.nn.train.sweep.PointResult;
import dev.gatewright.nn.train.sweep.SlurmExecutor;
import dev.gatewright.nn.train.sweep.Sweep;
import dev.gatewright.nn.train.sweep.SweepConfig;
import dev.gatewright.nn.train.sweep.SweepExecutor;
import dev.gatewright.nn.train.sweep.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Trains every point of a design-space sweep, on a local pool or as a Slurm array job, and merges the results. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Design-space exploration: train and evaluate every point of a grid or random search over bits x "
        + "sparsity x schedule x reuse (x fan-in x training fault rate); write results.csv, results.json and Pareto "
        + "plots (PNG and SVG). Finished points are kept: rerunning resumes."})
final class SweepCommand implements Callable<Integer> {

  enum ExecutorKind { LOCAL, SLURM }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG.json", description = "The sweep (see SweepConfig).")
  Path configFile;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep's folder.")
  Path out;

  @Option(names = "--executor", paramLabel = "local|slurm", description = "Where points run (default: ${DEFAULT-VALUE}).")
  ExecutorKind executor = ExecutorKind.LOCAL;

  @Option(names = "--workers", paramLabel = "N", description = "Local: points trained at once, sharing the cores (default: ${DEFAULT-VALUE}).")
  int workers = 1;

  @Option(names = "--cpus-per-task", paramLabel = "N", description = "Slurm: CPUs (and training threads) per point (default: ${DEFAULT-VALUE}).")
  int cpusPerTask = 1;

  @Option(names = "--partition", paramLabel = "NAME", description = "Slurm: partition (default: the cluster's default).")
  String partition;

  @Option(names = "--time-limit", paramLabel = "MINUTES", description = "Slurm: time limit per point (default: the partition's).")
  int timeLimit = 0;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(configFile)) {
      throw new ParameterException(spec.commandLine(), "no sweep config at " + configFile.toAbsolutePath());
    }
    SweepConfig config;
    try {
      config = SweepConfig.read(configFile);
    } catch (IllegalArgumentException e) {
      System.err.println("gatewright sweep: " + e.getMessage());
      return 2;
    }
    if (workers < 1 || cpusPerTask < 1) {
      throw new ParameterException(spec.commandLine(), "--workers and --cpus-per-task must be >= 1");
    }
    Sweep sweep = new Sweep(config, out);
    List<SweepPoint> pending = sweep.pending();
    SweepExecutor chosen = executor == ExecutorKind.LOCAL ? LocalExecutor.of(workers)
        : new SlurmExecutor(cpusPerTask, partition, timeLimit, Duration.ofSeconds(2));
    System.out.printf(Locale.ROOT, "sweep %s: %d points, %d already finished, %d to run on %s%n", configFile,
        config.points().size(), config.points().size() - pending.size(), pending.size(),
        executor == ExecutorKind.LOCAL ? workers + " local worker" + (workers > 1 ? "s" : "") : chosen);
    int failed;
    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(pending.size())
        .setUnit(" points", 1).setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(110)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
      failed = chosen.run(sweep, pending, new SweepExecutor.Progress() {
        @Override
        public synchronized void finished(SweepPoint point, PointResult result) {
          bar.step();
          System.out.printf(Locale.ROOT, "  %-40s test accuracy %6.2f %%, %,13.0f BOPs, sparsity %5.1f %%, %5.1f s%n",
              point.id(), 100 * result.testAccuracy(), result.bops(), 100 * result.measuredSparsity(),
              result.seconds());
        }

        @Override
        public synchronized void failed(SweepPoint point, String reason) {
          bar.step();
          System.out.println("  " + point.id() + " FAILED: " + reason);
        }
      });
    }
    List<PointResult> results = sweep.merge();
    System.out.println("Pareto front (accuracy vs BOPs, all schedules):");
    for (PointResult r : ParetoPlots.front(results)) {
      System.out.printf(Locale.ROOT, "  %-40s test accuracy %6.2f %%, %,13.0f BOPs%n", r.point().id(),
          100 * r.testAccuracy(), r.bops());
    }
    System.out.println("results: " + sweep.out().resolve("results.csv") + ", " + sweep.out().resolve("results.json")
        + "; plots: " + sweep.out().resolve("accuracy_vs_bops.png") + " and .svg");
    if (failed > 0) {
      System.out.println(failed + " point(s) failed; rerun the same command to retry them");
      return 1;
    }
    return 0;
  }
}
