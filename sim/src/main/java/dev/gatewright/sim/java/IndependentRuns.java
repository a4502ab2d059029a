package dev.gatewright.sim.java;

import dev.gatewright.sim.parallel.TaskPool;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Independent simulations of one compiled design on several threads ({@link TaskPool}): each thread keeps one
 * simulation and takes the next task as soon as it is done with one (so uneven tasks balance), clearing
 * the simulation to power-on in between. The generated classes are shared, so the JIT compiles them
 * once for all threads.
 */
final class IndependentRuns {

  private IndependentRuns() {}

  static <T, R> List<R> run(CompiledDesign design, List<T> tasks, int threads,
      BiFunction<? super JavaSimulator, ? super T, ? extends R> run) {
    return TaskPool.<JavaSimulator>of("gatewright-sim-" + design.name, threads, design::open)
        .betweenTasks(JavaSimulator::restart)
        .run(tasks, run, failure -> new IllegalStateException((failure.task() >= 0
            ? "independent run " + failure.task() + " of " + failure.tasks() + " on " + design.name
            : "independent runs on " + design.name + ", " + failure.where() + ",") + " failed: " + failure.cause(),
            failure.cause()));
  }
}
