package dev.gatewright.nn.train.sweep;

import dev.gatewright.nn.train.Trainer;

/**
 * The program one Slurm array task runs: {@code SweepWorker CONFIG OUT INDEX THREADS} trains point
 * {@code INDEX} of the sweep in {@code CONFIG} into {@code OUT}. Exit 0 when its result is written, 1 with
 * one line on stderr otherwise.
 */
public final class SweepWorker {

  private SweepWorker() {}

  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println("usage: SweepWorker CONFIG OUT INDEX THREADS");
      System.exit(2);
    }
    try {
      SweepConfig config = SweepConfig.read(java.nio.file.Path.of(args[0]));
      int index = Integer.parseInt(args[2]);
      if (index < 0 || index >= config.points().size()) {
        throw new IllegalArgumentException("point " + index + " does not exist: the sweep has "
            + config.points().size() + " points");
      }
      SweepPoint point = config.points().get(index);
      PointResult r = new Sweep(config, java.nio.file.Path.of(args[1])).run(point, Integer.parseInt(args[3]),
          Trainer.Listener.NONE);
      System.out.printf(java.util.Locale.ROOT, "%s: test accuracy %.4f, %.0f BOPs, %.1f s%n", point, r.testAccuracy(),
          r.bops(), r.seconds());
    } catch (RuntimeException e) {
      System.err.println("sweep point failed: " + e.getMessage());
      System.exit(1);
    }
  }
}
