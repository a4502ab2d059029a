package dev.gatewright.nn.train.sweep;

import dev.gatewright.nn.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs points on {@code workers} threads of this JVM; each point trains with {@code threadsPerPoint}
 * threads. A failing point is reported and the others go on.
 */
public record LocalExecutor(int workers, int threadsPerPoint) implements SweepExecutor {

  public LocalExecutor {
    if (workers < 1 || threadsPerPoint < 1) {
      throw new IllegalArgumentException("workers and threads per point must be >= 1, not " + workers + " and "
          + threadsPerPoint);
    }
  }

  /** As many workers as asked, sharing the machine's cores between them. */
  public static LocalExecutor of(int workers) {
    return new LocalExecutor(workers, Math.max(1, Runtime.getRuntime().availableProcessors() / workers));
  }

  @Override
  public int run(Sweep sweep, List<SweepPoint> points, Progress progress) {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (SweepPoint point : points) {
        futures.add(pool.submit(() -> {
          try {
            progress.finished(point, sweep.run(point, threadsPerPoint, Trainer.Listener.NONE));
            return true;
          } catch (RuntimeException e) {
            progress.failed(point, e.getMessage() != null ? e.getMessage() : e.toString());
            return false;
          }
        }));
      }
      int failed = 0;
      for (Future<Boolean> f : futures) {
        try {
          failed += f.get() ? 0 : 1;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("sweep interrupted; finished points are kept, rerun to resume", e);
        } catch (ExecutionException e) {
          failed++;
        }
      }
      return failed;
    } finally {
      pool.shutdownNow();
    }
  }
}
