package dev.gatewright.sim.bench;

import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.java.CompiledDesign;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Throughput of independent simulations of one compiled design ({@link CompiledDesign#runIndependent})
 * on 1, 2, ... threads up to the cores: the same tasks (each a simulation from power-on over the ring,
 * as one run of a fault campaign is) each time, so the ideal is a wall time that halves when the
 * threads double. Each task's outputs must equal the single simulation's; the table gives wall-time
 * speed-ups, the share of a core each thread actually got, and the cycles per CPU-second of the
 * threads, which stay flat when runs do not slow each other down (on a loaded machine the wall time
 * mostly shows the load).
 */
final class ParallelScaling {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private record Task(long checksum, long cpuNanos, long cycles) {}

  private record Row(int threads, long cycles, long nanos, long cpuNanos) {}

  private final CompiledDesign design;
  private final long[] ring;
  private final int ringCycles;
  private final long expectedChecksum;
  private final List<String> mismatches;

  ParallelScaling(CompiledDesign design, long[] ring, int ringCycles, long expectedChecksum, List<String> mismatches) {
    this.design = design;
    this.ring = ring;
    this.ringCycles = ringCycles;
    this.expectedChecksum = expectedChecksum;
    this.mismatches = mismatches;
  }

  /**
   * Runs {@code tasks} tasks on each thread count, each task as many passes over the ring as make the
   * tasks last about {@code seconds} on one thread (the best of two rounds per count), prints the table.
   */
  void print(int tasks, double seconds, PrintStream out) {
    int cores = Runtime.getRuntime().availableProcessors();
    // warm-up: the JIT compiles the generated classes once; its rate sizes the tasks
    Row warmUp = run(cores, 2 * cores, 1);
    double rate = warmUp.cycles() * 1e9 / warmUp.cpuNanos();
    int passes = (int) Math.max(1, Math.round(seconds * rate / ((double) tasks * ringCycles)));
    List<Row> rows = new ArrayList<>();
    for (int threads = 1; threads <= cores; threads = threads < cores ? Math.min(cores, 2 * threads) : cores + 1) {
      Row first = run(threads, tasks, passes);
      Row second = run(threads, tasks, passes);
      rows.add(first.nanos() <= second.nanos() ? first : second);
    }
    out.println();
    out.printf(Locale.ROOT, "%s: %d independent simulations (CompiledDesign.runIndependent), each %,d cycles from "
            + "power-on, best of 2 rounds per thread count; system load average %.1f on %d cores%n", design.name(), tasks,
        (long) passes * ringCycles,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), cores);
    out.println();
    out.println("| threads | wall s | cycles/s (wall) | speed-up (wall) | CPU the threads got (of threads x wall) "
        + "| cycles per CPU-second per thread | per-thread CPU efficiency |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|");
    Row one = rows.get(0);
    for (Row row : rows) {
      double perCpu = row.cycles() * 1e9 / row.cpuNanos();
      out.printf(Locale.ROOT, "| %d | %.2f | %,.0f | %.2f | %.0f%% | %,.0f | %.2f |%n", row.threads(),
          row.nanos() / 1e9, row.cycles() * 1e9 / row.nanos(), (double) one.nanos() / row.nanos(),
          100.0 * row.cpuNanos() / ((double) row.nanos() * row.threads()), perCpu,
          perCpu / (one.cycles() * 1e9 / one.cpuNanos()));
    }
    out.printf(Locale.ROOT, "Calibration: a plain busy loop on %d threads got %.0f%% of %d cores here just now. "
        + "Speed-up = wall-time speed-up over 1 thread; it is near-linear when the threads get their cores and the "
        + "per-thread CPU efficiency stays near 1 (no run slows another).%n", cores, 100 * busyLoopShare(cores), cores);
  }

  /** The share of {@code threads} cores that as many threads spinning for a second get: what the machine gives. */
  static double busyLoopShare(int threads) {
    long[] cpu = new long[threads];
    Thread[] spinning = new Thread[threads];
    long start = System.nanoTime();
    for (int k = 0; k < threads; k++) {
      int index = k;
      spinning[k] = new Thread(() -> {
        long x = 1;
        while (System.nanoTime() - start < 1_000_000_000L) {
          x = x * 6364136223846793005L + 1442695040888963407L;
        }
        cpu[index] = THREADS.getCurrentThreadCpuTime() + (x == 42 ? 1 : 0);
      });
      spinning[k].start();
    }
    for (Thread thread : spinning) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while calibrating", e);
      }
    }
    long wall = System.nanoTime() - start;
    long total = 0;
    for (long nanos : cpu) {
      total += nanos;
    }
    return total / ((double) wall * threads);
  }

  private Row run(int threads, int tasks, int passes) {
    List<Integer> indices = IntStream.range(0, tasks).boxed().toList();
    long start = System.nanoTime();
    List<Task> results = design.runIndependent(indices, threads, (sim, index) -> task(sim, passes));
    long nanos = System.nanoTime() - start;
    long cycles = 0;
    long cpu = 0;
    for (int i = 0; i < results.size(); i++) {
      Task task = results.get(i);
      cycles += task.cycles();
      cpu += task.cpuNanos();
      if (task.checksum() != expectedChecksum) {
        mismatches.add(String.format(Locale.ROOT, "independent run %d of %s on %d threads: checksum %016x, the "
            + "single simulation's %016x", i, design.name(), threads, task.checksum(), expectedChecksum));
      }
    }
    return new Row(threads, cycles, nanos, cpu);
  }

  private Task task(Simulator sim, int passes) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    int inSlots = Simulator.frameSlots(sim.batchInputs());
    int outSlots = Simulator.frameSlots(sim.batchOutputs());
    int chunk = JavaEngineSubject.CHUNK;
    long[] in = new long[chunk * inSlots];
    long[] out = new long[chunk * outSlots];
    long checksum = 0;
    for (int pass = 0; pass < passes; pass++) {
      for (int start = 0; start < ringCycles; start += chunk) {
        System.arraycopy(ring, start * inSlots, in, 0, in.length);
        sim.runBatch(in, out);
        if (pass == 0) {
          for (long value : out) {
            checksum = checksum * 1000003L + value;
          }
        }
      }
    }
    return new Task(checksum, THREADS.getCurrentThreadCpuTime() - cpu, (long) passes * ringCycles);
  }
}
