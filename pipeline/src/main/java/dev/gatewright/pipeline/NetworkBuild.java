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
import dev.gatewright.nn.lut.LutNetworkGenerator;
import dev.gatewright.nn.lut.LutOptions;
import dev.gatewright.nn.lut.LutPlan;
import dev.gatewright.nn.reference.ModelReference;
import dev.gatewright.pipeline.NetworkBuildReport.Cost;
import dev.gatewright.pipeline.NetworkBuildReport.Elaboration;
import dev.gatewright.pipeline.NetworkBuildReport.InputCheck;
import dev.gatewright.pipeline.NetworkBuildReport.ReferenceAgreement;
import dev.gatewright.pipeline.NetworkBuildReport.Pipeline;
import dev.gatewright.pipeline.NetworkBuildReport.Settings;
import dev.gatewright.pipeline.NetworkBuildReport.Summary;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import dev.gatewright.pipeline.NetworkBuildReport.Verification;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.verilator.VerilatorBuild;
import dev.gatewright.tool.FolderBusyException;
import dev.gatewright.tool.FolderLock;
import dev.gatewright.tool.StagedFolder;
import dev.gatewright.tool.Tool;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds one network into verified hardware: elaborate it, write the SystemVerilog, verify it bit for
 * bit against the golden model, report its cost, and synthesize it for the targets asked for.
 *
 * <pre>{@code
 * NetworkBuildReport report = NetworkBuild.run(network, NetworkBuildOptions.builder(Path.of("out")).build(),
 *     BuildListener.SILENT);
 * if (!report.succeeded()) { ... }
 *
 * // a trained model, checked on MNIST digits against its labels and its own reference executor
 * ModelSource model = ModelSource.read(Path.of("tfc.onnx"), null);
 * InputData digits = InputData.read(Path.of("t10k-images-idx3-ubyte.gz"), InputScale.parse("1/255"),
 *     Path.of("t10k-labels-idx1-ubyte.gz"));
 * NetworkBuildReport built = NetworkBuild.run(model, NetworkBuildOptions.builder(out).inputs(digits).build(), listener);
 * built.inputs().accuracy().hardwarePercent();
 * }</pre>
 *
 * <p>Verification runs seeded random vectors and corner cases through the hardware and compares every
 * observed output (the class and the scores) with the golden model; where the network was imported from a
 * model, the same vectors also go to the model's reference executor when the network's input stage gives
 * each raw vector one model input. Given inputs ({@link NetworkBuildOptions#inputs()}) are then encoded by
 * the network's input stage and run through the hardware the same way; their outputs, decoded, are compared
 * with the reference executor and their classes with the labels ({@link NetworkBuildReport.InputCheck}).
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
  private final ModelReference reference; // null: no reference executor
  private final NetworkBuildOptions options;
  private final BuildListener events;
  private final int chunkCycles;

  private NetworkBuild(ModelSource source, NetworkBuildOptions options, BuildListener events, int chunkCycles) {
    this.network = Objects.requireNonNull(source, "source").network();
    this.reference = source.reference();
    this.options = Objects.requireNonNull(options, "options");
    this.events = Objects.requireNonNull(events, "events");
    this.chunkCycles = chunkCycles;
  }

  /** Runs every step; see the class comment. */
  public static NetworkBuildReport run(Network network, NetworkBuildOptions options, BuildListener events) {
    return run(ModelSource.of(network), options, events);
  }

  /** Runs every step on a network that may come with its model's reference executor; see the class comment. */
  public static NetworkBuildReport run(ModelSource source, NetworkBuildOptions options, BuildListener events) {
    return run(source, options, events, CHUNK_CYCLES);
  }

  /** As {@link #run(ModelSource, NetworkBuildOptions, BuildListener)}, co-simulating {@code chunkCycles} at a time. */
  static NetworkBuildReport run(ModelSource source, NetworkBuildOptions options, BuildListener events, int chunkCycles) {
    return new NetworkBuild(source, options, events, chunkCycles).run();
  }

  private NetworkBuildReport run() {
    BuildEstimate.check(network, options.hardware());
    EngineChoice engine = chooseEngine();
    checkSynthesisInputs();
    // the given inputs are read, encoded and checked against the network before anything is written
    BigInteger[] encoded = options.inputs().map(data -> data.encode(network)).orElse(null);
    Summary summary = new Summary(network.name(), network.inputs(), network.inputType().toString(),
        network.outputs(), network.outputType().toString(), network.layers().size());
    Settings settings = Settings.of(options.hardware(), options.truthTables(), options.vectors(), options.seed());
    Optional<LutPlan> plan = truthTablePlan();
    events.started(summary);

    long start = System.nanoTime();
    NetworkHardware hardware = plan.map(p -> new LutNetworkGenerator(p).buildNetwork())
        .orElseGet(() -> new NetworkGenerator(network, options.hardware()).build());
    Component<NetworkIo> top = hardware.module();
    double elaborationSeconds = seconds(start);
    try (FolderLock lock = FolderLock.acquire(options.out(), "gatewright build of network " + network.name());
        StagedFolder folder = stage(options.out().resolve(top.name()))) {
      try {
        return buildInto(folder, summary, settings, hardware, plan, engine, elaborationSeconds, encoded);
      } catch (RuntimeException | Error e) {
        folder.failIfOpen("the build stopped: " + e);
        throw e;
      }
    }
  }

  /** Writes, verifies, costs and synthesizes into {@code folder}, then commits it or marks it failed. */
  private NetworkBuildReport buildInto(StagedFolder folder, Summary summary, Settings settings,
      NetworkHardware hardware, Optional<LutPlan> plan, EngineChoice engine, double elaborationSeconds,
      BigInteger[] encoded) {
    Component<NetworkIo> top = hardware.module();
    long start = System.nanoTime();
    EmittedDesign emitted = SystemVerilog.write(top, folder.dir());
    Elaboration elaboration = new Elaboration(emitted.top(), top.totalNodeCount(), emitted.files().size(),
        Path.of(emitted.fileListName()), elaborationSeconds, seconds(start),
        top.warnings().stream().map(HdlWarning::toString).toList());
    events.elaborated(elaboration, folder.target());

    Verification verification = verify(hardware, engine, folder.dir());
    InputCheck inputs = verification.bitExact() && encoded != null
        ? checkInputs(options.inputs().orElseThrow(), encoded, hardware, engine, folder.dir()) : null;
    boolean bitExact = verification.bitExact() && (inputs == null || inputs.bitExact());
    Cost cost = null;
    List<Synthesis> synthesis = new ArrayList<>();
    if (bitExact) {
      cost = Cost.of(CostReport.of(network), hardware.latency(), hardware.initiationInterval(),
          hardware.multipliers(), settings.multiplier(), hardware.pipeline().map(Pipeline::of).orElse(null),
          plan.map(NetworkBuild::planLines).orElse(List.of()));
      events.costed(cost);
      DesignFiles design = DesignFiles.fromFileList(folder.dir().resolve(elaboration.fileList()), elaboration.top());
      for (Target target : options.synthesis()) {
        synthesis.add(synthesize(target, design));
      }
    }
    boolean succeeded = bitExact && synthesis.stream().noneMatch(s -> s.status() == Synthesis.Status.FAILED);
    NetworkBuildReport report = new NetworkBuildReport(summary, settings,
        succeeded ? folder.target() : folder.failedTarget(), elaboration, verification, inputs, cost, synthesis);
    ReportJson.write(report, folder.dir().resolve(ReportJson.FILE));
    if (succeeded) {
      folder.commit();
    } else {
      folder.fail(bitExact ? "synthesis failed for "
          + String.join(", ", synthesis.stream().filter(s -> s.status() == Synthesis.Status.FAILED)
              .map(Synthesis::target).toList()) + "; see " + ReportJson.FILE
          : "the design differs from its golden model; see " + ReportJson.FILE + " and waves/");
    }
    return report;
  }

  /**
   * Which layers become truth-table neurons, when the options ask for them; refused when they ask for every
   * layer that fits ({@code --neurons truth-table}) and none does.
   */
  private Optional<LutPlan> truthTablePlan() {
    if (options.truthTables().isEmpty()) {
      return Optional.empty();
    }
    LutOptions lut = options.truthTables().get().withArithmetic(options.hardware());
    LutPlan plan = LutPlan.of(network, lut);
    if (lut.policy() == LutOptions.Policy.TABLES && plan.tables().isEmpty()) {
      throw new BuildRequestException("--neurons truth-table: no dense layer of network " + network.name()
          + " fits a truth table of at most " + lut.maxAddressBits() + " address bits (fan-in x input bits): "
          + planLines(plan).stream().filter(line -> !line.endsWith("not a dense layer"))
              .collect(java.util.stream.Collectors.joining("; "))
          + "; build it with --neurons arithmetic or auto, or allow wider tables with --table-bits");
    }
    return Optional.of(plan);
  }

  /** One line per stage of a truth-table plan: {@code fc1+relu2 truth tables: 32 neurons, ...}. */
  private static List<String> planLines(LutPlan plan) {
    return plan.describe().lines().map(line -> line.strip().replaceAll("\\s+", " ")).toList();
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
    List<String> compared = hardware.observedWith("out_valid").stream().map(Observation::port).toList();
    ReferenceTally tally = reference == null ? null : new ReferenceTally(network, reference);
    long start = System.nanoTime();
    ChunkedCoSimulation.Outcome outcome = new ChunkedCoSimulation(hardware, new GoldenModel(network), choice.engine(),
        folder.resolve("waves"), chunkCycles).run(vectors.iterator(), (index, trace) -> {
          Optional<double[]> values = tally == null ? Optional.empty() : network.inputEncoding().values(trace[0]);
          values.ifPresent(x -> tally.add(x, network.outputDecoding().decode(trace[trace.length - 1])));
        });
    ReferenceAgreement agreement = tally == null || outcome.mismatch() != null ? null : tally.result();
    Verification verification = new Verification(engine, choice.note(), options.vectors(), InputVectors.CORNERS,
        options.seed(), outcome.comparisons(), compared, outcome.mismatch() == null, outcome.mismatch(),
        seconds(start), agreement != null && agreement.inputs() > 0 ? agreement : null);
    events.verified(verification);
    return verification;
  }

  /** The hardware on the given inputs, then its outputs against the reference executor and the labels. */
  private InputCheck checkInputs(InputData data, BigInteger[] encoded, NetworkHardware hardware, EngineChoice choice,
      Path folder) {
    String engine = lowerCase(choice.engine());
    events.checkingInputs(data.description(), encoded.length);
    List<String> compared = hardware.observedWith("out_valid").stream().map(Observation::port).toList();
    long[][] outputs = new long[encoded.length][];
    long start = System.nanoTime();
    ChunkedCoSimulation.Outcome outcome = new ChunkedCoSimulation(hardware, new GoldenModel(network), choice.engine(),
        folder.resolve("waves"), chunkCycles).run(Arrays.asList(encoded).iterator(),
            (index, trace) -> outputs[(int) index] = trace[trace.length - 1]);
    // bit-exact: the hardware's outputs are the golden model's
    InputScore score = outcome.mismatch() == null ? InputScore.of(network, reference, data, outputs)
        : new InputScore(null, null);
    InputCheck check = new InputCheck(data.description(), data.scale().toString(), encoded.length, engine,
        outcome.comparisons(), compared, outcome.mismatch() == null, outcome.mismatch(), seconds(start),
        score.agreement(), score.accuracy());
    events.checkedInputs(check);
    return check;
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
