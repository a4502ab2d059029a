package dev.gatewright.bench;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;

import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.lut.LutCostModel;
import dev.gatewright.nn.lut.LutNetworkGenerator;
import dev.gatewright.nn.lut.LutNetworkHardware;
import dev.gatewright.nn.lut.LutNetworkIo;
import dev.gatewright.nn.lut.LutOptions;
import dev.gatewright.nn.lut.LutPlan;
import dev.gatewright.nn.lut.TableStyle;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One network three ways — truth-table neurons as logic, as ROMs, and adder arithmetic — through the
 * xc7 flow (LUTs, FFs, the flow's pre-placement Fmax estimate of the mapped netlist, marked {@code ~}) and
 * iCE40 place and route (LCs, nextpnr's routed Fmax; the network behind a serial-I/O wrapper, since its
 * ports outnumber the pins), next to the cost model's estimates. The
 * network is a gatewright JSON file, or a LogicNets-style jet tagger: 16 inputs of 2 bits, layers of 32,
 * 16 and 5 neurons that each read 4 inputs, 2-bit ReLUs.
 */
public final class LutBench {

  private final Path network;
  private final List<Target> targets;
  private final FlowOptions options;

  public LutBench(Path network, List<Target> targets, FlowOptions options) {
    for (Target target : targets) {
      if (target != Target.XC7 && target != Target.ICE40) {
        throw new IllegalArgumentException("--target: the LUT benchmark runs xc7 and ice40, not " + target.id());
      }
    }
    this.network = network;
    this.targets = List.copyOf(targets);
    this.options = options;
  }

  /** The LogicNets-style example: fan-in 4, 2-bit activations. */
  public static Network example() {
    Random random = new Random(2020);
    Quantizer act = new Quantizer(ufix(2, 1), Rounding.HALF_UP, Overflow.SATURATE);
    return Network.builder("jsc_lut", 16, ufix(2, 1))
        .dense(layer("fc1", 32, 16, random)).relu(act)
        .dense(layer("fc2", 16, 32, random)).relu(act)
        .dense(layer("fc3", 5, 16, random))
        .argmax()
        .build();
  }

  private static Dense.Builder layer(String name, int outputs, int inputs, Random random) {
    double[][] w = new double[outputs][inputs];
    double[] b = new double[outputs];
    for (int o = 0; o < outputs; o++) {
      int placed = 0;
      while (placed < 4) {
        int i = random.nextInt(inputs);
        if (w[o][i] == 0) {
          double v = (random.nextInt(15) - 7) / 8.0;
          w[o][i] = v == 0 ? 0.5 : v;
          placed++;
        }
      }
      b[o] = (random.nextInt(9) - 4) / 8.0;
    }
    return Dense.builder(name, outputs).weights(w).bias(b).weightType(sfix(4, 3)).biasType(sfix(6, 3))
        .result(new Quantizer(sfix(8, 4), Rounding.HALF_EVEN, Overflow.SATURATE));
  }

  public int run(PrintStream out, PrintStream log) {
    Network net = network == null ? example() : NetworkJson.read(network);
    record Variant(String name, LutOptions options) {}
    List<Variant> variants = List.of(
        new Variant("truth tables (logic)", LutOptions.defaults().withPolicy(LutOptions.Policy.TABLES)
            .withMaxAddressBits(16)),
        new Variant("truth tables (ROM)", LutOptions.defaults().withPolicy(LutOptions.Policy.TABLES)
            .withMaxAddressBits(16).withStyle(TableStyle.ROM)),
        new Variant("adder arithmetic", LutOptions.defaults().withPolicy(LutOptions.Policy.ARITHMETIC)));
    StringBuilder table = new StringBuilder();
    table.append("| variant | estimated LUT6 | latency | target | LUT / LC | FF | Fmax MHz |\n|---|---:|---:|---|---:|---:|---:|\n");
    out.println(LutPlan.of(net, LutOptions.defaults().withMaxAddressBits(16)).describe());
    for (Variant variant : variants) {
      LutNetworkHardware hardware = new LutNetworkGenerator(net, variant.options()).build();
      long estimate = estimate(hardware.plan());
      for (Target target : targets) {
        Component<?> module = target == Target.ICE40
            ? SynthBench.serialized(hardware.module(), io -> io.inValid, io -> io.x, io -> io.outValid,
                io -> io.y, net.inputs() * net.inputType().width(), 16)
            : hardware.module();
        FlowRuns.Result result = FlowRuns.run(variant.name(), module, target, options, log);
        table.append(String.format(Locale.ROOT, "| %s | %,d | %d | %s | %s |%n", variant.name(), estimate,
            hardware.latency(), target.id(), result.cells()));
      }
    }
    out.println(table);
    out.println("Fmax: ice40 is nextpnr's routed Fmax; ~ marks the xc7 flow's pre-placement estimate (Yosys' mapped"
        + " netlist timed with Artix-7 -1 delays and fanout-dependent nets; no place and route)");
    return 0;
  }

  /** The cost model's LUTs of every stage as it is built (tables or adders). */
  private static long estimate(LutPlan plan) {
    long luts = 0;
    for (LutPlan.Stage stage : plan.stages()) {
      if (stage instanceof LutPlan.Table t) {
        luts += t.tableLuts();
      } else if (((LutPlan.Arithmetic) stage).layer() instanceof Dense dense) {
        luts += LutCostModel.arithmeticLuts(dense, List.of());
      }
    }
    return luts;
  }
}
