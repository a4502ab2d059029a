package dev.gatewright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.synth.SynthesisFlows;
import dev.gatewright.hdl.HdlWarning;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.CostReport;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.CoSimulationMismatch;
import dev.gatewright.sim.Engine;
import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.Tool;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main job for one network: elaborate it into hardware, write the SystemVerilog, verify it bit for
 * bit against the golden model, report its cost, and synthesize it where Yosys is installed.
 */
final class NetworkJob {

  /** What to do. {@code engine} null: Verilator when installed, else the Java engine. */
  record Settings(DenseOptions options, Path out, int vectors, long seed, Engine engine, List<Target> synthesis,
      FlowOptions flowOptions) {}

  private final Network network;
  private final Settings settings;
  private final PrintStream out;

  NetworkJob(Network network, Settings settings, PrintStream out) {
    this.network = network;
    this.settings = settings;
    this.out = out;
  }

  /** Runs every step; returns the exit code (0: verified; 1: a mismatch or a failed flow). */
  int run() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("network", network.name());
    DenseOptions options = settings.options();
    out.printf(Locale.ROOT, "network %s: %d inputs of %s -> %d outputs of %s, %d layers; reuse %d, %s multipliers, "
        + "a register every %d adder levels%n", network.name(), network.inputs(), network.inputType(), network.outputs(),
        network.outputType(), network.layers().size(), options.reuse(), options.multiplier().name().toLowerCase(Locale.ROOT),
        options.registerEvery());

    long start = System.nanoTime();
    NetworkGenerator.NetworkHardware hardware = new NetworkGenerator(network, options).build();
    Module top = hardware.module();
    double elaborate = seconds(start);
    Path folder = settings.out().resolve(top.name());
    start = System.nanoTime();
    EmittedDesign emitted = SystemVerilog.write(top, folder);
    double emit = seconds(start);
    Path fileList = folder.resolve(emitted.fileListName()).toAbsolutePath();
    out.printf(Locale.ROOT, "elaborated in %.2f s (%,d IR nodes, %d modules), SystemVerilog written in %.2f s: %s%n",
        elaborate, top.totalNodeCount(), emitted.files().size(), emit, fileList);
    for (HdlWarning warning : top.warnings()) {
      out.println("  " + warning);
    }
    report.put("systemVerilog", fileList.toString());
    report.put("elaborationSeconds", elaborate);
    report.put("irNodes", top.totalNodeCount());

    Engine engine = settings.engine();
    if (engine == null) {
      engine = Engine.VERILATOR.isAvailable() ? Engine.VERILATOR : Engine.JAVA;
      if (engine == Engine.JAVA) {
        out.println("verilator is not installed (" + Tool.VERILATOR.provider()
            + "): verifying on gatewright's Java simulator instead");
      }
    } else if (!engine.isAvailable()) {
      out.println("gatewright: the " + engine.name().toLowerCase(Locale.ROOT) + " engine needs " + engine.missing());
      return 1;
    }
    GoldenModel golden = new GoldenModel(network);
    CoSimulation<?> check = CoSimulation.of(top).valid("in_valid", "out_valid").waveformsIn(folder.resolve("waves"))
        .golden(in -> {
          long[] x = VectorPorts.unpack(in.get("x"), network.inputs(), network.inputType());
          return Map.of("y", VectorPorts.pack(golden.infer(x), network.outputType()));
        });
    List<BigInteger> inputs = inputVectors();
    for (BigInteger x : inputs) {
      check.vector(Map.of("in_valid", BigInteger.ONE, "x", x));
      for (int idle = 1; idle < hardware.initiationInterval(); idle++) {
        check.vector(Map.of("in_valid", BigInteger.ZERO, "x", BigInteger.ZERO));
      }
    }
    start = System.nanoTime();
    try {
      CoSimulation.Report verified = check.check(engine);
      double seconds = seconds(start);
      out.printf(Locale.ROOT, "verified on %s: %,d input vectors (%,d random, seed %d, and %d corner cases), every "
          + "output bit-exact against the golden model, in %.1f s%n", engine.name().toLowerCase(Locale.ROOT),
          verified.comparisons(), settings.vectors(), settings.seed(), inputs.size() - settings.vectors(), seconds);
      report.put("verification", Map.of("engine", engine.name().toLowerCase(Locale.ROOT), "vectors",
          verified.comparisons(), "bitExact", true, "seconds", seconds));
    } catch (CoSimulationMismatch mismatch) {
      out.println("MISMATCH: " + mismatch.getMessage());
      report.put("verification", Map.of("engine", engine.name().toLowerCase(Locale.ROOT), "bitExact", false));
      writeReport(folder, report);
      return 1;
    }

    CostReport cost = CostReport.of(network).withTiming(hardware.latency(), hardware.initiationInterval());
    out.print(cost);
    out.printf(Locale.ROOT, "hardware multipliers: %,d (%s)%n", hardware.multipliers(),
        options.multiplier().name().toLowerCase(Locale.ROOT));
    report.put("cost", Map.of("parameters", cost.parameters(), "nonzeroWeights", cost.nonzeroWeights(), "macs", cost.macs(),
        "bops", cost.bops(), "latencyCycles", hardware.latency(), "initiationInterval", hardware.initiationInterval(),
        "multipliers", hardware.multipliers()));

    int exit = 0;
    if (!settings.synthesis().isEmpty()) {
      if (!Tool.YOSYS.isAvailable()) {
        out.println("skipped synthesis: yosys is not installed (" + Tool.YOSYS.provider() + ")");
      } else {
        List<Object> synthesized = new ArrayList<>();
        for (Target target : settings.synthesis()) {
          out.println("synthesizing for " + target.name().toLowerCase(Locale.ROOT) + " ...");
          try {
            FlowReport flow = SynthesisFlows.run(target, DesignFiles.fromFileList(fileList, emitted.top()),
                settings.flowOptions());
            out.println(SynthesisFlows.table(List.of(flow)).stripTrailing());
            synthesized.add(flow.runDirectory().resolve("report.json").toAbsolutePath().toString());
          } catch (RuntimeException e) {
            out.println("synthesis for " + target.name().toLowerCase(Locale.ROOT) + " failed: " + e.getMessage());
            exit = 1;
          }
        }
        report.put("synthesis", synthesized);
      }
    }
    Path json = writeReport(folder, report);
    out.println("report: " + json);
    return exit;
  }

  /** Corner cases (every input most negative, most positive, zero, alternating) and seeded random inputs. */
  private List<BigInteger> inputVectors() {
    int n = network.inputs();
    long min = network.inputType().minRaw().longValueExact();
    long max = network.inputType().maxRaw().longValueExact();
    List<BigInteger> vectors = new ArrayList<>();
    long[][] corners = new long[4][n];
    for (int i = 0; i < n; i++) {
      corners[0][i] = min;
      corners[1][i] = max;
      corners[2][i] = 0;
      corners[3][i] = i % 2 == 0 ? min : max;
    }
    for (long[] corner : corners) {
      vectors.add(VectorPorts.pack(corner, network.inputType()));
    }
    java.util.Random random = new java.util.Random(settings.seed());
    for (int k = 0; k < settings.vectors(); k++) {
      vectors.add(new BigInteger(n * network.inputType().width(), random));
    }
    return vectors;
  }

  private static Path writeReport(Path folder, Map<String, Object> report) {
    Path json = folder.resolve("report.json").toAbsolutePath();
    try {
      String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
      AtomicFiles.writeString(json, text + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not write the report", e);
    }
    return json;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
