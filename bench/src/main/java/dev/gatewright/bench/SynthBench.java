package dev.gatewright.bench;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.synth.SynthesisFlows;
import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.Vec;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.DenseGenerator;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.LayerIo;
import dev.gatewright.nn.hw.NetworkIo;
import dev.gatewright.nn.hw.MultiplierStyle;
import dev.gatewright.nn.hw.NetworkGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Synthesizes the jet-tagging MLP at three design points (6-bit weights 50 % pruned with CSD shift-add
 * or with {@code *} multipliers, 16-bit dense with CSD) on xc7, iCE40 and SKY130 and prints one table.
 *
 * <p>xc7 and SKY130 take the whole network out of context. An iCE40 package has a few hundred pins and
 * a layer has hundreds of input bits, so for iCE40 each design is wrapped ({@link #serialized}): inputs
 * shift in 16 bits a clock, outputs are registered and XOR-folded into 16 bits, so every path nextpnr
 * times is register to register. When the network does not fit, its dense layers are tried from the
 * smallest up and the largest that fits is reported.
 *
 * <p>Each run takes minutes (Yosys {@code synth_xilinx} on the MLP about 2.5); run it in the background:
 * {@code ./gatewright bench synth --target sky130 --point 16b-csd --hierarchical}.
 */
public final class SynthBench {

  /** The design points by id: {@code 6b-csd}, {@code 6b-dsp}, {@code 16b-csd}. */
  public static final List<String> POINT_IDS = List.of("6b-csd", "6b-dsp", "16b-csd");

  private final List<String> points;
  private final List<Target> targets;
  private final boolean ice40Whole;
  private final FlowOptions options;

  /**
   * The design points {@code points} (of {@link #POINT_IDS}) on {@code targets} (xc7, ice40, sky130);
   * {@code ice40Whole}: try the whole network on iCE40 before its layers (it takes minutes to find
   * that the 6-bit pruned MLP needs 11x the LCs of an HX8K).
   */
  public SynthBench(List<String> points, List<Target> targets, boolean ice40Whole, FlowOptions options) {
    for (String id : points) {
      if (!POINT_IDS.contains(id)) {
        throw new IllegalArgumentException("--point: unknown design point '" + id + "'; expected one of " + POINT_IDS);
      }
    }
    if (targets.contains(Target.INTEL)) {
      throw new IllegalArgumentException("--target: the synthesis benchmark runs xc7, ice40 and sky130, not intel");
    }
    this.points = List.copyOf(points);
    this.targets = List.copyOf(targets);
    this.ice40Whole = ice40Whole;
    this.options = options;
  }

  /** A design point of the jet tagger. */
  record Point(String id, int weightBits, double pruned, MultiplierStyle style) {
    Network network() {
      return JetTagger.network(JetTagger.DEMO_WEIGHT_SEED, weightBits, pruned,
          JetTagger.PruningMethod.MAGNITUDE);
    }

    DenseOptions options() {
      return DenseOptions.defaults().withMultiplier(style);
    }
  }

  private static final List<Point> POINTS = List.of(
      new Point("6b-csd", 6, 0.5, MultiplierStyle.CSD),
      new Point("6b-dsp", 6, 0.5, MultiplierStyle.DSP),
      new Point("16b-csd", 16, 0, MultiplierStyle.CSD));

  /** One row of the result table. */
  private record Row(String point, String design, FlowReport report, String failure) {}

  /** Runs every point on every target, progress on {@code log}, the table on {@code out}; returns the exit code. */
  public int run(PrintStream out, PrintStream log) {
    List<Row> rows = new ArrayList<>();
    for (String id : points) {
      Point point = POINTS.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
      Network network = point.network();
      for (Target target : targets) {
        if (target == Target.ICE40) {
          rows.addAll(ice40(point, network, options, log));
        } else {
          Component<?> module = new NetworkGenerator(network, point.options()).build().module();
          rows.add(run(point, "network", target, emit(module, point, options), options, log));
          print(rows.get(rows.size() - 1), log);
        }
      }
    }
    out.println();
    out.println(table(rows));
    return 0;
  }

  /** The whole network on iCE40, else its dense layers from the smallest up until one does not fit. */
  private List<Row> ice40(Point point, Network network, FlowOptions options, PrintStream log) {
    List<Row> rows = new ArrayList<>();
    if (ice40Whole) {
      Component<NetworkIo> whole = new NetworkGenerator(network, point.options()).build().module();
      int inputBits = network.inputs() * network.inputType().width();
      Row full = run(point, "network (serial I/O)", Target.ICE40,
          emit(serializedNetwork(whole, inputBits, 16), point, options), options, log);
      rows.add(full);
      print(full, log);
      if (full.failure() == null) {
        return rows;
      }
    }
    List<Dense> layers = new ArrayList<>(network.denseLayers());
    layers.sort(Comparator.comparingLong(SynthBench::nonzero));
    for (Dense dense : layers) {
      Component<LayerIo> layer = new DenseGenerator(dense, point.options()).build().module();
      Row row = run(point, "layer " + dense.name() + " " + dense.inputs() + "x" + dense.outputs() + ", "
          + nonzero(dense) + " weights (serial I/O)", Target.ICE40,
          emit(serialized(layer, dense.inputs() * dense.inputType().width(), 16), point, options), options, log);
      rows.add(row);
      print(row, log);
      if (row.failure() != null) {
        break;
      }
    }
    return rows;
  }

  private static long nonzero(Dense dense) {
    long count = 0;
    for (int o = 0; o < dense.outputs(); o++) {
      for (int i = 0; i < dense.inputs(); i++) {
        count += dense.weight(o, i) != 0 ? 1 : 0;
      }
    }
    return count;
  }

  /**
   * Wraps a core with ports {@code in_valid, x, out_valid, y} so that it needs few pins: {@code x} is
   * a shift register fed {@code word} bits a clock from {@code din}; {@code y} is registered and its
   * {@code word}-bit slices XORed into {@code dout}, so no output bit can be optimized away.
   */
  static Component<Void> serialized(Component<LayerIo> core, int inputBits, int word) {
    return serialized(core, io -> io.inValid, io -> io.x, io -> io.outValid, io -> io.y, inputBits, word);
  }

  static Component<Void> serializedNetwork(Component<NetworkIo> core, int inputBits, int word) {
    return serialized(core, io -> io.inValid, io -> io.x, io -> io.outValid, io -> io.y, inputBits, word);
  }

  static <B extends Bundle> Component<Void> serialized(Component<B> core, Function<B, Bool> inValid,
      Function<B, Vec<Fixed>> x, Function<B, Bool> outValid, Function<B, Vec<Fixed>> y, int inputBits, int word) {
    return module(core.name() + "_serial", m -> {
      UInt din = m.input("din", uint(word));
      Bool valid = m.reg("valid_q", m.input("in_valid", bool())).init(false);
      UInt shift = m.reg("x_shift", uint(inputBits));
      shift.assign(inputBits > word ? cat(shift.slice(inputBits - word - 1, 0), din) : din.slice(inputBits - 1, 0));
      B instance = m.instance("u_core", core);
      inValid.apply(instance).assign(valid);
      x.apply(instance).assign(shift.as(x.apply(instance).type()));
      UInt result = m.reg("y_q", y.apply(instance).asUInt());
      int width = result.width();
      UInt folded = null;
      for (int low = 0; low < width; low += word) {
        int high = Math.min(width, low + word) - 1;
        UInt part = result.slice(high, low).zext(word);
        folded = folded == null ? part : folded.xor(part);
      }
      m.output("dout", m.reg("dout_q", folded));
      m.output("out_valid", m.reg("out_valid_q", outValid.apply(instance)).init(false));
    });
  }

  private static DesignFiles emit(Component<?> module, Point point, FlowOptions options) {
    Path folder = options.runsRoot().resolve("designs").resolve(point.id() + "_" + module.name());
    EmittedDesign emitted = SystemVerilog.write(module, folder);
    return DesignFiles.fromFileList(folder.resolve(emitted.fileListName()), emitted.top());
  }

  private static Row run(Point point, String design, Target target, DesignFiles files, FlowOptions options,
      PrintStream log) {
    long start = System.nanoTime();
    log.printf(Locale.ROOT, "[%s] %s %s on %s ...%n", java.time.LocalTime.now().withNano(0), point.id(),
        design, target.id());
    try {
      return new Row(point.id(), design, SynthesisFlows.run(target, files, options), null);
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      Matcher folder = Pattern.compile("run folder (\\S+?)\\)").matcher(message);
      if (folder.find()) {
        try {
          Matcher use = Pattern.compile("ICESTORM_LC:\\s*(\\d+)/\\s*(\\d+)")
              .matcher(Files.readString(Path.of(folder.group(1)).resolve("nextpnr.log")));
          if (use.find()) {
            message = "needs " + use.group(1) + " of " + use.group(2) + " LCs; " + message;
          }
        } catch (IOException | RuntimeException ignored) {
          // no nextpnr log: keep the message as it is
        }
      }
      message = message.lines().limit(3).reduce((a, b) -> a + " / " + b).orElse("");
      return new Row(point.id(), design, null, message);
    } finally {
      log.printf(Locale.ROOT, "[%s]   done in %.0f s%n", java.time.LocalTime.now().withNano(0),
          (System.nanoTime() - start) / 1e9);
    }
  }

  private static void print(Row row, PrintStream log) {
    log.println(row.failure() != null ? "  failed: " + row.failure()
        : "  " + row.report().runDirectory().resolve("report.json"));
  }

  private static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| point | target | design | LUT / LC | FF | DSP | CARRY | Fmax MHz | area µm² | delay ns | cells |\n");
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      if (row.failure() != null) {
        out.append("| ").append(row.point()).append(" | | ").append(row.design()).append(" | failed: ")
            .append(row.failure().replace('|', '/')).append(" |||||||\n");
        continue;
      }
      FlowReport r = row.report();
      String lut = "";
      String ff = "";
      String dsp = "";
      String carry = "";
      String fmax = "";
      String area = "";
      String delay = "";
      String cells = "";
      switch (r.target()) {
        case XC7 -> {
          lut = count(r.resource(FlowReport.LUT));
          ff = count(r.resource(FlowReport.FF));
          dsp = count(r.resource(FlowReport.DSP48E1));
          carry = count(r.resource(FlowReport.CARRY4));
        }
        case ICE40 -> {
          lut = count(r.resource(FlowReport.ICESTORM_LC)) + r.availableOf(FlowReport.ICESTORM_LC).stream()
              .mapToObj(a -> " / " + count(a)).findFirst().orElse("");
          ff = count(r.resource(FlowReport.FF));
          dsp = count(r.resource(FlowReport.ICESTORM_DSP));
          carry = count(r.resource("SB_CARRY"));
          fmax = r.measure(FlowReport.FMAX_MHZ).stream().mapToObj(f -> String.format(Locale.ROOT, "%.1f", f))
              .findFirst().orElse("");
        }
        case SKY130 -> {
          ff = count(r.resource(FlowReport.FLIP_FLOPS));
          area = r.measure(FlowReport.AREA_UM2).stream().mapToObj(a -> String.format(Locale.ROOT, "%,.0f", a))
              .findFirst().orElse("");
          delay = r.measure(FlowReport.DELAY_NS).stream().mapToObj(d -> String.format(Locale.ROOT, "%.2f", d))
              .findFirst().orElse("");
          cells = count(r.resource(FlowReport.CELLS));
        }
        default -> { }
      }
      out.append(String.join(" | ", "| " + row.point(), r.target().id(), row.design(), lut, ff, dsp, carry, fmax,
          area, delay, cells)).append(" |\n");
    }
    return out.toString();
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
