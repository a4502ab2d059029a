package dev.gatewright.pipeline;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.synth.SynthesisFlows;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.dataflow.DataflowGenerator;
import dev.gatewright.nn.dataflow.DataflowHardware;
import dev.gatewright.nn.dataflow.FoldingFile;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.nn.reference.ModelReference;
import dev.gatewright.pipeline.DataflowBuildReport.Verification;
import dev.gatewright.pipeline.NetworkBuildReport.InputCheck;
import dev.gatewright.pipeline.NetworkBuildReport.ReferenceAgreement;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.CoSimulationMismatch;
import dev.gatewright.tool.AtomicFiles;
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
import java.util.function.Consumer;

/**
 * Builds a network as a streaming dataflow pipeline ({@link DataflowGenerator}) into verified hardware: write the
 * SystemVerilog and the folding, co-simulate the streams against the golden model on corner and random frames
 * with random pauses of the source and the sink, measure the cycles a run without pauses takes against the
 * schedule, stream the user's inputs (if given) through the verified hardware for its accuracy beside the model's
 * reference executor's, and synthesize for the targets asked for. The folder {@code out/<top>} is written aside and renamed
 * into place only when everything passed, as {@link NetworkBuild} does; a failed build goes to
 * {@code out/<top>.failed}.
 *
 * <pre>{@code
 * Folding folding = FoldingSearch.forThroughput(network, 1e6, 100);
 * DataflowBuildReport report = DataflowBuild.run(network,
 *     DataflowBuildOptions.builder(Path.of("out"), folding, "target 1e6 frames/s").build(), System.out::println);
 * }</pre>
 */
public final class DataflowBuild {

  /** Frames one co-simulation holds at a time. */
  static final int CHUNK_FRAMES = 1000;
  /** Frames of the run without pauses whose cycles are compared with the schedule. */
  static final int PACED_FRAMES = 8;

  private final Network network;
  private final ModelReference reference; // null: no reference executor
  private final DataflowBuildOptions options;
  private final Consumer<String> progress;

  private DataflowBuild(ModelSource source, DataflowBuildOptions options, Consumer<String> progress) {
    this.network = source.network();
    this.reference = source.reference();
    this.options = Objects.requireNonNull(options, "options");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** Runs every step; {@code progress} gets a line as each ends. See the class comment. */
  public static DataflowBuildReport run(Network network, DataflowBuildOptions options, Consumer<String> progress) {
    return run(ModelSource.of(network), options, progress);
  }

  /** Runs every step on a network that may come with its model's reference executor; see the class comment. */
  public static DataflowBuildReport run(ModelSource source, DataflowBuildOptions options, Consumer<String> progress) {
    return new DataflowBuild(source, options, progress).run();
  }

  private DataflowBuildReport run() {
    if (!options.engine().isAvailable()) {
      throw new BuildRequestException("--engine " + lowerCase(options.engine()) + " needs "
          + options.engine().missing() + "; install them or verify with --engine java");
    }
    // the given inputs are read, encoded and checked against the network before anything is written
    BigInteger[] encoded = options.inputs().map(data -> data.encode(network)).orElse(null);
    long start = System.nanoTime();
    DataflowHardware hw;
    try {
      hw = new DataflowGenerator(network, options.folding()).build();
    } catch (IllegalArgumentException e) {
      throw new BuildRequestException("--architecture dataflow: " + e.getMessage());
    }
    progress.accept(String.format(Locale.ROOT, "elaborated %s: %d stages, %,d cycles per frame, latency %,d cycles"
        + " (%.1f s)", hw.top().name(), hw.stages().size(), hw.schedule().cyclesPerFrame(), hw.schedule().latency(),
        seconds(start)));
    try (FolderLock lock = FolderLock.acquire(options.out(), "gatewright build of network " + network.name());
        StagedFolder folder = stage(options.out().resolve(hw.top().name()))) {
      try {
        return buildInto(folder, hw, encoded);
      } catch (RuntimeException | Error e) {
        folder.failIfOpen("the build stopped: " + e);
        throw e;
      }
    }
  }

  private DataflowBuildReport buildInto(StagedFolder folder, DataflowHardware hw, BigInteger[] encoded) {
    EmittedDesign emitted = SystemVerilog.write(hw.top(), folder.dir());
    AtomicFiles.writeString(folder.dir().resolve("folding.json"), FoldingFile.write(hw.folding()));
    progress.accept("wrote " + emitted.files().size() + " SystemVerilog files and folding.json to " + folder.target());
    Verification verification = verify(hw);
    progress.accept(verification.bitExact()
        ? String.format(Locale.ROOT, "verified on %s: %,d frames bit-exact (%,d values compared) with source gaps"
            + " %.2f and sink stalls %.2f; %d frames without pauses took %,d cycles (scheduled %,d)",
            verification.engine(), verification.frames(), verification.comparisons(), verification.gaps(),
            verification.stalls(), verification.pacedFrames(), verification.measuredCycles(),
            verification.scheduledCycles())
        : "MISMATCH: " + verification.mismatch());
    if (verification.reference() != null) {
      progress.accept("  " + verification.reference().describe());
    }
    InputCheck inputs = verification.passed() && encoded != null
        ? checkInputs(options.inputs().orElseThrow(), encoded, hw) : null;
    boolean inputsExact = inputs == null || inputs.bitExact();
    List<Synthesis> synthesis = new ArrayList<>();
    if (verification.passed() && inputsExact) {
      DesignFiles design = DesignFiles.fromFileList(folder.dir().resolve(emitted.fileListName()), emitted.top());
      for (Target target : options.synthesis()) {
        synthesis.add(synthesize(target, design));
      }
    }
    boolean ok = verification.passed() && inputsExact
        && synthesis.stream().noneMatch(s -> s.status() == Synthesis.Status.FAILED);
    DataflowBuildReport report = new DataflowBuildReport(network.name(), hw.top().name(),
        ok ? folder.target() : folder.failedTarget(), options.foldingSource(), options.clockMhz(),
        DataflowBuildReport.rows(hw), hw.schedule().fifoDepths(), hw.schedule().cyclesPerFrame(),
        hw.schedule().latency(), hw.framesPerSecond(options.clockMhz()), hw.latencyMicroseconds(options.clockMhz()),
        verification, inputs, synthesis);
    ReportJson.write(report, folder.dir().resolve(ReportJson.FILE));
    if (ok) {
      folder.commit();
    } else {
      folder.fail(!verification.bitExact() || !inputsExact
          ? "the design differs from its golden model; see " + ReportJson.FILE
          : !verification.passed() ? "the design took other cycles than its schedule; see " + ReportJson.FILE
          : "synthesis failed; see " + ReportJson.FILE);
    }
    return report;
  }

  private Verification verify(DataflowHardware hw) {
    String engine = lowerCase(options.engine());
    GoldenModel golden = new GoldenModel(network);
    long start = System.nanoTime();
    InputVectors vectors = new InputVectors(network, options.frames(), options.seed());
    Iterator<BigInteger> it = vectors.iterator();
    long comparisons = 0;
    long done = 0;
    List<long[]> paced = new ArrayList<>();
    ReferenceTally tally = reference == null ? null : new ReferenceTally(network, reference);
    for (int chunk = 0; it.hasNext(); chunk++) {
      List<long[]> frames = new ArrayList<>();
      while (it.hasNext() && frames.size() < CHUNK_FRAMES) {
        frames.add(VectorPorts.unpack(it.next(), network.inputs(), network.inputType()));
      }
      if (paced.isEmpty()) {
        paced.addAll(frames.subList(0, Math.min(PACED_FRAMES, frames.size())));
      }
      try {
        comparisons += DataflowStreams.check(hw, golden, frames, options.engine(), options.gaps(),
            options.stalls(), options.seed() + chunk).comparisons();
      } catch (CoSimulationMismatch mismatch) {
        String where = String.format(Locale.ROOT, "in frames %,d..%,d: ", done + 1, done + frames.size());
        return new Verification(engine, done, options.gaps(), options.stalls(), options.seed(), comparisons, false,
            where + mismatch.getMessage(), 0, 0, 0, seconds(start), null);
      }
      done += frames.size();
      if (tally != null) {
        // bit-exact: the hardware's outputs are the golden model's
        for (long[] frame : frames) {
          long[][] trace = golden.trace(frame);
          network.inputEncoding().values(trace[0]).ifPresent(x ->
              tally.add(x, network.outputDecoding().decode(trace[trace.length - 1])));
        }
      }
    }
    ReferenceAgreement agreement = tally == null ? null : tally.result();
    CoSimulation.Report run = DataflowStreams.check(hw, golden, paced, options.engine(), 0, 0, options.seed());
    return new Verification(engine, done, options.gaps(), options.stalls(), options.seed(), comparisons, true, null,
        paced.size(), run.cycles(), hw.cycles(paced.size()), seconds(start),
        agreement != null && agreement.inputs() > 0 ? agreement : null);
  }

  /** The given inputs streamed through the hardware, then its outputs against the reference executor and labels. */
  private InputCheck checkInputs(InputData data, BigInteger[] encoded, DataflowHardware hw) {
    String engine = lowerCase(options.engine());
    progress.accept(String.format(Locale.ROOT, "streaming %,d inputs from %s through the hardware ...",
        encoded.length, data.description()));
    GoldenModel golden = new GoldenModel(network);
    long start = System.nanoTime();
    long comparisons = 0;
    for (int from = 0; from < encoded.length; from += CHUNK_FRAMES) {
      List<long[]> frames = new ArrayList<>();
      for (int k = from; k < Math.min(encoded.length, from + CHUNK_FRAMES); k++) {
        frames.add(VectorPorts.unpack(encoded[k], network.inputs(), network.inputType()));
      }
      try {
        comparisons += DataflowStreams.check(hw, golden, frames, options.engine(), options.gaps(), options.stalls(),
            options.seed() + from).comparisons();
      } catch (CoSimulationMismatch mismatch) {
        String where = String.format(Locale.ROOT, "in inputs %,d..%,d: ", from + 1, from + frames.size());
        InputCheck failed = new InputCheck(data.description(), data.scale().toString(), encoded.length, engine,
            comparisons, List.of(), false, where + mismatch.getMessage(), seconds(start), null, null);
        progress.accept("MISMATCH on " + data.description() + ": " + failed.mismatch());
        return failed;
      }
    }
    // bit-exact: the hardware streamed out the golden model's outputs
    long[][] outputs = new long[encoded.length][];
    for (int k = 0; k < encoded.length; k++) {
      long[][] trace = golden.trace(VectorPorts.unpack(encoded[k], network.inputs(), network.inputType()));
      outputs[k] = trace[trace.length - 1];
    }
    InputScore score = InputScore.of(network, reference, data, outputs);
    InputCheck check = new InputCheck(data.description(), data.scale().toString(), encoded.length, engine,
        comparisons, comparedOutputs(hw), true, null, seconds(start), score.agreement(), score.accuracy());
    progress.accept(String.format(Locale.ROOT, "verified on %s: %,d inputs from %s streamed through the hardware"
        + " with source gaps %.2f and sink stalls %.2f, every output bit-exact against the golden model, in %.1f s",
        engine, encoded.length, data.description(), options.gaps(), options.stalls(), check.seconds()));
    if (check.reference() != null) {
      progress.accept("  " + check.reference().describe());
    }
    if (check.accuracy() != null) {
      progress.accept(check.accuracy().describe());
    }
    return check;
  }

  /** The values of each output beat the co-simulation compares: the class and its scores, or the values. */
  private static List<String> comparedOutputs(DataflowHardware hw) {
    return hw.classifies() ? List.of("y", "scores") : List.of("out");
  }

  private Synthesis synthesize(Target target, DesignFiles design) {
    if (!Tool.YOSYS.isAvailable()) {
      return new Synthesis(target.id(), Synthesis.Status.SKIPPED, null, Tool.YOSYS.problem().orElseThrow());
    }
    progress.accept("synthesizing for " + target.id() + " ...");
    try {
      FlowReport flow = SynthesisFlows.run(target, design, options.flowOptions());
      progress.accept(target.id() + ": " + flow.resources());
      return new Synthesis(target.id(), Synthesis.Status.COMPLETED, flow, null);
    } catch (RuntimeException e) {
      progress.accept(target.id() + ": FAILED: " + e.getMessage());
      return new Synthesis(target.id(), Synthesis.Status.FAILED, null, e.getMessage());
    }
  }

  private static StagedFolder stage(Path target) {
    StagedFolder.deleteLeftovers(target);
    return StagedFolder.create(target);
  }

  private static String lowerCase(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
