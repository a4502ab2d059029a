package dev.gatewright.bench;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.harden.EccMemory;
import dev.gatewright.harden.LayerTmr;
import dev.gatewright.harden.RegisterTmr;
import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.nn.lut.LutNetworkGenerator;
import dev.gatewright.nn.lut.LutOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The area hardening costs, from the xc7 flow: a network (the LogicNets-style example of
 * {@link LutBench}, as adder arithmetic and as truth tables) plain, with register TMR and with every
 * layer triplicated, and a
 * 256 × 16-bit weight memory plain, with parity and with SEC-DED.
 */
public final class HardenBench {

  private final FlowOptions options;

  public HardenBench(FlowOptions options) {
    this.options = options;
  }

  /** A weight memory with a write port and a registered read, {@code code} null for none. */
  static Component<Void> weights(EccMemory.Code code) {
    String name = "weights_" + (code == null ? "plain" : code.name().toLowerCase(Locale.ROOT));
    return module(name, m -> {
      Bool write = m.input("write", bool());
      UInt writeAddress = m.input("write_address", uint(8));
      SInt data = m.input("write_data", sint(16));
      UInt readAddress = m.input("read_address", uint(8));
      SInt out = m.output("read_data", sint(16));
      Bool flag = m.output("error", bool());
      if (code == null) {
        Memory<SInt> words = m.memory("words", 256, sint(16));
        when(write, () -> words.write(writeAddress, data));
        out.assign(words.readSync(readAddress));
        flag.assign(false);
        return;
      }
      EccMemory<SInt> words = EccMemory.of(m, "words", 256, sint(16), code);
      when(write, () -> words.write(writeAddress, data));
      EccMemory.Read<SInt> read = words.readSync(readAddress);
      out.assign(read.data());
      flag.assign(read.uncorrectable());
    });
  }

  public int run(PrintStream out, PrintStream log) {
    record Design(String name, Component<?> module) {}
    List<Design> designs = new ArrayList<>();
    for (LutOptions.Policy policy : List.of(LutOptions.Policy.ARITHMETIC, LutOptions.Policy.TABLES)) {
      Component<?> plain = new LutNetworkGenerator(LutBench.example(), LutOptions.defaults().withPolicy(policy)
          .withMaxAddressBits(16)).build().module();
      String kind = policy == LutOptions.Policy.TABLES ? "truth tables" : "adders";
      designs.add(new Design("network (" + kind + "), plain", plain));
      designs.add(new Design("network (" + kind + "), register TMR", RegisterTmr.apply(plain).design()));
      designs.add(new Design("network (" + kind + "), layer TMR", LayerTmr.apply(plain, name -> true).design()));
    }
    designs.add(new Design("256x16 weights, plain", weights(null)));
    designs.add(new Design("256x16 weights, parity", weights(EccMemory.Code.PARITY)));
    designs.add(new Design("256x16 weights, SEC-DED", weights(EccMemory.Code.SECDED)));
    StringBuilder table = new StringBuilder("| design | LUT | FF | Fmax MHz (~ xc7 pre-placement estimate) | RAMB18/36 | LUTRAM |\n"
        + "|---|---:|---:|---:|---:|---:|\n");
    for (Design d : designs) {
      FlowRuns.Result r = FlowRuns.run(d.name(), d.module(), Target.XC7, options, log);
      String ram = r.report() == null ? " | " : FlowRuns.count(r.report().resource(
          dev.gatewright.flow.FlowReport.RAMB18E1)) + "/" + FlowRuns.count(r.report().resource(
          dev.gatewright.flow.FlowReport.RAMB36E1)) + " | " + FlowRuns.count(r.report().resource(
          dev.gatewright.flow.FlowReport.LUTRAM));
      table.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", d.name(), r.cells(), ram));
    }
    out.println(table);
    return 0;
  }
}
