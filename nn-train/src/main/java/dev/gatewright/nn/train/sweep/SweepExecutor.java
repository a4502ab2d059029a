package dev.gatewright.nn.train.sweep;

import java.util.List;

/** Runs a sweep's pending points somewhere: a local pool of workers or a Slurm array job. */
public sealed interface SweepExecutor permits LocalExecutor, SlurmExecutor {

  /** Hears of each point as it finishes (on any thread). */
  interface Progress {
    void finished(SweepPoint point, PointResult result);

    void failed(SweepPoint point, String reason);
  }

  /** Runs {@code points} of {@code sweep}; returns the number that failed. */
  int run(Sweep sweep, List<SweepPoint> points, Progress progress);
}
