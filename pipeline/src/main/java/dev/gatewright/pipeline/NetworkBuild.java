package dev.gatewright.pipeline;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.asic.Pdk;
import dev.gatewright.flow.synth.SynthesisFlows;
import dev.gatewright.hdl.HdlWarning;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.CostReport;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.hw.NetworkHardware;
import dev.gatewright.nn.hw.NetworkIo;
import dev.gatewright.nn.hw.Observation;
import dev.gatewright.pipeline.NetworkBuildReport.Cost;
import dev.gatewright.pipeline.NetworkBuildReport.Elaboration;
import dev.gatewright.pipeline.NetworkBuildReport.Pipeline;
import dev.gatewright.pipeline.NetworkBuildReport.Settings;
import dev.gatewright.pipeline.NetworkBuildReport.Summary;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import dev.gatewright.pipeline.NetworkBuildReport.Verification;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.CoSimulationMismatch;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.verilator.VerilatorBuild;
import dev.gatewright.tool.FolderBusyException;
import dev.gatewright.tool.FolderLock;
import dev.gatewright.tool.StagedFolder;
import dev.gatewright.tool.Tool;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
 * <p>Before anything is built, the build is estimated ({@link BuildEstimate}) and refused with a
 * {@link BuildRequestException} if it cannot work. The output folder {@code out/<top>} is consistent as
 * a whole: the build writes aside and renames into place only when it succeeded ({@link StagedFolder}),
 * replacing the old folder and every file in it; a build that verifies wrong or whose synthesis fails
 * goes to {@code out/<top>.failed} with a {@code FAILED.txt}, leaving {@code out/<top>} as it was. One
 * build at a time writes into {@code out} ({@link FolderLock}); a second is refused with a {@link
 * FolderBusyException}. Each synthesis run gets a run folder of its own under the flow options' runs
 * folder ({@code out/runs} by default). Progress is reported to the listener as each step ends.
 */
public final class NetworkBuild {

  /** Cycles of input one co-simulation holds at a time: vectors are streamed in chunks of this many. */
  static final int CHUNK_CYCLES = 1 << 17;

  private final Network network;
  private final NetworkBuildOptions options;
  private final BuildListener events;
  private final int chunkCycles;

  private NetworkBuild(Network network, NetworkBuildOptions options, BuildListener events, int chunkCycles) {
    this.network = Objects.requireNonNull(network, "network");
    this.options = Objects.requireNonNull(options, "options");
    this.events = Objects.requireNonNull(events, "events");
    this.chunkCycles = chunkCycles;
  }

  /** Runs every step; see the class comment. */
  public static NetworkBuildReport run(Network network, NetworkBuildOptions options, BuildListener events) {
    return run(network, options, events, CHUNK_CYCLES);
  }

  /** As {@link #run(Network, NetworkBuildOptions, BuildListener)}, co-simulating {@code chunkCycles} at a time. */
  static NetworkBuildReport run(Network network, NetworkBuildOptions options, BuildListener events, int chunkCycles) {
    return new NetworkBuild(network, options, events, chunkCycles).run();
  }

  private NetworkBuildReport run() {
    BuildEstimate.check(network, options.hardware());
    EngineChoice engine = chooseEngine();
    checkSynthesisInputs();
    Summary summary = new Summary(network.name(), network.inputs(), network.inputType().toString(),
        network.outputs(), network.outputType().toString(), network.layers().size());
    Settings settings = Settings.of(options.hardware(), options.vectors(), options.seed());
    events.started(summary);

    long start = System.nanoTime();
    NetworkHardware hardware = new NetworkGenerator(network, options.hardware()).build();
    Component<NetworkIo> top = hardware.module();
    double elaborationSeconds = seconds(start);
    try (FolderLock lock = FolderLock.acquire(options.out(), "gatewright build of network " + network.name());
        StagedFolder folder = stage(options.out().resolve(top.name()))) {
      try {
        return buildInto(folder, summary, settings, hardware, engine, elaborationSeconds);
      } catch (RuntimeException | Error e) {
        folder.failIfOpen("the build stopped: " + e);
        throw e;
      }
    }
  }

  /** Writes, verifies, costs and synthesizes into {@code folder}, then commits it or marks it failed. */
  private NetworkBuildReport buildInto(StagedFolder folder, Summary summary, Settings settings,
      NetworkHardware hardware, EngineChoice engine, double elaborationSeconds) {
    Component<NetworkIo> top = hardware.module();
    long start = System.nanoTime();
    EmittedDesign emitted = SystemVerilog.write(top, folder.dir());
    Elaboration elaboration = new Elaboration(emitted.top(), top.totalNodeCount(), emitted.files().size(),
        Path.of(emitted.fileListName()), elaborationSeconds, seconds(start),
        top.warnings().stream().map(HdlWarning::toString).toList());
    events.elaborated(elaboration, folder.target());

    Verification verification = verify(hardware, engine, folder.dir());
    Cost cost = null;
    List<Synthesis> synthesis = new ArrayList<>();
    if (verification.bitExact()) {
      cost = Cost.of(CostReport.of(network), hardware.latency(), hardware.initiationInterval(),
          hardware.multipliers(), settings.multiplier(), hardware.pipeline().map(Pipeline::of).orElse(null));
      events.costed(cost);
      DesignFiles design = DesignFiles.fromFileList(folder.dir().resolve(elaboration.fileList()), elaboration.top());
      for (Target target : options.synthesis()) {
        synthesis.add(synthesize(target, design));
      }
    }
    boolean succeeded = verification.bitExact()
        && synthesis.stream().noneMatch(s -> s.status() == Synthesis.Status.FAILED);
    NetworkBuildReport report = new NetworkBuildReport(summary, settings,
        succeeded ? folder.target() : folder.failedTarget(), elaboration, verification, cost, synthesis);
    ReportJson.write(report, folder.dir().resolve(ReportJson.FILE));
    if (succeeded) {
      folder.commit();
    } else {
      folder.fail(verification.bitExact() ? "synthesis failed for "
          + String.join(", ", synthesis.stream().filter(s -> s.status() == Synthesis.Status.FAILED)
              .map(Synthesis::target).toList()) + "; see " + ReportJson.FILE
          : "the design differs from its golden model; see " + ReportJson.FILE + " and waves/");
    }
    return report;
  }

  /** A staged folder for {@code target}, after removing what builds killed outright left beside it. */
  private static StagedFolder stage(Path target) {
    StagedFolder.deleteLeftovers(target);
    return StagedFolder.create(target);
  }

  /** Fails before building when a target's inputs are missing: the SKY130 liberty. */
  private void checkSynthesisInputs() {
    if (options.synthesis().contains(Target.SKY130)) {
      try {
        Pdk.sky130Hd(options.flowOptions().pdkRoot()).liberty();
      } catch (FlowException e) {
        throw new BuildRequestException("--synth sky130: " + e.getMessage() + " (--pdk-root or PDK_ROOT)");
      }
    }
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
      if (engine == Engine.VERILATOR) {
        checkVerilatorCache();
      }
      return new EngineChoice(engine, null);
    }
    if (Engine.VERILATOR.isAvailable()) {
      checkVerilatorCache();
      return new EngineChoice(Engine.VERILATOR, null);
    }
    if (Tool.VERILATOR.isConfigured() && !Tool.VERILATOR.isAvailable()) {
      // a Verilator the user configured and got wrong is an error, not a reason to quietly verify elsewhere
      throw new BuildRequestException(Tool.VERILATOR.problem().orElseThrow() + "; or verify with --engine java");
    }
    return new EngineChoice(Engine.JAVA, "the verilator engine needs " + Engine.VERILATOR.missing()
        + ": verifying on gatewright's Java simulator instead");
  }

  /** A Verilator cache that cannot be written is named before anything is built. */
  private static void checkVerilatorCache() {
    try {
      VerilatorBuild.withDefaultCache();
    } catch (IllegalStateException e) {
      throw new BuildRequestException(e.getMessage());
    }
  }

  private Verification verify(NetworkHardware hardware, EngineChoice choice, Path folder) {
    String engine = lowerCase(choice.engine());
    InputVectors vectors = new InputVectors(network, options.vectors(), options.seed());
    events.verifying(engine, choice.note(), vectors.count());
    GoldenModel golden = new GoldenModel(network);
    List<Observation> observed = hardware.observedWith("out_valid");
    List<String> compared = observed.stream().map(Observation::port).toList();
    int interval = hardware.initiationInterval();
    int chunk = Math.max(1, chunkCycles / interval);
    long start = System.nanoTime();
    long comparisons = 0;
    long checked = 0;
    Iterator<BigInteger> inputs = vectors.iterator();
    while (inputs.hasNext()) {
      CoSimulation<NetworkIo> check = CoSimulation.of(hardware.module())
          .valid(io -> io.inValid, io -> io.outValid).latency(hardware.latency()).interval(interval)
          .waveformsIn(folder.resolve("waves"))
          .golden((io, in, out) -> {
            long[][] trace = hardware.trace(golden, in.get(io.x));
            for (Observation observation : observed) {
              out.set(observation.values().apply(io), observation.expected(trace));
            }
          });
      long first = checked;
      for (int k = 0; k < chunk && inputs.hasNext(); k++, checked++) {
        BigInteger x = inputs.next();
        check.vector((io, v) -> v.set(io.inValid, 1).set(io.x, x));
        for (int idle = 1; idle < interval; idle++) {
          check.vector((io, v) -> v.set(io.inValid, 0).set(io.x, 0));
        }
      }
      try {
        comparisons += check.check(choice.engine()).comparisons();
      } catch (CoSimulationMismatch mismatch) {
        String where = first == 0 && !inputs.hasNext() ? ""
            : String.format(Locale.ROOT, "in input vectors %,d..%,d (cycles counted from the first of them): ",
                first + 1, checked);
        Verification failed = new Verification(engine, choice.note(), options.vectors(), InputVectors.CORNERS,
            options.seed(), comparisons, compared, false, where + mismatch.getMessage(), seconds(start));
        events.verified(failed);
        return failed;
      }
    }
    Verification verification = new Verification(engine, choice.note(), options.vectors(), InputVectors.CORNERS,
        options.seed(), comparisons, compared, true, null, seconds(start));
    events.verified(verification);
    return verification;
  }

  private Synthesis synthesize(Target target, DesignFiles design) {
    if (!Tool.YOSYS.isAvailable()) {
      Synthesis skipped = new Synthesis(target.id(), Synthesis.Status.SKIPPED, null,
          Tool.YOSYS.problem().orElseThrow());
      events.synthesized(skipped);
      return skipped;
    }
    events.synthesizing(target.id());
    Synthesis result;
    try {
      FlowReport flow = SynthesisFlows.run(target, design, options.flowOptions());
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
