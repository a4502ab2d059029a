package dev.gatewright.sim.parallel;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Independent tasks on several threads, each thread with a resource of its own (a simulation) that it opens
 * once and closes at the end: a thread takes the next task as soon as it is done with one, so uneven tasks
 * balance. Results come in task order. The first task that throws ends the run, and {@link #run} throws what
 * the caller's {@link Failed} makes of it, naming the task.
 *
 * @param <S> the resource of a thread
 */
public final class TaskPool<S extends AutoCloseable> {

  /**
   * The first failure of a run: task {@code task} of {@code tasks} threw {@code cause}, or ({@code task} -1) a
   * thread failed outside any task, {@code during} opening or closing its resource or waiting for the threads.
   */
  public record Failure(int task, int tasks, String during, Throwable cause) {
    /** "task 3 of 40", or what the pool was doing. */
    public String where() {
      return task >= 0 ? "task " + task + " of " + tasks : during;
    }
  }

  /** What the caller throws for a run's first failure. */
  @FunctionalInterface
  public interface Failed {
    RuntimeException exception(Failure failure);
  }

  private final String threadName;
  private final int threads;
  private final Supplier<? extends S> open;
  private Consumer<? super S> betweenTasks = s -> { };
  private IntConsumer progress = done -> { };

  private TaskPool(String threadName, int threads, Supplier<? extends S> open) {
    if (threads < 1) {
      throw new IllegalArgumentException("a pool needs at least one thread, not " + threads);
    }
    this.threadName = Objects.requireNonNull(threadName, "threadName");
    this.threads = threads;
    this.open = Objects.requireNonNull(open, "open");
  }

  /** A pool of {@code threads} threads named {@code threadName-k}, each opening its resource with {@code open}. */
  public static <S extends AutoCloseable> TaskPool<S> of(String threadName, int threads, Supplier<? extends S> open) {
    return new TaskPool<>(threadName, threads, open);
  }

  /** Done to a thread's resource before each of its tasks but the first (for example, back to power-on). */
  public TaskPool<S> betweenTasks(Consumer<? super S> action) {
    this.betweenTasks = Objects.requireNonNull(action, "action");
    return this;
  }

  /** Told the number of finished tasks as each one finishes (from any thread). */
  public TaskPool<S> progress(IntConsumer progress) {
    this.progress = Objects.requireNonNull(progress, "progress");
    return this;
  }

  /** Runs {@code run} on every task; see the class comment. */
  public <T, R> List<R> run(List<T> tasks, BiFunction<? super S, ? super T, ? extends R> run, Failed failed) {
    int count = tasks.size();
    Object[] results = new Object[count];
    AtomicInteger nextTask = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicReference<Failure> failure = new AtomicReference<>();
    Runnable worker = () -> {
      S resource;
      try {
        resource = open.get();
      } catch (RuntimeException | Error e) {
        failure.compareAndSet(null, new Failure(-1, count, "opening a simulation", e));
        return;
      }
      try (AutoCloseable closing = resource) {
        boolean used = false;
        for (int task = nextTask.getAndIncrement(); task < count && failure.get() == null;
            task = nextTask.getAndIncrement()) {
          try {
            if (used) {
              betweenTasks.accept(resource);
            }
            used = true;
            results[task] = run.apply(resource, tasks.get(task));
            progress.accept(finished.incrementAndGet());
          } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, new Failure(task, count, null, e));
          }
        }
      } catch (Exception e) {
        failure.compareAndSet(null, new Failure(-1, count, "closing a simulation", e));
      }
    };
    int workers = Math.min(threads, count);
    if (workers <= 1) {
      worker.run();
    } else {
      join(start(worker, workers), failure, count);
    }
    Failure first = failure.get();
    if (first != null) {
      throw failed.exception(first);
    }
    @SuppressWarnings("unchecked")
    List<R> list = (List<R>) Collections.unmodifiableList(Arrays.asList(results));
    return list;
  }

  private Thread[] start(Runnable worker, int workers) {
    Thread[] running = new Thread[workers];
    for (int k = 0; k < workers; k++) {
      running[k] = new Thread(worker, threadName + "-" + k);
      running[k].setDaemon(true);
      running[k].start();
    }
    return running;
  }

  private static void join(Thread[] running, AtomicReference<Failure> failure, int count) {
    for (Thread thread : running) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        failure.compareAndSet(null, new Failure(-1, count, "waiting for the threads", e));
        for (Thread other : running) {
          other.interrupt();
        }
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
