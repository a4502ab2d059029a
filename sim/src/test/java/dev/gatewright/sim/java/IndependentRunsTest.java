package dev.gatewright.sim.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.UInt;
import dev.gatewright.sim.Simulator;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Independent simulations of one compiled design on several threads: each from power-on with state
 * of its own, so every run gives what the same run alone gives, whatever the thread and whatever ran
 * on that thread before.
 */
class IndependentRunsTest {

  /** A design with registers, memories (written and read), ROMs and instances. */
  private static final Component<Void> DESIGN = RandomNetlists.generate(11, 60, true);

  /** State that only power-on clears: a register without reset and a memory. */
  private static final Component<Void> HISTORY = module("history", m -> {
    UInt x = m.input("x", uint(8));
    UInt count = m.reg("count", uint(16));
    count.assign(count.add(1).resize(uint(16), Overflow.WRAP));
    Memory<UInt> words = m.memory("words", 16, uint(8));
    words.write(count.slice(3, 0), x);
    m.output("count", uint(16)).assign(count);
    m.output("word", uint(8)).assign(words.readAsync(x.slice(3, 0)));
  });

  @Test
  void everyRunOnEveryThreadEqualsTheSameRunAlone() {
    CompiledDesign compiled = CompiledDesign.of(DESIGN);
    List<Integer> seeds = IntStream.range(0, 24).boxed().toList();
    List<long[]> alone = seeds.stream().map(seed -> outputs(compiled.open(), seed)).toList();
    Set<String> threads = Collections.synchronizedSet(new HashSet<>());
    List<long[]> parallel = compiled.runIndependent(seeds, 4, (sim, seed) -> {
      threads.add(Thread.currentThread().getName());
      assertSame(compiled, sim.design());
      assertEquals(0, sim.cycle(), "each run starts at cycle 0");
      return outputs(sim, seed);
    });
    assertEquals(seeds.size(), parallel.size());
    for (int i = 0; i < seeds.size(); i++) {
      assertArrayEquals(alone.get(i), parallel.get(i), "run " + i);
    }
    assertTrue(threads.size() > 1, "runs on several threads: " + threads);
  }

  @Test
  void aRunSeesNoStateLeftByTheRunBeforeItOnItsThread() {
    CompiledDesign compiled = CompiledDesign.of(HISTORY);
    List<Integer> seeds = List.of(3, 5, 8, 5, 1, 5);
    List<long[]> results = compiled.runIndependent(seeds, 1, (sim, seed) -> {
      assertEquals(0, sim.peek("count"), "the register without reset starts at 0");
      return CompiledEngineTest.run(sim, CompiledEngineTest.stimulus(HISTORY, seed, 100));
    });
    for (int i = 0; i < seeds.size(); i++) {
      long[] alone = CompiledEngineTest.run(compiled.open(), CompiledEngineTest.stimulus(HISTORY, seeds.get(i), 100));
      assertArrayEquals(alone, results.get(i), "run " + i + " after " + i + " runs on its thread");
    }
  }

  @Test
  void aFailingRunIsReportedWithItsTask() {
    CompiledDesign compiled = CompiledDesign.of(DESIGN);
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> compiled.runIndependent(List.of(0, 1, 2, 3), 2, (sim, task) -> {
          if (task == 2) {
            sim.poke("no_such_port", 1);
          }
          return task;
        }));
    assertTrue(failure.getMessage().startsWith("independent run 2 of 4 on " + DESIGN.name()), failure.getMessage());
    assertTrue(failure.getCause().getMessage().contains("has no port 'no_such_port'"), failure.getMessage());
  }

  /** The outputs of 200 cycles of seeded stimulus. */
  private static long[] outputs(Simulator sim, int seed) {
    return CompiledEngineTest.run(sim, CompiledEngineTest.stimulus(DESIGN, seed, 200));
  }
}
