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
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Builds a network as a streaming dataflow pipeline ({@link DataflowGenerator}) into verified hardware: write the
 * SystemVerilog and the folding, co-simulate the streams against the golden model on corner and random frames
 * with random pauses of the source and the sink, measure the cycles a run without pauses takes against the
 * schedule, stream the user's inputs (if given) through the verified hardware for its accuracy beside the model's
 * reference executor's, and synthesize for the targets asked for. The folder {@code out/<top>} is written aside
 * and renamed into place only when everything passed, as {@link NetworkBuild} does; a failed build goes to
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
    ReferenceTally tally = reference == null ? null : new ReferenceTally(network, reference);
    Streamed streamed = stream(hw, golden, new InputVectors(network, options.frames(), options.seed()).iterator(),
        "frames", (frame, output) -> {
          if (tally != null) {
            network.inputEncoding().values(frame).ifPresent(x -> tally.add(x, network.outputDecoding().decode(output)));
          }
        });
    if (streamed.mismatch() != null) {
      return new Verification(engine, streamed.frames(), options.gaps(), options.stalls(), options.seed(),
          streamed.comparisons(), false, streamed.mismatch(), 0, 0, 0, seconds(start), null);
    }
    ReferenceAgreement agreement = tally == null ? null : tally.result();
    List<long[]> paced = new ArrayList<>();
    for (Iterator<BigInteger> it = new InputVectors(network, options.frames(), options.seed()).iterator();
        it.hasNext() && paced.size() < PACED_FRAMES; ) {
      paced.add(VectorPorts.unpack(it.next(), network.inputs(), network.inputType()));
    }
    CoSimulation.Report run = DataflowStreams.check(hw, golden, paced, options.engine(), 0, 0, options.seed()).report();
    return new Verification(engine, streamed.frames(), options.gaps(), options.stalls(), options.seed(),
        streamed.comparisons(), true, null, paced.size(), run.cycles(), hw.cycles(paced.size()), seconds(start),
        agreement != null && agreement.inputs() > 0 ? agreement : null);
  }

  /** The given inputs streamed through the hardware, then its outputs against the reference executor and labels. */
  private InputCheck checkInputs(InputData data, BigInteger[] encoded, DataflowHardware hw) {
    String engine = lowerCase(options.engine());
    progress.accept(String.format(Locale.ROOT, "streaming %,d inputs from %s through the hardware ...",
        encoded.length, data.description()));
    long start = System.nanoTime();
    List<long[]> outputs = new ArrayList<>(encoded.length);
    Streamed streamed = stream(hw, new GoldenModel(network), Arrays.asList(encoded).iterator(), "inputs",
        (frame, output) -> outputs.add(output));
    if (streamed.mismatch() != null) {
      InputCheck failed = new InputCheck(data.description(), data.scale().toString(), encoded.length, engine,
          streamed.comparisons(), List.of(), false, streamed.mismatch(), seconds(start), null, null);
      progress.accept("MISMATCH on " + data.description() + ": " + failed.mismatch());
      return failed;
    }
    InputScore score = InputScore.of(network, reference, data, outputs.toArray(long[][]::new));
    InputCheck check = new InputCheck(data.description(), data.scale().toString(), encoded.length, engine,
        streamed.comparisons(), comparedOutputs(hw), true, null, seconds(start), score.agreement(), score.accuracy());
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

  /** Frames streamed through the hardware until the first mismatch (null when there was none). */
  private record Streamed(long frames, long comparisons, String mismatch) {}

  /**
   * Streams the raw frames of {@code source} through {@code hw} with the build's pauses, {@link #CHUNK_FRAMES} to a
   * co-simulation; each bit-exact frame and its output (the golden model's, which the hardware matched) go to
   * {@code passed}. {@code noun} names the frames in a mismatch's place.
   */
  private Streamed stream(DataflowHardware hw, GoldenModel golden, Iterator<BigInteger> source, String noun,
      BiConsumer<long[], long[]> passed) {
    long comparisons = 0;
    long done = 0;
    for (int chunk = 0; source.hasNext(); chunk++) {
      List<long[]> frames = new ArrayList<>();
      while (source.hasNext() && frames.size() < CHUNK_FRAMES) {
        frames.add(VectorPorts.unpack(source.next(), network.inputs(), network.inputType()));
      }
      DataflowStreams.Streamed run;
      try {
        run = DataflowStreams.check(hw, golden, frames, options.engine(), options.gaps(), options.stalls(),
            options.seed() + chunk);
      } catch (CoSimulationMismatch mismatch) {
        String where = String.format(Locale.ROOT, "in %s %,d..%,d: ", noun, done + 1, done + frames.size());
        return new Streamed(done, comparisons, where + mismatch.getMessage());
      }
      comparisons += run.report().comparisons();
      for (int k = 0; k < frames.size(); k++) {
        passed.accept(frames.get(k), run.outputs().get(k));
      }
      done += frames.size();
    }
    return new Streamed(done, comparisons, null);
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
