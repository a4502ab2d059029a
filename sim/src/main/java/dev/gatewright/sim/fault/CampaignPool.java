package dev.gatewright.sim.fault;

import dev.gatewright.sim.parallel.TaskPool;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;

/**
 * Runs the independent tasks of a fault campaign on several threads ({@link TaskPool}): each thread opens one
 * simulation from the factory and takes the next task as soon as it is done with one (uneven tasks balance). A
 * task starts from whatever the previous task on its thread left, so it resets the design first. Results
 * come in task order; the first task that throws ends the campaign and its exception is rethrown, naming
 * the task.
 *
 * <p>The pool only asks the factory for simulations, so a faster engine (the compiled Java engine: one
 * compiled design shared by every thread) speeds campaigns up without any change here.
 */
public final class CampaignPool {

  private CampaignPool() {}

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
    return TaskPool.<FaultSimulation>of("gatewright-campaign", threads, factory::open).progress(progress)
        .run(tasks, run, failure -> failure.cause() instanceof IllegalArgumentException bad
            ? new IllegalArgumentException(bad.getMessage(), bad)
            : new IllegalStateException("fault campaign failed in " + failure.where() + ": " + failure.cause(),
                failure.cause()));
  }
}
