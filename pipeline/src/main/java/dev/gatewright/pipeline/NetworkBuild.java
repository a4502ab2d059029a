package dev.gatewright.pipeline;

import dev.gatewright.flow.DesignFiles;
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
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.pipeline.NetworkBuildReport.Cost;
import dev.gatewright.pipeline.NetworkBuildReport.Elaboration;
import dev.gatewright.pipeline.NetworkBuildReport.Settings;
import dev.gatewright.pipeline.NetworkBuildReport.Summary;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import dev.gatewright.pipeline.NetworkBuildReport.Verification;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.tool.Tool;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Builds one network into verified hardware: elaborate it, write the SystemVerilog, verify it bit for
 * bit against the golden model, report its cost, and synthesize it for the targets asked for.
 *
 * <pre>{@code
 * NetworkBuildReport report = NetworkBuild.run(network, NetworkBuildOptions.builder(Path.of("out")).build(),
 *     BuildListener.SILENT);
 * if (!report.succeeded()) { ... }
 * }</pre>
 *
 * The design and its {@code report.json} go to {@code out/<top>}; each synthesis run to a run folder of
 * its own under {@code out/runs}. Progress is reported to the listener as each step ends ({@link
 * BuildListener}); the report is returned whole. A mismatch or a failed synthesis run is in the report
 * ({@link NetworkBuildReport#succeeded()} false); options that cannot be honoured throw a {@link
 * BuildRequestException} before anything is built.
 */
public final class NetworkBuild {

  private final Network network;
  private final NetworkBuildOptions options;
  private final BuildListener events;

  private NetworkBuild(Network network, NetworkBuildOptions options, BuildListener events) {
    this.network = Objects.requireNonNull(network, "network");
    this.options = Objects.requireNonNull(options, "options");
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Runs every step; see the class comment. */
  public static NetworkBuildReport run(Network network, NetworkBuildOptions options, BuildListener events) {
    return new NetworkBuild(network, options, events).run();
  }

  private NetworkBuildReport run() {
    EngineChoice engine = chooseEngine();
    Summary summary = new Summary(network.name(), network.inputs(), network.inputType().toString(),
        network.outputs(), network.outputType().toString(), network.layers().size());
    Settings settings = new Settings(options.hardware().reuse(), lowerCase(options.hardware().multiplier()),
        options.hardware().registerEvery(), options.vectors(), options.seed());
    events.started(summary);

    long start = System.nanoTime();
    NetworkGenerator.NetworkHardware hardware = new NetworkGenerator(network, options.hardware()).build();
    Module top = hardware.module();
    double elaborationSeconds = seconds(start);
    Path folder = options.out().resolve(top.name()).toAbsolutePath();
    start = System.nanoTime();
    EmittedDesign emitted = SystemVerilog.write(top, folder);
    Elaboration elaboration = new Elaboration(emitted.top(), top.totalNodeCount(), emitted.files().size(),
        folder.resolve(emitted.fileListName()), elaborationSeconds, seconds(start),
        top.warnings().stream().map(HdlWarning::toString).toList());
    events.elaborated(elaboration);

    Verification verification = verify(top, hardware, engine, folder);
    Cost cost = null;
    List<Synthesis> synthesis = new ArrayList<>();
    if (verification.bitExact()) {
      cost = Cost.of(CostReport.of(network), hardware.latency(), hardware.initiationInterval(),
          hardware.multipliers(), lowerCase(options.hardware().multiplier()));
      events.costed(cost);
      for (Target target : options.synthesis()) {
        synthesis.add(synthesize(target, elaboration));
      }
    }
    NetworkBuildReport report = new NetworkBuildReport(summary, settings, folder, elaboration, verification, cost,
        synthesis);
    ReportJson.write(report, folder.resolve(ReportJson.FILE));
    return report;
  }

  /** The engine to verify on and, when it was not asked for, why it was chosen. */
  private record EngineChoice(Engine engine, String note) {}

  private EngineChoice chooseEngine() {
    if (options.engine().isPresent()) {
      Engine engine = options.engine().get();
      if (!engine.isAvailable()) {
        throw new BuildRequestException("--engine " + lowerCase(engine) + " needs " + engine.missing()
            + "; install them or verify with --engine java");
      }
      return new EngineChoice(engine, null);
    }
    if (Engine.VERILATOR.isAvailable()) {
      return new EngineChoice(Engine.VERILATOR, null);
    }
    return new EngineChoice(Engine.JAVA, "verilator is not installed (" + Tool.VERILATOR.provider()
        + "): verifying on gatewright's Java simulator instead");
  }

  private Verification verify(Module top, NetworkGenerator.NetworkHardware hardware, EngineChoice choice,
      Path folder) {
    String engine = lowerCase(choice.engine());
    InputVectors vectors = new InputVectors(network, options.vectors(), options.seed());
    events.verifying(engine, choice.note(), vectors.count());
    GoldenModel golden = new GoldenModel(network);
    CoSimulation check = CoSimulation.of(top).valid("in_valid", "out_valid").waveformsIn(folder.resolve("waves"))
        .golden(in -> {
          long[] x = VectorPorts.unpack(in.get("x"), network.inputs(), network.inputType());
          return Map.of("y", VectorPorts.pack(golden.infer(x), network.outputType()));
        });
    for (BigInteger x : vectors) {
      check.vector(Map.of("in_valid", BigInteger.ONE, "x", x));
      for (int idle = 1; idle < hardware.initiationInterval(); idle++) {
        check.vector(Map.of("in_valid", BigInteger.ZERO, "x", BigInteger.ZERO));
      }
    }
    long start = System.nanoTime();
    Verification verification;
    try {
      CoSimulation.Report verified = check.check(choice.engine());
      verification = new Verification(engine, choice.note(), options.vectors(), InputVectors.CORNERS,
          options.seed(), verified.comparisons(), List.of("y"), true, null, seconds(start));
    } catch (AssertionFailedError mismatch) {
      verification = new Verification(engine, choice.note(), options.vectors(), InputVectors.CORNERS,
          options.seed(), 0, List.of("y"), false, mismatch.getMessage(), seconds(start));
    }
    events.verified(verification);
    return verification;
  }

  private Synthesis synthesize(Target target, Elaboration elaboration) {
    if (!Tool.YOSYS.isAvailable()) {
      Synthesis skipped = new Synthesis(target.id(), Synthesis.Status.SKIPPED, null,
          "yosys is not installed (" + Tool.YOSYS.provider() + ")");
      events.synthesized(skipped);
      return skipped;
    }
    events.synthesizing(target.id());
    Synthesis result;
    try {
      FlowReport flow = SynthesisFlows.run(target, DesignFiles.fromFileList(elaboration.fileList(), elaboration.top()),
          options.flowOptions());
      result = new Synthesis(target.id(), Synthesis.Status.COMPLETED, flow, null);
    } catch (RuntimeException e) {
      result = new Synthesis(target.id(), Synthesis.Status.FAILED, null, e.getMessage());
    }
    events.synthesized(result);
    return result;
  }

  private static String lowerCase(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
