package dev.gatewright.bench;

import static dev.gatewright.hdl.Hdl.sfix;

import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.hw.DenseGenerator;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.LayerHardware;
import dev.gatewright.nn.serial.BitSerialDenseGenerator;
import dev.gatewright.nn.serial.BitSerialHardware;
import dev.gatewright.nn.serial.BitSerialOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A 16 → 8 dense layer with 8-bit weights (half pruned) built bit-serial (precision per inference, and
 * dual 4/8-bit) and parallel (reuse 1 and 8): cycles per inference at each precision, and area and
 * Fmax from the xc7 flow.
 */
public final class BitSerialBench {

  private final FlowOptions options;

  public BitSerialBench(FlowOptions options) {
    this.options = options;
  }

  static Dense layer() {
    Random random = new Random(16);
    double[][] w = new double[8][16];
    for (double[] row : w) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextBoolean() ? 0 : random.nextDouble() * 2 - 1;
      }
    }
    return (Dense) Network.builder("serial", 16, sfix(8, 5))
        .dense(Dense.builder("fc", 8).weights(w).weightType(sfix(8, 7))
            .result(new Quantizer(sfix(10, 6), Rounding.HALF_EVEN, Overflow.SATURATE)))
        .build().layers().get(0);
  }

  public int run(PrintStream out, PrintStream log) {
    Dense layer = layer();
    BitSerialHardware planes = new BitSerialDenseGenerator(layer, BitSerialOptions.planes()).build();
    BitSerialHardware dual = new BitSerialDenseGenerator(layer, BitSerialOptions.dual(4)).build();
    LayerHardware parallel = new DenseGenerator(layer, DenseOptions.defaults()).build();
    LayerHardware shared = new DenseGenerator(layer, DenseOptions.defaults().withReuse(8)).build();
    StringBuilder cycles = new StringBuilder("| precision (weight bits) | bit-serial cycles / inference | parallel "
        + "(reuse 1) | time-shared (reuse 8) |\n|---:|---:|---:|---:|\n");
    for (int p : planes.precisions()) {
      cycles.append(String.format(Locale.ROOT, "| %d | %d | %d | %d |%n", p, planes.cyclesPerInference(p),
          parallel.initiationInterval(), shared.initiationInterval()));
    }
    out.println(cycles);
    StringBuilder area = new StringBuilder("| design | weight ROM bits | LUT | FF | Fmax MHz (ABC estimate) |\n"
        + "|---|---:|---:|---:|---:|\n");
    record Design(String name, dev.gatewright.hdl.Component<?> module, long romBits) {}
    for (Design d : List.of(new Design("bit-serial, 1..8 planes", planes.module(), planes.weightBits()),
        new Design("bit-serial, dual 4/8", dual.module(), dual.weightBits()),
        new Design("parallel, reuse 1", parallel.module(), 0),
        new Design("time-shared, reuse 8", shared.module(), 0))) {
      FlowRuns.Result r = FlowRuns.run(d.name(), d.module(), Target.XC7, options, log);
      area.append(String.format(Locale.ROOT, "| %s | %,d | %s |%n", d.name(), d.romBits(), r.cells()));
    }
    out.println(area);
    return 0;
  }
}
