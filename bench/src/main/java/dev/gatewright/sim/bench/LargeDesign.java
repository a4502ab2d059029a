package dev.gatewright.sim.bench;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.examples.MacGrid;
import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.java.CompiledDesign;
import dev.gatewright.sim.java.InterpretedSimulator;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The Java engines on a large design ({@code MacGrid.square(n)}, 11 nodes per cell): the time to
 * compile it, the JIT's warm-up (the generated methods run interpreted, then C1-compiled, then
 * C2-compiled after some thousands of cycles), and the steady rate against the interpreter. Both
 * engines must agree on the first cycles. Verilator is left out: its build of a design this size takes
 * many minutes.
 */
final class LargeDesign {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int BATCH = 256;
  private static final int MAX_WINDOWS = 16;

  private LargeDesign() {}

  /** Returns a mismatch message, or null when both engines agree. */
  static String print(int size, double seconds, long seed, PrintStream out) {
    long start = System.nanoTime();
    Component<Void> grid = MacGrid.square(size).build();
    double elaboration = (System.nanoTime() - start) / 1e9;
    CompiledDesign compiled = CompiledDesign.of(grid);
    try (Simulator java = compiled.open(); Simulator interpreter = new InterpretedSimulator(grid)) {
      long[] frames = frames(java, grid, new Random(seed));
      long[] fromJava = new long[BATCH * Simulator.frameSlots(java.batchOutputs())];
      long[] fromInterpreter = fromJava.clone();
      long first = System.nanoTime();
      java.runBatch(frames, fromJava);
      double firstBatch = (System.nanoTime() - first) / 1e9;
      interpreter.runBatch(frames, fromInterpreter);
      String mismatch = Arrays.equals(fromJava, fromInterpreter) ? null
          : grid.name() + ": the compiled engine and the interpreter disagree in the first " + BATCH + " cycles";

      out.println();
      out.printf(Locale.ROOT, "%s = MacGrid.square(%d): %,d IR nodes, elaborated in %.2f s; Java engine: %s; its "
          + "first %d cycles took %.2f s%n", grid.name(), size, grid.totalNodeCount(), elaboration, compiled.summary(),
          BATCH, firstBatch);
      out.println();
      out.println("| " + grid.name() + ", windows of " + seconds + " s | cycles so far | cycles/s (wall) "
          + "| cycles per CPU-second |");
      out.println("|---|---:|---:|---:|");
      long cycles = BATCH;
      double previous = 0;
      double steady = 0;
      for (int window = 1; window <= MAX_WINDOWS; window++) {
        double[] rate = window(java, frames, seconds);
        cycles += (long) rate[2];
        out.printf(Locale.ROOT, "| compiled, window %d | %,d | %,.0f | %,.0f |%n", window, cycles, rate[0], rate[1]);
        steady = rate[1];
        if (window > 2 && Math.abs(rate[1] - previous) < 0.05 * previous) {
          break;
        }
        previous = rate[1];
      }
      double[] interpreted = window(interpreter, frames, seconds);
      double[] again = window(interpreter, frames, seconds);
      double best = Math.max(interpreted[1], again[1]);
      out.printf(Locale.ROOT, "| interpreter, best of 2 windows | | %,.0f | %,.0f |%n",
          Math.max(interpreted[0], again[0]), best);
      out.printf(Locale.ROOT, "compiled / interpreter, last window, CPU time: %.1fx%n", steady / best);
      return mismatch;
    }
  }

  /** Runs batches for about {@code seconds}: {wall rate, CPU rate, cycles}. */
  private static double[] window(Simulator sim, long[] frames, double seconds) {
    long[] outputs = new long[BATCH * Simulator.frameSlots(sim.batchOutputs())];
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long cycles = 0;
    long elapsed;
    do {
      sim.runBatch(frames, outputs);
      cycles += BATCH;
      elapsed = System.nanoTime() - start;
    } while (elapsed < seconds * 1e9);
    long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;
    return new double[] {cycles * 1e9 / elapsed, cycles * 1e9 / Math.max(1, cpuNanos), cycles};
  }

  /** Reset in the first two cycles, then random operands. */
  private static long[] frames(Simulator sim, Component<?> grid, Random random) {
    List<dev.gatewright.sim.SimPort> inputs = sim.batchInputs();
    long[] frames = new long[BATCH * inputs.size()];
    for (int c = 0; c < BATCH; c++) {
      for (int p = 0; p < inputs.size(); p++) {
        int width = inputs.get(p).width();
        frames[c * inputs.size() + p] = random.nextLong() & (width >= 64 ? -1L : (1L << width) - 1);
      }
      if (grid.hasReset()) {
        frames[c * inputs.size()] = (c < 2) != grid.resetActiveLow() ? 1 : 0;
      }
    }
    return frames;
  }
}
