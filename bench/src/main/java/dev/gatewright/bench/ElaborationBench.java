package dev.gatewright.bench;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.examples.MacGrid;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Elaboration and SystemVerilog emission of a flat N×N systolic MAC grid ({@link MacGrid}: sint(8)
 * operands, sint(24) accumulators, every accumulator an output port of its own), each size in a fresh
 * JVM so that no size profits from another's JIT or heap: wall time from the first DSL call to the
 * written files, and the JVM's peak heap ({@code gatewright bench elaboration}).
 */
public final class ElaborationBench {

  /**
   * Which just-in-time compilers the measuring JVM uses. Elaboration is a batch job whose passes each
   * walk the graph once. On a quiet 2-core machine C2 compiles them on the second core and pays back (400x400:
   * 4.8 s tiered against 5.8-6.6 s C1 only); when other processes hold the cores, C2's compilations (seconds
   * of CPU) compete with the main thread and C1 alone can finish first.
   */
  public enum Jit {
    /** C1 only ({@code -XX:TieredStopAtLevel=1}): for a machine whose other cores are busy. */
    QUICK,
    /** The JVM's default tiered compilation (C1, then C2 for hot code), what a user's JVM runs. */
    TIERED
  }

  private final List<Integer> sizes;
  private final String maxHeap;
  private final Jit jit;

  /** Grids of the given sides, each measured in a fresh JVM limited to {@code maxHeap} (e.g. "1g"), tiered. */
  public ElaborationBench(List<Integer> sizes, String maxHeap) {
    this(sizes, maxHeap, Jit.TIERED);
  }

  /** Grids of the given sides, each measured in a fresh JVM limited to {@code maxHeap} with {@code jit}. */
  public ElaborationBench(List<Integer> sizes, String maxHeap, Jit jit) {
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException("--sizes needs at least one grid side");
    }
    for (int size : sizes) {
      if (size < 1 || size > 2_000) {
        throw new IllegalArgumentException("--sizes: a grid side must be 1..2000, not " + size);
      }
    }
    if (!maxHeap.matches("[0-9]+[kKmMgG]")) {
      throw new IllegalArgumentException("--max-heap must look like 1g or 768m, not '" + maxHeap + "'");
    }
    this.sizes = List.copyOf(sizes);
    this.maxHeap = maxHeap;
    this.jit = java.util.Objects.requireNonNull(jit, "jit");
  }

  /**
   * The child JVM's options: the heap fixed at its limit from the start (growing it costs full
   * collections), an eighth of it young, the throughput collector, and whatever survives a young
   * collection moved to the old generation at once: most of what elaboration builds lives to the end,
   * and copying it between survivor spaces first only doubles the work. (A young generation of a
   * quarter took as long at 400x400 and peaked about 80 MB higher: the peak is the old generation plus a
   * full eden.) Then the compilers ({@link Jit}).
   */
  List<String> jvmOptions() {
    long bytes = Long.parseLong(maxHeap.substring(0, maxHeap.length() - 1))
        << switch (Character.toLowerCase(maxHeap.charAt(maxHeap.length() - 1))) {
          case 'k' -> 10;
          case 'm' -> 20;
          default -> 30;
        };
    List<String> options = new ArrayList<>(List.of("-Xms" + maxHeap, "-Xmx" + maxHeap, "-Xmn" + (bytes / 8 >> 20) + "m",
        "-XX:+UseParallelGC", "-XX:MaxTenuringThreshold=0"));
    if (jit == Jit.QUICK) {
      options.add("-XX:TieredStopAtLevel=1");
    }
    return List.copyOf(options);
  }

  /** Runs every size in a child JVM, printing one Markdown row each; returns the exit code. */
  public int run(PrintStream out) throws IOException, InterruptedException {
    out.println("Each size in a fresh JVM (" + String.join(" ", jvmOptions()) + ").");
    out.println();
    out.println("| grid | IR nodes | elaborate (s) | emit + write (s) | total (s) | main thread CPU (s) | SV MB "
        + "| peak heap (MB) | GC (s) |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    int exit = 0;
    for (int size : sizes) {
      Path scratch = Files.createTempDirectory("gatewright-bench");
      try {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName(),
            Integer.toString(size), scratch.toString()));
        Process child = new ProcessBuilder(command)
            .redirectErrorStream(true).start();
        String report = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!child.waitFor(1, TimeUnit.HOURS) || child.exitValue() != 0) {
          out.printf("| %dx%d | failed (limit -Xmx%s): %s |%n", size, size, maxHeap, report.replace('\n', ' '));
          exit = 1;
        } else {
          out.println(report);
        }
      } finally {
        AtomicFiles.deleteTree(scratch);
      }
    }
    return exit;
  }

  /** One measurement, in its own JVM: prints one table row. */
  public static final class Child {

    private Child() {}

    public static void main(String[] args) throws IOException {
      int size = Integer.parseInt(args[0]);
      Path directory = Path.of(args[1]);
      java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      Component<Void> design = MacGrid.square(size).build();
      long built = System.nanoTime();
      EmittedDesign emitted = SystemVerilog.write(design, directory);
      long written = System.nanoTime();
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      long bytes = 0;
      for (EmittedDesign.SvFile file : emitted.files()) {
        bytes += file.length();
      }
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      long gc = 0;
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        gc += collector.getCollectionTime();
      }
      System.out.printf(Locale.ROOT, "| %dx%d | %,d | %.2f | %.2f | %.2f | %.2f | %.1f | %,d | %.2f |%n", size, size,
          design.totalNodeCount(), (built - start) / 1e9, (written - built) / 1e9, (written - start) / 1e9, cpuSeconds,
          bytes / 1e6, peak >> 20, gc / 1e3);
    }
  }

  /** The default sizes: 128, 256 and 400 (about 10^6 IR nodes). */
  public static List<Integer> defaultSizes() {
    return new ArrayList<>(List.of(128, 256, 400));
  }
}
