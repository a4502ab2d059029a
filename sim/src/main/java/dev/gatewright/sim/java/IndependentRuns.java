package dev.gatewright.sim.java;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * Independent simulations of one compiled design on several threads: each thread keeps one
 * simulation and takes the next task as soon as it is done with one (so uneven tasks balance), clearing
 * the simulation to power-on in between. The generated classes are shared, so the JIT compiles them
 * once for all threads.
 */
final class IndependentRuns {

  private IndependentRuns() {}

  private record Failure(int task, Throwable cause) {}

  static <T, R> List<R> run(CompiledDesign design, List<T> tasks, int threads,
      BiFunction<? super JavaSimulator, ? super T, ? extends R> run) {
    if (threads < 1) {
      throw new IllegalArgumentException("independent runs need at least one thread, not " + threads);
    }
    int count = tasks.size();
    Object[] results = new Object[count];
    AtomicInteger nextTask = new AtomicInteger();
    AtomicReference<Failure> failure = new AtomicReference<>();
    Runnable worker = () -> {
      try (JavaSimulator simulation = design.open()) {
        boolean used = false;
        for (int task = nextTask.getAndIncrement(); task < count && failure.get() == null;
            task = nextTask.getAndIncrement()) {
          if (used) {
            simulation.restart();
          }
          used = true;
          try {
            results[task] = run.apply(simulation, tasks.get(task));
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
        running[k] = new Thread(worker, "gatewright-sim-" + design.name + "-" + k);
        running[k].setDaemon(true);
        running[k].start();
      }
      join(running, failure);
    }
    Failure failed = failure.get();
    if (failed != null) {
      throw new IllegalStateException("independent run " + failed.task() + " of " + count + " on " + design.name
          + " failed: " + failed.cause(), failed.cause());
    }
    @SuppressWarnings("unchecked")
    List<R> list = (List<R>) Collections.unmodifiableList(Arrays.asList(results));
    return list;
  }

  private static void join(Thread[] running, AtomicReference<Failure> failure) {
    for (Thread thread : running) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        failure.compareAndSet(null, new Failure(-1, e));
        for (Thread other : running) {
          other.interrupt();
        }
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for independent simulation runs", e);
      }
    }
  }
}
