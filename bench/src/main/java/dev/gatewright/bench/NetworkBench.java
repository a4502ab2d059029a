package dev.gatewright.bench;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.CostReport;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.hw.NetworkHardware;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.java.JavaSimulator;
import dev.gatewright.sim.verilator.NativeDesign;
import dev.gatewright.sim.verilator.VerilatorBuild;
import dev.gatewright.sim.verilator.VerilatorEngine;
import dev.gatewright.sim.verilator.VerilatorLibrary;
import dev.gatewright.sim.verilator.VerilatorSimulator;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The jet MLP at several reuse factors: elaboration time, Verilator build time, co-simulation
 * inferences per second (batch API and Java engine, every output checked against the golden model),
 * the golden model's own inferences per second, and the cost report ({@code gatewright bench nn}).
 */
public final class NetworkBench {

  private final List<Integer> reuses;
  private final int inferences;

  /** The jet MLP at each reuse factor of {@code reuses}, {@code inferences} simulated per engine. */
  public NetworkBench(List<Integer> reuses, int inferences) {
    if (reuses.isEmpty() || reuses.stream().anyMatch(r -> r < 1)) {
      throw new IllegalArgumentException("--reuse: reuse factors must be at least 1, not " + reuses);
    }
    if (inferences < 1) {
      throw new IllegalArgumentException("--inferences must be at least 1, not " + inferences);
    }
    this.reuses = List.copyOf(reuses);
    this.inferences = inferences;
  }

  /** Runs the benchmark, printing progress and the table to {@code out}; returns the exit code. */
  public int run(PrintStream out) throws IOException {
    Network network = JetTagger.network(JetTagger.DEMO_WEIGHT_SEED);
    GoldenModel golden = new GoldenModel(network);
    Path work = Files.createTempDirectory("gatewright-nn-bench");
    List<String> rows = new ArrayList<>();
    try {
      VerilatorBuild build = VerilatorBuild.inCache(work.resolve("cache"));
      boolean verilator = Engine.VERILATOR.isAvailable();
      if (verilator) {
        // the Verilator runtime is compiled once per machine; build it first so the rows time the design alone
        long start = System.nanoTime();
        openVerilator(build, new NetworkGenerator(network, DenseOptions.defaults().withReuse(64)).build().module(),
            work.resolve("warmup")).close();
        out.printf(Locale.ROOT, "Verilator runtime + a first design: %.1f s%n", (System.nanoTime() - start) / 1e9);
      } else {
        out.println("verilator is not installed: the Verilator columns are skipped");
      }
      for (int reuse : reuses) {
        long start = System.nanoTime();
        NetworkHardware hardware = new NetworkGenerator(network, DenseOptions.defaults().withReuse(reuse)).build();
        double elaborate = (System.nanoTime() - start) / 1e9;
        Component<?> top = hardware.module();
        long[][] inputs = randomInputs(network, inferences);
        String buildSeconds = "-";
        String verilatorRate = "-";
        if (verilator) {
          start = System.nanoTime();
          try (Simulator sim = openVerilator(build, top, work.resolve("r" + reuse))) {
            buildSeconds = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9);
            verilatorRate = String.format(Locale.ROOT, "%,.0f", rate(sim, network, golden, hardware, inputs));
          }
        }
        String javaRate;
        try (Simulator sim = new JavaSimulator(top)) {
          javaRate = String.format(Locale.ROOT, "%,.0f", rate(sim, network, golden, hardware, inputs));
        }
        CostReport cost = CostReport.of(network).withTiming(hardware.latency(), hardware.initiationInterval());
        rows.add(String.format(Locale.ROOT, "| %d | %.2f | %,d | %s | %s | %s | %d | %d | %,d | %,d | %,d | %,.0f |", reuse,
            elaborate, top.totalNodeCount(), buildSeconds, verilatorRate, javaRate, hardware.latency(),
            hardware.initiationInterval(), hardware.multipliers(), cost.nonzeroWeights(), cost.macs(), cost.bops()));
      }
      out.println();
      out.printf(Locale.ROOT, "golden model alone: %,.0f inferences/s on one thread%n",
          goldenRate(golden, randomInputs(network, 10_000)));
      out.println("| reuse | elaborate (s) | IR nodes | Verilator build (s) | Verilator batch (inferences/s) "
          + "| Java engine (inferences/s) | latency (cycles) | II | multipliers | nonzero weights | MACs | BOPs |");
      out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      rows.forEach(out::println);
      out.println();
      out.print(CostReport.of(network));
      out.println("every simulated inference matched the golden model bit for bit");
      return 0;
    } finally {
      AtomicFiles.deleteTree(work);
    }
  }

  /** Golden-model inferences per second, repeated over {@code inputs} for at least half a second. */
  static double goldenRate(GoldenModel golden, long[][] inputs) {
    long sink = 0;
    long done = 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      for (long[] x : inputs) {
        sink += golden.infer(x)[0];
      }
      done += inputs.length;
      elapsed = System.nanoTime() - start;
    } while (elapsed < 500_000_000L);
    if (sink == Long.MIN_VALUE) {
      throw new AssertionError(); // keeps the work observable
    }
    return done / (elapsed / 1e9);
  }

  private static Simulator openVerilator(VerilatorBuild build, Component<?> top, Path folder) {
    EmittedDesign emitted = SystemVerilog.write(top, folder);
    NativeDesign design = NativeDesign.fromFileList(folder.resolve(emitted.fileListName()), VerilatorEngine.ports(top));
    VerilatorLibrary library = build.build(design);
    return VerilatorEngine.wrap(VerilatorSimulator.open(library));
  }

  private static long[][] randomInputs(Network network, int count) {
    Random random = new Random(7);
    long[][] inputs = new long[count][network.inputs()];
    long min = network.inputType().minRaw().longValueExact();
    long span = network.inputType().maxRaw().longValueExact() - min + 1;
    for (long[] x : inputs) {
      for (int i = 0; i < x.length; i++) {
        x[i] = min + Math.floorMod(random.nextLong(), span);
      }
    }
    return inputs;
  }

  /** Inferences per second through the batch API; checks every result against the golden model. */
  private static double rate(Simulator sim, Network network, GoldenModel golden, NetworkHardware hw,
      long[][] inputs) {
    int r = hw.initiationInterval();
    List<SimPort> ins = sim.batchInputs();
    int inSlots = Simulator.frameSlots(ins);
    int outSlots = Simulator.frameSlots(sim.batchOutputs());
    int cycles = inputs.length * r + hw.latency() + 2;
    long[] frames = new long[cycles * inSlots];
    int validAt = offset(ins, "in_valid");
    int xAt = offset(ins, "x");
    int xSlots = (network.inputs() * network.inputType().width() + 63) / 64;
    for (int k = 0; k < inputs.length; k++) {
      int base = k * r * inSlots;
      frames[base + validAt] = 1;
      BigInteger x = VectorPorts.pack(inputs[k], network.inputType());
      for (int s = 0; s < xSlots; s++) {
        frames[base + xAt + s] = x.shiftRight(64 * s).longValue();
      }
    }
    long[] outputs = new long[cycles * outSlots];
    sim.reset(2);
    long start = System.nanoTime();
    sim.runBatch(frames, outputs);
    double seconds = (System.nanoTime() - start) / 1e9;
    int validOut = offset(sim.batchOutputs(), "out_valid");
    int yOut = offset(sim.batchOutputs(), "y");
    int next = 0;
    for (int c = 0; c < cycles; c++) {
      if (outputs[c * outSlots + validOut] != 0) {
        long y = outputs[c * outSlots + yOut];
        long expected = golden.infer(inputs[next])[0];
        if (y != expected) {
          throw new IllegalStateException("inference " + next + " differs from the golden model: " + y + " vs " + expected);
        }
        next++;
      }
    }
    if (next != inputs.length) {
      throw new IllegalStateException(next + " of " + inputs.length + " inferences came out");
    }
    return inputs.length / seconds;
  }

  private static int offset(List<SimPort> ports, String name) {
    int at = 0;
    for (SimPort port : ports) {
      if (port.name().equals(name)) {
        return at;
      }
      at += port.slots();
    }
    throw new IllegalArgumentException("no port " + name);
  }
}
