package dev.gatewright.sim.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskPoolTest {

  /** A thread's resource: counts the tasks it ran and the resets between them, and whether it was closed. */
  private static final class Counter implements AutoCloseable {
    int tasks;
    int resets;
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void resultsComeInTaskOrderWithEveryThreadResetBetweenItsTasksAndClosedAtTheEnd() {
    Set<Counter> opened = ConcurrentHashMap.newKeySet();
    AtomicInteger progress = new AtomicInteger();
    List<Integer> tasks = IntStream.range(0, 200).boxed().toList();
    List<Integer> squares = TaskPool.<Counter>of("test", 3, () -> {
      Counter c = new Counter();
      opened.add(c);
      return c;
    }).betweenTasks(c -> c.resets++).progress(done -> progress.incrementAndGet()).run(tasks, (c, t) -> {
      c.tasks++;
      if (t % 7 == 0) {
        Thread.onSpinWait(); // uneven tasks
      }
      return t * t;
    }, failure -> new IllegalStateException(failure.where()));
    assertEquals(IntStream.range(0, 200).map(t -> t * t).boxed().toList(), squares);
    assertEquals(200, progress.get());
    assertTrue(opened.size() >= 1 && opened.size() <= 3, opened.size() + " resources");
    assertEquals(200, opened.stream().mapToInt(c -> c.tasks).sum());
    for (Counter c : opened) {
      assertTrue(c.closed, "closed");
      assertEquals(Math.max(0, c.tasks - 1), c.resets, "a reset before each task but the first");
    }
  }

  @Test
  void theFirstFailingTaskEndsTheRunAndIsNamed() {
    List<TaskPool.Failure> seen = new ArrayList<>();
    IllegalArgumentException cause = new IllegalArgumentException("task 5 is bad");
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        TaskPool.<Counter>of("test", 1, Counter::new).run(IntStream.range(0, 10).boxed().toList(), (c, t) -> {
          if (t == 5) {
            throw cause;
          }
          return t;
        }, failure -> {
          seen.add(failure);
          return new IllegalStateException("failed in " + failure.where(), failure.cause());
        }));
    assertEquals("failed in task 5 of 10", e.getMessage());
    assertSame(cause, e.getCause());
    assertEquals(1, seen.size());
  }

  @Test
  void aResourceThatCannotBeOpenedFailsTheRunOutsideAnyTask() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        TaskPool.<Counter>of("test", 2, () -> {
          throw new IllegalStateException("no licence");
        }).run(List.of(1, 2, 3), (c, t) -> t, failure -> new IllegalStateException(failure.task() + " "
            + failure.where() + ": " + failure.cause().getMessage())));
    assertEquals("-1 opening a simulation: no licence", e.getMessage());
  }

  @Test
  void aPoolNeedsAThread() {
    assertThrows(IllegalArgumentException.class, () -> TaskPool.of("test", 0, Counter::new));
  }
}
