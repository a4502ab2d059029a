package dev.gatewright.bench;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.synth.SynthesisFlows;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.data.Idx;
import dev.gatewright.nn.data.NumericArray;
import dev.gatewright.nn.dataflow.DataflowGenerator;
import dev.gatewright.nn.dataflow.DataflowHardware;
import dev.gatewright.nn.dataflow.DataflowPlanner;
import dev.gatewright.nn.dataflow.Folding;
import dev.gatewright.nn.dataflow.FoldingSearch;
import dev.gatewright.nn.dataflow.MvauStage;
import dev.gatewright.nn.dataflow.PipelineSchedule;
import dev.gatewright.nn.imports.ImportedModel;
import dev.gatewright.nn.imports.ModelImport;
import dev.gatewright.nn.reference.OnnxReference;
import dev.gatewright.pipeline.DataflowStreams;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code gatewright bench dataflow}: MNIST classifiers as dataflow pipelines at several folding points — fully
 * parallel, and folded for targets {@code s} times slower — each co-simulated on every digit (Java engine,
 * random pauses on both streams, every class and score compared with the golden model), the hardware's class
 * compared digit for digit with the reference executor's, the measured cycles per frame with the schedule's, and
 * synthesized for XC7 (LUT, FF, BRAM) and iCE40 (logic cells, the design behind {@link StreamPins}).
 */
public final class DataflowBench {

  /** A model and the factor its digits (0..255) are scaled by before it takes them. */
  public record Model(Path file, double inputScale) {
    public Model {
      Objects.requireNonNull(file, "file");
    }
  }

  /** FINN's published SFC-max point (Umuroglu et al. 2017, ZC706 at 200 MHz). */
  static final String FINN_SFC_MAX = "FINN SFC-max: 12.3 M images/s, 0.31 us, 91,131 LUTs";

  private final List<Model> models;
  private final Path images;
  private final Path labels;
  private final int digits;
  private final List<Integer> slowdowns;
  private final double clockMhz;
  private final double stalls;
  private final List<Target> targets;
  private final FlowOptions flow;

  public DataflowBench(List<Model> models, Path images, Path labels, int digits, List<Integer> slowdowns,
      double clockMhz, double stalls, List<Target> targets, FlowOptions flow) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("--model: give at least one model");
    }
    if (digits < 2) {
      throw new IllegalArgumentException("--digits must be at least 2, not " + digits);
    }
    if (slowdowns.isEmpty() || slowdowns.stream().anyMatch(s -> s < 1)) {
      throw new IllegalArgumentException("--slowdown: factors must be at least 1, not " + slowdowns);
    }
    if (!(clockMhz > 0)) {
      throw new IllegalArgumentException("--clock-mhz must be positive, not " + clockMhz);
    }
    if (!(stalls >= 0 && stalls < 1)) {
      throw new IllegalArgumentException("--stalls must be a probability in [0, 1), not " + stalls);
    }
    this.models = List.copyOf(models);
    this.images = images;
    this.labels = labels;
    this.digits = digits;
    this.slowdowns = List.copyOf(slowdowns);
    this.clockMhz = clockMhz;
    this.stalls = stalls;
    this.targets = List.copyOf(targets);
    this.flow = flow;
  }

  private record Row(String model, String point, String folding, long cyclesPerFrame, long measuredCyclesPerFrame,
      long latency, List<Integer> fifos, int digits, int correct, int referenceCorrect, int agree, double simSeconds,
      String xc7, String ice40) {}

  /** Runs every model at every point, progress and the table on {@code out}; returns the exit code. */
  public int run(PrintStream out) {
    NumericArray pixels = Idx.read(images);
    NumericArray classes = Idx.read(labels);
    int n = Math.min(digits, pixels.samples());
    List<Row> rows = new ArrayList<>();
    boolean ok = true;
    for (Model model : models) {
      ImportedModel imported = ModelImport.read(model.file());
      Network network = imported.network();
      OnnxReference reference = OnnxReference.load(model.file());
      GoldenModel golden = new GoldenModel(network);
      List<long[]> frames = new ArrayList<>();
      int[] referenceClass = new int[n];
      for (int k = 0; k < n; k++) {
        double[] x = pixels.sample(k);
        for (int i = 0; i < x.length; i++) {
          x[i] *= model.inputScale();
        }
        frames.add(imported.input().encode(x));
        referenceClass[k] = classOf(reference.infer(x));
      }
      String name = model.file().getFileName().toString();
      long fastest = PipelineSchedule.slowest(DataflowPlanner.plan(network, Folding.fullyParallel(network)));
      for (int s : slowdowns) {
        Folding folding = s == 1 ? Folding.fullyParallel(network) : FoldingSearch.forCycles(network, fastest * s);
        String point = s == 1 ? "fully parallel" : s + "x slower";
        out.printf(Locale.ROOT, "[%s] %s, %s: building ...%n", java.time.LocalTime.now().withNano(0), name, point);
        DataflowHardware hw = new DataflowGenerator(network, folding).build();
        long start = System.nanoTime();
        int correct = 0;
        int referenceCorrect = 0;
        int agree = 0;
        for (int from = 0; from < n; from += 1000) {
          List<long[]> chunk = frames.subList(from, Math.min(n, from + 1000));
          List<long[]> outputs = DataflowStreams.check(hw, golden, chunk, Engine.JAVA, stalls, stalls, from + 1)
              .outputs();
          for (int k = from; k < from + chunk.size(); k++) {
            // the co-simulation passed: the hardware sent exactly the golden model's class and scores
            int hardware = classOf(imported.output().decode(outputs.get(k - from)));
            correct += hardware == (int) classes.data()[k] ? 1 : 0;
            referenceCorrect += referenceClass[k] == (int) classes.data()[k] ? 1 : 0;
            agree += hardware == referenceClass[k] ? 1 : 0;
          }
        }
        int paced = Math.min(n, 500);
        CoSimulation.Report one = DataflowStreams.check(hw, golden, frames.subList(0, 1), Engine.JAVA, 0, 0, 1)
            .report();
        CoSimulation.Report many = DataflowStreams.check(hw, golden, frames.subList(0, paced), Engine.JAVA, 0, 0, 1)
            .report();
        double simSeconds = (System.nanoTime() - start) / 1e9;
        long measured = (many.cycles() - one.cycles()) / (paced - 1);
        boolean onSchedule = measured == hw.schedule().cyclesPerFrame() && many.cycles() == hw.cycles(paced);
        ok &= onSchedule && agree == n;
        out.printf(Locale.ROOT, "  %d digits bit-exact under %.0f%% stalls on both streams; %d/%d agree with the"
            + " reference; %,d cycles per frame measured, %,d scheduled%s (%.1f s)%n", n, 100 * stalls, agree, n,
            measured, hw.schedule().cyclesPerFrame(), onSchedule ? "" : " MISMATCH", simSeconds);
        String tag = name.replaceAll("[^A-Za-z0-9]", "_") + "_" + s;
        String xc7 = targets.contains(Target.XC7) ? xc7(hw.top(), tag, out) : "-";
        String ice40 = targets.contains(Target.ICE40) ? ice40(hw.top(), tag, out) : "-";
        rows.add(new Row(name, point, foldings(hw), hw.schedule().cyclesPerFrame(), measured, hw.schedule().latency(),
            hw.schedule().fifoDepths(), n, correct, referenceCorrect, agree, simSeconds, xc7, ice40));
      }
    }
    out.println();
    out.println(table(rows));
    out.println(FINN_SFC_MAX + "; SFC has three 256-neuron layers where TFC has three of 64.");
    return ok ? 0 : 1;
  }

  private static int classOf(double[] output) {
    if (output.length == 1) {
      return (int) output[0];
    }
    int best = 0;
    for (int c = 1; c < output.length; c++) {
      if (output[c] > output[best]) {
        best = c;
      }
    }
    return best;
  }

  private static String foldings(DataflowHardware hw) {
    return hw.stages().stream().filter(s -> s instanceof MvauStage).map(s -> (MvauStage) s)
        .map(m -> m.pe() + "x" + m.simd()).collect(Collectors.joining(" "));
  }

  private String table(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-20s %-15s %-28s %8s %8s %12s %9s %8s %-16s %9s %9s %7s %-30s %-20s%n",
        "model", "point", "MVAU PE x SIMD", "cyc/frm", "measured", "frames/s", "lat cyc", "lat us", "FIFO depths",
        "accuracy", "reference", "agree", "xc7 LUT/FF/BRAM", "iCE40 LC"));
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "%-20s %-15s %-28s %,8d %,8d %,12.0f %,9d %8.3f %-16s %8.2f%% %8.2f%% %7s"
          + " %-30s %-20s%n", r.model(), r.point(), r.folding(), r.cyclesPerFrame(), r.measuredCyclesPerFrame(),
          clockMhz * 1e6 / r.cyclesPerFrame(), r.latency(), r.latency() / clockMhz,
          r.fifos().toString().replace(" ", ""), 100.0 * r.correct() / r.digits(),
          100.0 * r.referenceCorrect() / r.digits(), r.agree() + "/" + r.digits(), r.xc7(), r.ice40()));
    }
    b.append(String.format(Locale.ROOT, "(frames/s and us at %.6g MHz; accuracy on %d MNIST test digits)", clockMhz,
        rows.isEmpty() ? 0 : rows.get(0).digits()));
    return b.toString();
  }

  private String xc7(Component<?> top, String tag, PrintStream out) {
    try {
      FlowReport r = SynthesisFlows.run(Target.XC7, emit(top, tag), flow);
      long bram = r.resource(FlowReport.RAMB18E1) + 2 * r.resource(FlowReport.RAMB36E1);
      String text = String.format(Locale.ROOT, "%,d/%,d/%d", r.resource(FlowReport.LUT), r.resource(FlowReport.FF),
          bram);
      out.println("  xc7 (LUT/FF/BRAM18): " + text);
      return text;
    } catch (RuntimeException e) {
      out.println("  xc7 failed: " + e.getMessage());
      return "failed";
    }
  }

  private String ice40(Component<?> top, String tag, PrintStream out) {
    @SuppressWarnings("unchecked")
    Component<Void> pins = StreamPins.wrap((Component<? extends dev.gatewright.nn.dataflow.StageIo<?>>) top, 16);
    try {
      FlowReport r = SynthesisFlows.run(Target.ICE40, emit(pins, tag + "_pins"), flow);
      String text = String.format(Locale.ROOT, "%,d LC, %d RAM", r.resource(FlowReport.ICESTORM_LC),
          r.resource(FlowReport.ICESTORM_RAM));
      out.println("  ice40: " + text);
      return text;
    } catch (RuntimeException e) {
      Matcher folder = Pattern.compile("run folder (\\S+?)\\)").matcher(String.valueOf(e.getMessage()));
      if (folder.find()) {
        try {
          String log = java.nio.file.Files.readString(Path.of(folder.group(1)).resolve("nextpnr.log"));
          Matcher lc = Pattern.compile("ICESTORM_LC:\\s*(\\d+)/\\s*(\\d+)").matcher(log);
          Matcher ram = Pattern.compile("ICESTORM_RAM:\\s*(\\d+)/\\s*(\\d+)").matcher(log);
          if (lc.find() && ram.find()) {
            String text = String.format(Locale.ROOT, "%,d/%,d LC, %d/%d RAM: no fit", Long.parseLong(lc.group(1)),
                Long.parseLong(lc.group(2)), Long.parseLong(ram.group(1)), Long.parseLong(ram.group(2)));
            out.println("  ice40 does not fit: " + text);
            return text;
          }
        } catch (java.io.IOException | RuntimeException ignored) {
          // no nextpnr log: report the failure as it is
        }
      }
      out.println("  ice40 failed: " + e.getMessage());
      return "failed";
    }
  }

  private DesignFiles emit(Component<?> module, String tag) {
    Path folder = flow.runsRoot().resolve("designs").resolve(tag);
    EmittedDesign emitted = SystemVerilog.write(module, folder);
    return DesignFiles.fromFileList(folder.resolve(emitted.fileListName()), emitted.top());
  }
}
