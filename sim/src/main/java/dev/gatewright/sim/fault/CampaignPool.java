package dev.gatewright.sim.fault;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;

/**
 * Runs the independent tasks of a fault campaign on several threads: each thread opens one simulation
 * from the factory and takes the next task as soon as it is done with one (uneven tasks balance). A
 * task starts from whatever the previous task on its thread left, so it resets the design first. Results
 * come in task order; the first task that throws ends the campaign and its exception is rethrown, naming
 * the task.
 *
 * <p>The pool only asks the factory for simulations, so a faster engine (the compiled Java engine: one
 * compiled design shared by every thread) speeds campaigns up without any change here.
 */
public final class CampaignPool {

  private CampaignPool() {}

  private record Failure(int task, Throwable cause) {}

  /** Threads of a campaign when none are asked for: one per core. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  public static <T, R> List<R> run(FaultSimulation.Factory factory, int threads, List<T> tasks,
      BiFunction<? super FaultSimulation, ? super T, ? extends R> run) {
    return run(factory, threads, tasks, run, done -> { });
  }

  /** As {@link #run(FaultSimulation.Factory, int, List, BiFunction)}, telling {@code progress} of each finished task. */
  public static <T, R> List<R> run(FaultSimulation.Factory factory, int threads, List<T> tasks,
      BiFunction<? super FaultSimulation, ? super T, ? extends R> run, IntConsumer progress) {
    if (threads < 1) {
      throw new IllegalArgumentException("a campaign needs at least one thread, not " + threads);
    }
    int count = tasks.size();
    Object[] results = new Object[count];
    AtomicInteger nextTask = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicReference<Failure> failure = new AtomicReference<>();
    Runnable worker = () -> {
      FaultSimulation simulation;
      try {
        simulation = factory.open();
      } catch (RuntimeException | Error e) {
        failure.compareAndSet(null, new Failure(-1, e));
        return;
      }
      try (simulation) {
        for (int task = nextTask.getAndIncrement(); task < count && failure.get() == null;
            task = nextTask.getAndIncrement()) {
          try {
            results[task] = run.apply(simulation, tasks.get(task));
            progress.accept(finished.incrementAndGet());
          } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, new Failure(task, e));
          }
        }
      }
    };
    int workers = Math.min(threads, count);
    if (workers <= 1) {
      worker.run();
    } else {
      Thread[] running = new Thread[workers];
      for (int k = 0; k < workers; k++) {
        running[k] = new Thread(worker, "gatewright-campaign-" + k);
        running[k].setDaemon(true);
        running[k].start();
      }
      for (Thread thread : running) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          failure.compareAndSet(null, new Failure(-1, e));
          for (Thread other : running) {
            other.interrupt();
          }
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while a fault campaign ran", e);
        }
      }
    }
    Failure failed = failure.get();
    if (failed != null) {
      String which = failed.task() < 0 ? "opening a simulation" : "task " + failed.task() + " of " + count;
      if (failed.cause() instanceof IllegalArgumentException bad) {
        throw new IllegalArgumentException(bad.getMessage(), bad);
      }
      throw new IllegalStateException("fault campaign failed in " + which + ": " + failed.cause(), failed.cause());
    }
    @SuppressWarnings("unchecked")
    List<R> list = (List<R>) Collections.unmodifiableList(Arrays.asList(results));
    return list;
  }
}
