package dev.gatewright.sim.bench;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.examples.DotProductPipeline;
import dev.gatewright.hdl.examples.MacGrid;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.bench.Subject.Measured;
import dev.gatewright.sim.java.CompiledDesign;
import dev.gatewright.sim.java.InterpretedSimulator;
import dev.gatewright.sim.java.JavaSimulator;
import dev.gatewright.sim.verilator.BatchLayout;
import dev.gatewright.sim.verilator.NativeDesign;
import dev.gatewright.sim.verilator.PortInfo;
import dev.gatewright.sim.verilator.VerilatorBuild;
import dev.gatewright.sim.verilator.VerilatorEngine;
import dev.gatewright.sim.verilator.VerilatorLibrary;
import dev.gatewright.sim.verilator.VerilatorSimulator;
import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Cycles per second of every way gatewright simulates a design, each as a ratio to a native C++ loop
 * over the same Verilator model and the same inputs, on two DSL designs: the 16-lane signed 8-bit
 * dot-product pipeline ({@link DotProductPipeline#sixteenLanes()}) and the 8x8 MAC array
 * ({@link MacGrid#square(int) MacGrid.square(8)}); and Verilator build times, cold and cached. The
 * engines: (a) the native loop, (b) JNA per signal, (c) the batch API, (d) the Java engine (compiled to
 * bytecode), (e) the interpreter it replaced. Rates are given by wall time and by CPU time (of the
 * measuring thread, or of the native loop's process): on a shared, loaded machine the second is the
 * one to compare.
 *
 * <p>Then, per design, the throughput of independent simulations of the compiled design on 1 to all
 * cores ({@link ParallelScaling}), and the Java engines on a large design ({@link LargeDesign}:
 * {@code MacGrid.square(128)}, 180,224 nodes; {@code square(48)} with {@code --quick}).
 *
 * <p>Run it as {@code ./gatewright bench sim [--quick]}, or with plain java:
 * {@code java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.gatewright.sim.bench.VerilatorBench
 * [--quick] [--seed N] [--keep]}. It needs verilator, g++ and make, builds in a temporary cache (the cold
 * build includes Verilator's runtime) and takes about 4 to 5 minutes on two cores, about two with
 * {@code --quick}.
 *
 * <p>Every engine streams the same ring of 65,536 random input frames, one per cycle (poke all inputs,
 * one rising edge, read all outputs): reset asserted in the first two cycles, every other input random
 * bits of its width. The first pass from reset of each engine must agree with the native loop bit for
 * bit; a disagreement is printed with the seed, cycle, port and inputs, and the run exits with 1.
 */
public final class VerilatorBench {

  /** Seed of the input frames unless {@code --seed} says otherwise. */
  public static final long DEFAULT_SEED = 1;

  private static final int RING = 65_536;
  private static final int ROUNDS = 3;
  private static final double SECONDS_FULL = 2.5;
  private static final double SECONDS_QUICK = 0.2;

  private final Path work;
  private final double seconds;
  /** About how long the independent runs of the scaling table last on one thread. */
  private final double scalingSeconds;
  private final long seed;
  private final PrintStream out;
  private final VerilatorBuild cache;
  private final List<String[]> buildRows = new ArrayList<>();
  private final List<String> mismatches = new ArrayList<>();

  private VerilatorBench(Path work, double seconds, long seed, PrintStream out) {
    this.work = work;
    this.seconds = seconds;
    this.scalingSeconds = seconds >= SECONDS_FULL ? 3.0 : 0.5;
    this.seed = seed;
    this.out = out;
    this.cache = VerilatorBuild.inCache(work.resolve("cache"));
  }

  public static void main(String[] args) {
    List<String> list = List.of(args);
    int seedAt = list.indexOf("--seed");
    long seed = seedAt >= 0 && seedAt + 1 < args.length ? Long.parseLong(args[seedAt + 1]) : DEFAULT_SEED;
    System.exit(run(list.contains("--quick"), seed, list.contains("--keep"), System.out));
  }

  /** The benchmark with the default seed, printed to standard output; returns the exit code. */
  public static int run(boolean quick) {
    return run(quick, DEFAULT_SEED, false, System.out);
  }

  /**
   * Runs the benchmark and prints its tables.
   *
   * @param quick measure each engine for a twelfth of the time (the builds stay as they are)
   * @param keep keep the work folder (sources, builds, native testbenches) and print where it is
   * @return 0, or 1 if an engine disagreed with the native loop
   */
  public static int run(boolean quick, long seed, boolean keep, PrintStream out) {
    Tool.VERILATOR.require();
    Tool.CXX.require();
    Tool.MAKE.require();
    Path work;
    try {
      work = Files.createTempDirectory("gatewright-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a work folder for the benchmark", e);
    }
    try {
      return new VerilatorBench(work, quick ? SECONDS_QUICK : SECONDS_FULL, seed, out).run();
    } finally {
      if (keep) {
        out.println("work folder kept: " + work);
      } else {
        AtomicFiles.deleteTree(work);
      }
    }
  }

  private int run() {
    out.printf(Locale.ROOT, "%d cores (load average %.1f); %s; %s; Java %s; seed %d; each engine timed for %.2f s per "
            + "round, best of %d interleaved rounds (wall time and CPU time each)%n",
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        firstLine(ToolRunner.of(Tool.VERILATOR).run("--version").output()),
        firstLine(ToolRunner.of(Tool.CXX).run("--version").output()), Runtime.version(), seed, seconds, ROUNDS);
    bench("DotProductPipeline.sixteenLanes()", DotProductPipeline.sixteenLanes().build(), true);
    bench("MacGrid.square(8)", MacGrid.square(8).build(), false);
    progress("a large design on the Java engines");
    boolean full = seconds >= SECONDS_FULL;
    String large = LargeDesign.print(full ? 128 : 48, full ? 4.0 : 0.5, seed, out);
    if (large != null) {
      mismatches.add(large);
    }

    out.println();
    out.println("| build | seconds |");
    out.println("|---|---:|");
    for (String[] row : buildRows) {
      out.println("| " + row[0] + " | " + row[1] + " |");
    }
    out.println();
    if (mismatches.isEmpty()) {
      out.println("all engines agree bit for bit with the native loop on the first 65,536 cycles of both designs");
      return 0;
    }
    out.println("MISMATCH: " + mismatches.size() + " engine(s) disagree with the native loop:");
    mismatches.forEach(m -> out.println("  " + m));
    return 1;
  }

  // ---------------------------------------------------------------- one design

  private void bench(String source, Component<?> module, boolean buildTimes) {
    Path dir = work.resolve(module.name());
    EmittedDesign emitted = SystemVerilog.write(module, dir.resolve("rtl"));
    NativeDesign design = NativeDesign.fromFileList(dir.resolve("rtl").resolve(emitted.fileListName()),
        VerilatorEngine.ports(module));
    progress("building " + design.top() + " (gatewright's library)");
    VerilatorLibrary library = cache.build(design);
    if (buildTimes) {
      buildRows.add(row("cold: empty cache, Verilator runtime and " + design.top(), library.elapsed()));
      VerilatorLibrary edited = cache.build(withComment(design, dir.resolve("rtl-edited")));
      buildRows.add(row("cold design, runtime cached: " + design.top() + " with a comment added", edited.elapsed()));
      VerilatorLibrary hit = cache.build(edited.design());
      buildRows.add(new String[] {"cached (hit: hash only)",
          String.format(Locale.ROOT, "%.3f", seconds(hit.elapsed()))});
      long start = System.nanoTime();
      VerilatorSimulator.open(hit).close();
      buildRows.add(new String[] {"open a simulator after a hit (load the .so, bind, create; the first in this "
          + "JVM, so it includes loading JNA)", String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9)});
    } else {
      buildRows.add(row("cold design, runtime cached: " + design.top(), library.elapsed()));
    }

    BatchLayout layout;
    try (VerilatorSimulator probe = VerilatorSimulator.open(library)) {
      layout = probe.layout();
    }
    requireSameFrames(module, layout);
    long[] ring = inputs(layout, module, new Random(seed));
    Path ringFile = dir.resolve("inputs.bin");
    NativeLoop.writeLongs(ringFile, ring);

    CompiledDesign compiled = CompiledDesign.of(module);
    progress("building the native loops of " + design.top());
    NativeLoop plain = NativeLoop.buildPlain(design, layout, work.resolve("native"));
    NativeLoop unity = NativeLoop.buildUnity(design, plain);
    buildRows.add(row("native loop, plain `verilator --exe --build -j " + Runtime.getRuntime().availableProcessors()
        + "` (" + (buildTimes ? "runtime included" : "runtime objects of the first build reused") + "): "
        + design.top(), plain.buildTime()));
    buildRows.add(row("native loop in one translation unit (g++ -O2, runtime objects reused): " + design.top(),
        unity.buildTime()));

    List<Subject> subjects = List.of(
        new Native("(a) native C++ loop, plain `verilator --exe --build` (-O2)", plain, ringFile, dir.resolve("plain.bin")),
        new Native("(a) native C++ loop and model in one translation unit (-O2)", unity, ringFile, dir.resolve("unity.bin")),
        new PerSignal(library, ring),
        new DirectBatch(library, ring),
        new ArrayBatch(library, ring),
        new JavaEngineSubject("(d) Java engine, compiled to bytecode, runBatch in 4,096-cycle chunks", compiled.open(),
            ring, RING),
        new JavaEngineSubject("(e) Java interpreter (the engine before compilation), runBatch in 4,096-cycle chunks",
            new InterpretedSimulator(module), ring, RING));
    try {
      long[] reference = subjects.get(0).firstPass();
      String referenceChecksum = checksum(reference);
      String[] checksums = new String[subjects.size()];
      for (int s = 0; s < subjects.size(); s++) {
        Subject subject = subjects.get(s);
        long[] first = s == 0 ? reference : subject.firstPass();
        String mismatch = firstDifference(design.top(), subject.name(), layout, ring, reference, first);
        checksums[s] = mismatch == null ? checksum(first) : "MISMATCH " + checksum(first);
        if (mismatch != null) {
          mismatches.add(mismatch);
          progress(mismatch);
        }
      }
      progress("measuring " + design.top());
      // Interleaved rounds, best of each: a busy machine slows every engine alike.
      Measured[] bestWall = new Measured[subjects.size()];
      Measured[] bestCpu = new Measured[subjects.size()];
      for (int round = 0; round < ROUNDS; round++) {
        for (int s = 0; s < subjects.size(); s++) {
          Measured m = subjects.get(s).measure(seconds);
          if (bestWall[s] == null || m.cyclesPerSecond() > bestWall[s].cyclesPerSecond()) {
            bestWall[s] = m;
          }
          if (bestCpu[s] == null || m.cyclesPerCpuSecond() > bestCpu[s].cyclesPerCpuSecond()) {
            bestCpu[s] = m;
          }
        }
      }
      // The reference is the faster native loop: the physical limit.
      double a = Math.max(bestWall[0].cyclesPerSecond(), bestWall[1].cyclesPerSecond());
      double aCpu = Math.max(bestCpu[0].cyclesPerCpuSecond(), bestCpu[1].cyclesPerCpuSecond());
      out.println();
      out.printf(Locale.ROOT, "%s = %s: %d batch inputs (%d slots), %d outputs (%d slots), %,d IR nodes; Java engine: "
              + "%s%n", design.top(), source, layout.inputs().size(), layout.inputSlots(), layout.outputs().size(),
          layout.outputSlots(), module.totalNodeCount(), compiled.summary());
      out.println();
      out.println("| " + design.top() + " (best of " + ROUNDS + " interleaved rounds) | cycles/s (wall) | ratio to the "
          + "faster (a) | cycles per CPU-second | ratio to the faster (a), CPU time | first-pass checksum |");
      out.println("|---|---:|---:|---:|---:|---|");
      for (int s = 0; s < subjects.size(); s++) {
        out.printf(Locale.ROOT, "| %s | %,.0f | %.3f | %,.0f | %.3f | %s |%n", subjects.get(s).name(),
            bestWall[s].cyclesPerSecond(), bestWall[s].cyclesPerSecond() / a, bestCpu[s].cyclesPerCpuSecond(),
            bestCpu[s].cyclesPerCpuSecond() / aCpu, checksums[s]);
      }
      out.println(Arrays.stream(checksums).allMatch(referenceChecksum::equals)
          ? "all engines agree with the native loop on the first 65,536 cycles (seed " + seed + ")"
          : "MISMATCH: see below");
      progress("independent runs of " + design.top() + " on 1.." + Runtime.getRuntime().availableProcessors()
          + " threads");
      new ParallelScaling(compiled, ring, RING, checksumValue(reference), mismatches)
          .print(4 * Runtime.getRuntime().availableProcessors(), scalingSeconds, out);
    } finally {
      subjects.forEach(Subject::close);
    }
  }

  /** The Java engine and the Verilator library must read and write the same frames. */
  private static void requireSameFrames(Component<?> module, BatchLayout layout) {
    try (JavaSimulator java = new JavaSimulator(module)) {
      List<String> javaFrames = frames(java.batchInputs(), java.batchOutputs());
      List<String> nativeFrames = new ArrayList<>();
      layout.inputs().forEach(p -> nativeFrames.add("in " + p.name() + ":" + p.width()));
      layout.outputs().forEach(p -> nativeFrames.add("out " + p.name() + ":" + p.width()));
      if (!javaFrames.equals(nativeFrames)) {
        throw new IllegalStateException(module.name() + ": the Java engine's batch frames " + javaFrames
            + " differ from Verilator's " + nativeFrames);
      }
    }
  }

  private static List<String> frames(List<SimPort> inputs, List<SimPort> outputs) {
    List<String> frames = new ArrayList<>();
    inputs.forEach(p -> frames.add("in " + p.name() + ":" + p.width()));
    outputs.forEach(p -> frames.add("out " + p.name() + ":" + p.width()));
    return frames;
  }

  /** Reset asserted in the first two cycles, then released; every other input random bits of its width. */
  private static long[] inputs(BatchLayout layout, Component<?> module, Random random) {
    long[] ring = new long[RING * layout.inputSlots()];
    String reset = module.hasReset() ? module.resetName() : null;
    long asserted = module.resetActiveLow() ? 0 : 1;
    for (int c = 0; c < RING; c++) {
      int base = c * layout.inputSlots();
      for (PortInfo port : layout.inputs()) {
        int offset = base + layout.inputOffset(port.name());
        if (port.name().equals(reset)) {
          ring[offset] = c < 2 ? asserted : 1 - asserted;
          continue;
        }
        for (int s = 0; s < port.slots(); s++) {
          int bits = Math.min(64, port.width() - 64 * s);
          long value = random.nextLong();
          ring[offset + s] = bits == 64 ? value : value & ((1L << bits) - 1);
        }
      }
    }
    return ring;
  }

  /** Where {@code actual} first differs from the native loop's outputs, as a report line; null if nowhere. */
  private String firstDifference(String top, String engine, BatchLayout layout, long[] ring, long[] expected,
      long[] actual) {
    for (int k = 0; k < expected.length; k++) {
      if (actual[k] != expected[k]) {
        int cycle = k / layout.outputSlots();
        int slot = k % layout.outputSlots();
        String port = layout.outputs().stream().filter(p -> layout.outputOffset(p.name()) <= slot
            && slot < layout.outputOffset(p.name()) + p.slots()).findFirst().map(PortInfo::name).orElse("?");
        StringBuilder in = new StringBuilder();
        for (PortInfo p : layout.inputs()) {
          in.append(in.isEmpty() ? "" : " ").append(p.name()).append("=0x")
              .append(Long.toHexString(ring[cycle * layout.inputSlots() + layout.inputOffset(p.name())]));
        }
        return String.format(Locale.ROOT, "%s on %s (seed %d): first difference at cycle %d (0-based, from reset), "
                + "output %s: native loop 0x%x, this engine 0x%x; inputs of that cycle: %s", engine, top, seed, cycle,
            port, expected[k], actual[k], in);
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- the engines

  /** The C++ loop in its own process; each measurement asks for about {@code seconds} worth of cycles. */
  private static final class Native implements Subject {
    private final String name;
    private final NativeLoop loop;
    private final Path ring;
    private final Path firstPass;
    private double rate;

    Native(String name, NativeLoop loop, Path ring, Path firstPass) {
      this.name = name;
      this.loop = loop;
      this.ring = ring;
      this.firstPass = firstPass;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long[] firstPass() {
      NativeLoop.Run run = loop.run(ring, RING, firstPass);
      rate = run.cycles() * 1e9 / run.nanos();
      return NativeLoop.readLongs(firstPass);
    }

    @Override
    public Measured measure(double seconds) {
      long cycles = Math.max(RING, Math.round(rate * seconds / RING) * RING);
      NativeLoop.Run run = loop.run(ring, cycles, null);
      rate = Math.max(rate, run.cycles() * 1e9 / run.nanos());
      return new Measured(run.cycles(), run.nanos(), run.cpuNanos());
    }

    @Override
    public void close() {}
  }

  /** (b): one JNA call per input poke, one for the edge, one per output peek, every cycle. */
  private static final class PerSignal extends Subject.InProcess {
    private final VerilatorSimulator sim;
    private final long[] ring;
    private final int[] inputs;
    private final int[] outputs;
    private final int inSlots;
    private final long[] out;

    PerSignal(VerilatorLibrary library, long[] ring) {
      super("(b) JNA, one poke/peek per signal per cycle (direct mapping)", RING);
      this.sim = VerilatorSimulator.open(library);
      this.ring = ring;
      this.inputs = sim.layout().inputs().stream().mapToInt(p -> sim.indexOf(p.name())).toArray();
      this.outputs = sim.layout().outputs().stream().mapToInt(p -> sim.indexOf(p.name())).toArray();
      this.inSlots = sim.layout().inputSlots();
      this.out = new long[RING * sim.layout().outputSlots()];
    }

    @Override
    void pass() {
      for (int c = 0, o = 0; c < RING; c++) {
        int base = c * inSlots;
        for (int i = 0; i < inputs.length; i++) {
          sim.poke(inputs[i], ring[base + i]);
        }
        sim.step();
        for (int port : outputs) {
          out[o++] = sim.peek(port);
        }
      }
    }

    @Override
    long[] outputs() {
      return out;
    }

    @Override
    public void close() {
      sim.close();
    }
  }

  /** (c): the whole ring in one native call, through direct buffers. */
  private static final class DirectBatch extends Subject.InProcess {
    private final VerilatorSimulator sim;
    private final LongBuffer in;
    private final LongBuffer out;
    private final long[] outputs;

    DirectBatch(VerilatorLibrary library, long[] ring) {
      super("(c) batch API, 65,536 cycles per call (direct buffers)", RING);
      this.sim = VerilatorSimulator.open(library);
      this.in = sim.allocateInputs(RING);
      this.out = sim.allocateOutputs(RING);
      this.outputs = new long[RING * sim.layout().outputSlots()];
      in.put(ring).flip();
    }

    @Override
    void pass() {
      in.rewind();
      out.clear();
      sim.runBatch(RING, in, out);
    }

    @Override
    long[] outputs() {
      out.flip();
      out.get(outputs);
      return outputs;
    }

    @Override
    public void close() {
      sim.close();
    }
  }

  /** (c): {@code runBatch(long[], long[])}, which copies through direct buffers in 4,096-cycle chunks. */
  private static final class ArrayBatch extends Subject.InProcess {
    private final VerilatorSimulator sim;
    private final long[] ring;
    private final long[] out;

    ArrayBatch(VerilatorLibrary library, long[] ring) {
      super("(c) batch API, long[] in and out (copied in 4,096-cycle chunks)", RING);
      this.sim = VerilatorSimulator.open(library);
      this.ring = ring;
      this.out = new long[RING * sim.layout().outputSlots()];
    }

    @Override
    void pass() {
      sim.runBatch(ring, out);
    }

    @Override
    long[] outputs() {
      return out;
    }

    @Override
    public void close() {
      sim.close();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** The same checksum as the native loop's. */
  private static String checksum(long[] outputs) {
    return String.format("%016x", checksumValue(outputs));
  }

  private static long checksumValue(long[] outputs) {
    long sum = 0;
    for (long v : outputs) {
      sum = sum * 1000003L + v;
    }
    return sum;
  }

  /** A copy of the design whose top file ends in a comment: a new cache key, the same model. */
  private static NativeDesign withComment(NativeDesign design, Path dir) {
    try {
      Files.createDirectories(dir);
      List<Path> copies = new ArrayList<>();
      for (Path source : design.sources()) {
        Path copy = dir.resolve(source.getFileName());
        Files.copy(source, copy);
        copies.add(copy);
      }
      Path top = copies.get(copies.size() - 1);
      Files.writeString(top, Files.readString(top) + "// a second design\n");
      return NativeDesign.of(design.top(), copies, design.ports());
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy the sources of " + design.top(), e);
    }
  }

  private static String[] row(String what, Duration elapsed) {
    return new String[] {what, String.format(Locale.ROOT, "%.2f", seconds(elapsed))};
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static void progress(String message) {
    System.err.println("bench: " + message);
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("").strip();
  }
}
