package dev.gatewright.bench;

import dev.gatewright.hdl.examples.MacGrid;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;

/**
 * Measures elaboration and emission time and peak heap on MAC grids of growing size, 10^3 IR nodes up
 * to {@code maxNodes}, and prints one Markdown table row per size ({@code gatewright bench elaboration}).
 */
public final class ElaborationBench {

  private final long maxNodes;
  private final int repeat;

  /** Sizes up to {@code maxNodes} IR nodes, each timed {@code repeat} times (the best is reported). */
  public ElaborationBench(long maxNodes, int repeat) {
    if (maxNodes < 1_000) {
      throw new IllegalArgumentException("--max-nodes must be at least 1,000 (the smallest size measured), not " + maxNodes);
    }
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1, not " + repeat);
    }
    this.maxNodes = maxNodes;
    this.repeat = repeat;
  }

  /** Runs the benchmark, printing the table to {@code out}; returns the exit code. */
  public int run(PrintStream out) throws IOException {
    Path scratch = Files.createTempDirectory("gatewright-bench");
    try {
      // warm up the JIT on a small grid first
      for (int i = 0; i < 5; i++) {
        SystemVerilog.emit(MacGrid.square(12).build());
      }
      out.println("| target nodes | grid | IR nodes | elaborate (s) | emit + write (s) | total (s) | SV MB | peak heap (MB) | ns/node |");
      out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (long target = 1_000; target <= maxNodes; target *= 10) {
        int size = gridFor(target);
        double bestElaborate = Double.MAX_VALUE;
        double bestEmit = Double.MAX_VALUE;
        long nodes = 0;
        long bytes = 0;
        long peak = 0;
        for (int run = 0; run < repeat; run++) {
          System.gc();
          resetPeaks();
          long start = System.nanoTime();
          Module design = MacGrid.square(size).build();
          long built = System.nanoTime();
          EmittedDesign emitted = SystemVerilog.write(design, scratch);
          long written = System.nanoTime();
          peak = Math.max(peak, peakHeap());
          nodes = design.totalNodeCount();
          bytes = emitted.files().stream().mapToLong(f -> f.text().length()).sum();
          bestElaborate = Math.min(bestElaborate, (built - start) / 1e9);
          bestEmit = Math.min(bestEmit, (written - built) / 1e9);
        }
        out.printf("| %,d | %dx%d | %,d | %.3f | %.3f | %.3f | %.1f | %,d | %.0f |%n", target, size, size, nodes,
            bestElaborate, bestEmit, bestElaborate + bestEmit, bytes / 1e6, peak >> 20,
            (bestElaborate + bestEmit) * 1e9 / nodes);
      }
      return 0;
    } finally {
      AtomicFiles.deleteTree(scratch);
    }
  }

  /** The grid side whose design has about {@code nodes} IR nodes. */
  private static int gridFor(long nodes) {
    long perCell = MacGrid.square(8).build().totalNodeCount() / 64;
    return (int) Math.max(2, Math.round(Math.sqrt((double) nodes / perCell)));
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }
}
