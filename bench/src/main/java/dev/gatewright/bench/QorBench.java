package dev.gatewright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Ice40Device;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.synth.SynthesisFlows;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.MultiplierStyle;
import dev.gatewright.nn.hw.Summation;
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.hw.NetworkIo;
import dev.gatewright.nn.timing.ClockTarget;
import dev.gatewright.pipeline.BuildListener;
import dev.gatewright.pipeline.NetworkBuild;
import dev.gatewright.pipeline.NetworkBuildOptions;
import dev.gatewright.pipeline.NetworkBuildReport;
import dev.gatewright.sim.Engine;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quality of results per arithmetic style: every model in every style ({@code dsp}: plain {@code *},
 * {@code csd}: shift-add per weight, {@code adder-graph}: one shared adder graph per layer), pipelined
 * for the clock on each target's delay model, verified bit-exact (class and scores) and synthesized:
 * xc7 LUT/FF/DSP/CARRY4 (Yosys), iCE40 logic cells and whether they fit an HX8K and an UP5K with the
 * routed Fmax where they do, SKY130 area and OpenSTA's Fmax beside ABC's. The size of each line is
 * divided by that of the {@code dsp} and {@code csd} lines of the same model and target in the same run.
 *
 * <p>An iCE40 package has a few hundred pins and a network more input bits, so for iCE40 the network is
 * wrapped as {@code bench synth} does (inputs shifted in 16 bits a clock, outputs registered and
 * XOR-folded); the wrapper's few hundred cells are in the count. A design too big for the HX8K stops at
 * nextpnr's packer, which says how many logic cells it needs; the UP5K is tried only when that fits.
 *
 * <p>Runs take minutes each (Yosys {@code synth_xilinx} on the jet MLP about 2.5 on an idle core); up to
 * {@link FlowOptions#jobs()} lines run at once, the rows keep their order. The results go to {@code
 * <runs>/qor/report.json} and a table on {@code out}.
 */
public final class QorBench {

  /** The file under the runs folder that receives the rows. */
  public static final String REPORT = "qor/report.json";

  /** The styles by the names {@code --multiplier} takes, the naive one first. */
  public static final List<String> STYLES = List.of("dsp", "csd", "adder-graph");

  private final List<QorModel> models;
  private final List<MultiplierStyle> styles;
  private final List<Target> targets;
  private final long vectors;
  private final Engine engine;
  private final FlowOptions options;
  private final Summation summation;

  /**
   * @param models the networks to build
   * @param styles the arithmetic styles, each by its {@code --multiplier} name
   * @param targets xc7, ice40, sky130
   * @param vectors random vectors each line is verified on (besides the corner cases)
   * @param engine the co-simulation engine
   * @param options the flows' options: the clock (also the one registers are placed for), the runs
   *     folder, the PDK, timeouts
   */
  public QorBench(List<QorModel> models, List<String> styles, List<Target> targets, long vectors, Engine engine,
      FlowOptions options) {
    this(models, styles, targets, vectors, engine, options, Summation.ADDER_TREE);
  }

  /** As above, the shared adder graph's outputs summed as {@code summation} says. */
  public QorBench(List<QorModel> models, List<String> styles, List<Target> targets, long vectors, Engine engine,
      FlowOptions options, Summation summation) {
    this.summation = Objects.requireNonNull(summation, "summation");
    if (models.isEmpty() || styles.isEmpty() || targets.isEmpty()) {
      throw new IllegalArgumentException("bench qor needs at least one model, one style and one target");
    }
    for (Target target : targets) {
      if (target == Target.INTEL) {
        throw new IllegalArgumentException("--target: bench qor runs xc7, ice40 and sky130, not intel (Quartus"
            + " is not open)");
      }
    }
    List<MultiplierStyle> parsed = new ArrayList<>();
    for (String style : styles) {
      parsed.add(style(style));
    }
    this.models = List.copyOf(models);
    this.styles = List.copyOf(parsed);
    this.targets = List.copyOf(targets);
    this.vectors = vectors;
    this.engine = Objects.requireNonNull(engine, "engine");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A style by its {@code --multiplier} name ({@code adder-graph}, {@code csd}, {@code dsp}). */
  public static MultiplierStyle style(String name) {
    for (MultiplierStyle style : MultiplierStyle.values()) {
      if (spelled(style).equals(name.strip().toLowerCase(Locale.ROOT).replace('_', '-'))) {
        return style;
      }
    }
    throw new IllegalArgumentException("--style: unknown arithmetic style '" + name + "'; expected one of " + STYLES);
  }

  /** A line's style: the arithmetic, and the summation where the adder graph's is not a tree of adders. */
  private String lineStyle(MultiplierStyle style) {
    return style == MultiplierStyle.ADDER_GRAPH && summation.compresses() ? spelled(style) + "+" + summation.id()
        : spelled(style);
  }

  static String spelled(MultiplierStyle style) {
    return style.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Runs every line, progress on {@code log}; prints the table on {@code out} and returns the rows. */
  public List<QorRow> run(PrintStream out, PrintStream log) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.jobs()));
    List<Future<QorRow>> lines = new ArrayList<>();
    for (QorModel model : models) {
      for (Target target : targets) {
        for (MultiplierStyle style : styles) {
          lines.add(pool.submit(() -> line(model, style, target, log)));
        }
      }
    }
    List<QorRow> rows = new ArrayList<>();
    try {
      for (Future<QorRow> line : lines) {
        rows.add(line.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bench qor was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    rows = withRatios(rows);
    Path report = options.runsRoot().resolve(REPORT);
    AtomicFiles.writeString(report, json(rows));
    out.println();
    out.println(table(rows));
    out.println("rows: " + report);
    return rows;
  }

  private QorRow line(QorModel model, MultiplierStyle style, Target target, PrintStream log) {
    long start = System.nanoTime();
    String name = model.id() + "-" + lineStyle(style) + "-" + target.id();
    log.printf(Locale.ROOT, "[%s] %s: %s ...%n", LocalTime.now().withNano(0), name, model.source());
    DenseOptions hardware = DenseOptions.defaults().withMultiplier(style).withSummation(summation)
        .withClock(ClockTarget.of(target.id(), options.clockMhz()));
    boolean ice40 = target == Target.ICE40;
    NetworkBuildOptions build = NetworkBuildOptions.builder(options.runsRoot().resolve("qor").resolve(name))
        .hardware(hardware).vectors(vectors).engine(engine).flowOptions(options)
        .synthesis(ice40 ? List.of() : List.of(target)).build();
    NetworkBuildReport report = NetworkBuild.run(model.network(), build, BuildListener.SILENT);
    NetworkBuildReport.Pipeline pipeline = report.cost() == null ? null : report.cost().pipeline();
    FlowReport flow = null;
    String failure = null;
    Boolean hx8k = null;
    Boolean up5k = null;
    Long cells = null;
    if (!report.verification().bitExact()) {
      failure = "not bit-exact: " + report.verification().mismatch();
    } else if (ice40) {
      Ice40Fit fit = ice40(model.network(), hardware, name, log);
      flow = fit.flow();
      failure = fit.failure();
      hx8k = fit.hx8k();
      up5k = fit.up5k();
      cells = fit.cells();
    } else {
      NetworkBuildReport.Synthesis synthesis = report.synthesis().get(0);
      flow = synthesis.flow();
      failure = synthesis.message() == null ? null : synthesis.message().lines().findFirst().orElse("");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    QorRow row = new QorRow(model.id(), lineStyle(style), target.id(), options.clockMhz(),
        pipeline == null ? report.cost() == null ? -1 : report.cost().latencyCycles() : pipeline.latencyCycles(),
        pipeline == null || pipeline.latencyNs() == null ? Double.NaN : pipeline.latencyNs(),
        pipeline == null ? 0 : pipeline.registerBits(), pipeline == null ? 0 : pipeline.adders(),
        pipeline == null ? 0 : pipeline.adderCells(), pipeline == null ? 0 : pipeline.products(),
        report.verification().bitExact(), flow, failure, hx8k, up5k, cells, null, null, seconds);
    log.printf(Locale.ROOT, "[%s]   %s in %.0f s%s%n", LocalTime.now().withNano(0), failure == null ? "done" : "failed",
        seconds, failure == null ? "" : ": " + failure);
    return row;
  }

  /** What iCE40 said: the HX8K run (and the UP5K run where the HX8K fit), or how many cells were needed. */
  private record Ice40Fit(FlowReport flow, String failure, Boolean hx8k, Boolean up5k, Long cells) {}

  private static final Pattern NEEDS_CELLS = Pattern.compile("ICESTORM_LC:\\s*(\\d+)/\\s*(\\d+)");
  private static final long UP5K_CELLS = 5280;

  private Ice40Fit ice40(Network network, DenseOptions hardware, String name, PrintStream log) {
    Component<NetworkIo> core = new NetworkGenerator(network, hardware).build().module();
    Component<?> wrapped = SynthBench.serializedNetwork(core, network.inputs() * network.inputType().width(), 16);
    Path folder = options.runsRoot().resolve("qor").resolve(name + "-serial");
    EmittedDesign emitted = SystemVerilog.write(wrapped, folder);
    DesignFiles files = DesignFiles.fromFileList(folder.resolve(emitted.fileListName()), emitted.top());
    Attempt hx8k = place(files, Ice40Device.HX8K_CT256);
    if (hx8k.report() == null) {
      return new Ice40Fit(null, hx8k.cells() == null ? hx8k.failure() : null, hx8k.cells() == null ? null : false,
          hx8k.cells() == null ? null : false, hx8k.cells());
    }
    long cells = hx8k.report().resource(FlowReport.ICESTORM_LC);
    if (cells > UP5K_CELLS) {
      return new Ice40Fit(hx8k.report(), null, true, false, cells);
    }
    log.printf(Locale.ROOT, "[%s]   %,d logic cells: the UP5K too ...%n", LocalTime.now().withNano(0), cells);
    Attempt up5k = place(files, Ice40Device.UP5K_SG48);
    return new Ice40Fit(hx8k.report(), up5k.report() != null || up5k.cells() != null ? null : up5k.failure(), true,
        up5k.report() != null, cells);
  }

  /** A place-and-route attempt: its report, else the cells nextpnr said the design needs, else why it failed. */
  private record Attempt(FlowReport report, Long cells, String failure) {}

  private Attempt place(DesignFiles files, Ice40Device device) {
    try {
      return new Attempt(SynthesisFlows.run(Target.ICE40, files, options.toBuilder().ice40Device(device).build()),
          null, null);
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      Matcher folder = Pattern.compile("run folder (\\S+?)\\)").matcher(message);
      if (folder.find()) {
        try {
          Matcher use = NEEDS_CELLS.matcher(Files.readString(Path.of(folder.group(1)).resolve("nextpnr.log")));
          if (use.find() && Long.parseLong(use.group(1)) > Long.parseLong(use.group(2))) {
            return new Attempt(null, Long.parseLong(use.group(1)), null);
          }
        } catch (IOException | RuntimeException ignored) {
          // no nextpnr log: the message says what failed
        }
      }
      return new Attempt(null, null, message.lines().limit(3).reduce((a, b) -> a + " / " + b).orElse(""));
    }
  }

  /** The rows with each size divided by the dsp and csd lines' of the same model and target. */
  static List<QorRow> withRatios(List<QorRow> rows) {
    List<QorRow> result = new ArrayList<>();
    for (QorRow row : rows) {
      result.add(row.withRatios(ratio(row, rows, "dsp"), ratio(row, rows, "csd")));
    }
    return result;
  }

  private static Double ratio(QorRow row, List<QorRow> rows, String baseline) {
    Double size = row.size();
    if (size == null) {
      return null;
    }
    return rows.stream().filter(r -> r.model().equals(row.model()) && r.target().equals(row.target())
            && r.style().equals(baseline)).map(QorRow::size).filter(s -> s != null && s > 0)
        .map(s -> size / s).findFirst().orElse(null);
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(new SimpleModule("qor").addSerializer(Path.class, new ToStringSerializer(Path.class))
          .addSerializer(FlowReport.class, new com.fasterxml.jackson.databind.JsonSerializer<>() {
            @Override
            public void serialize(FlowReport report, com.fasterxml.jackson.core.JsonGenerator generator,
                com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
              generator.writeTree(new ObjectMapper().readTree(report.toJson()));
            }
          }));

  static String json(List<QorRow> rows) {
    try {
      return JSON.writeValueAsString(java.util.Map.of("format", "gatewright-qor/1", "rows", rows)) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the rows as JSON", e);
    }
  }

  /** The rows as a Markdown table. */
  static String table(List<QorRow> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| model | style | target | MHz | cycles | latency ns | pipeline FF | adders | adder bits "
        + "| LUT / LC | FF | DSP | CARRY4 | HX8K | UP5K | Fmax MHz | ABC Fmax MHz | area µm² | ×dsp | ×csd "
        + "| bit-exact | s |\n");
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---|---:|\n");
    for (QorRow row : rows) {
      FlowReport r = row.flow();
      String lut = "";
      String ff = "";
      String dsp = "";
      String carry = "";
      String fmax = "";
      String abc = "";
      String area = "";
      if (r != null) {
        ff = count(r.resource(row.target().equals("sky130") ? FlowReport.FLIP_FLOPS : FlowReport.FF));
        fmax = number(r.measure(FlowReport.FMAX_MHZ).stream().boxed().findFirst().orElse(null), "%.1f");
        switch (r.target()) {
          case XC7 -> {
            lut = count(r.resource(FlowReport.LUT));
            dsp = count(r.resource(FlowReport.DSP48E1));
            carry = count(r.resource(FlowReport.CARRY4));
          }
          case ICE40 -> {
            lut = count(r.resource(FlowReport.ICESTORM_LC));
            dsp = count(r.resource(FlowReport.ICESTORM_DSP));
          }
          case SKY130 -> {
            abc = number(r.measure(FlowReport.ABC_FMAX_MHZ).stream().boxed().findFirst().orElse(null), "%.1f");
            area = number(r.measure(FlowReport.AREA_UM2).stream().boxed().findFirst().orElse(null), "%,.0f");
          }
          default -> { }
        }
      } else if (row.logicCells() != null) {
        lut = count(row.logicCells());
      }
      String failure = row.failure() == null ? "" : " (failed: " + row.failure().replace('|', '/') + ")";
      out.append(String.join(" | ", "| " + row.model(), row.style(), row.target() + failure,
          number(row.clockMhz(), "%.1f"), String.valueOf(row.latencyCycles()), number(row.latencyNs(), "%.1f"),
          count(row.registerBits()), count(row.adders()), count(row.adderBits()), lut, ff, dsp, carry,
          yesNo(row.fitsHx8k()), yesNo(row.fitsUp5k()), fmax, abc, area, number(row.lutRatioToDsp(), "%.2f"),
          number(row.lutRatioToCsd(), "%.2f"), row.bitExact() ? "yes" : "NO", number(row.seconds(), "%.0f")))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String yesNo(Boolean value) {
    return value == null ? "" : value ? "yes" : "no";
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String number(Double value, String format) {
    return value == null || value.isNaN() ? "" : String.format(Locale.ROOT, format, value);
  }
}
