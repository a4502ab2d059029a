package dev.gatewright.sim.verilator;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.Port;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link Simulator} of an elaborated design, emitted as SystemVerilog and run by Verilator. */
public final class VerilatorEngine implements Simulator {

  private final VerilatorSimulator simulator;
  private final List<SimPort> inputs;
  private final List<SimPort> outputs;

  private VerilatorEngine(VerilatorSimulator simulator) {
    this.simulator = simulator;
    this.inputs = simulator.design().batchInputs().stream().map(p -> new SimPort(p.name(), p.width(), true)).toList();
    this.outputs = simulator.design().batchOutputs().stream().map(p -> new SimPort(p.name(), p.width(), false)).toList();
  }

  /** Emits the design, builds it through the Verilator cache and opens a simulator. */
  public static VerilatorEngine open(Component<?> design, VerilatorOptions options) {
    Path sources;
    try {
      sources = Files.createTempDirectory("gatewright-sv-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a folder for the SystemVerilog of " + design.name(), e);
    }
    try {
      EmittedDesign emitted = SystemVerilog.write(design, sources);
      NativeDesign nativeDesign = NativeDesign.fromFileList(sources.resolve(emitted.fileListName()), ports(design));
      return new VerilatorEngine(VerilatorSimulator.build(nativeDesign, options));
    } finally {
      AtomicFiles.deleteTree(sources);
    }
  }

  /** The common interface over a simulator of a library built elsewhere (for example in a private cache). */
  public static VerilatorEngine wrap(VerilatorSimulator simulator) {
    return new VerilatorEngine(simulator);
  }

  public static VerilatorEngine open(Component<?> design) {
    return open(design, VerilatorOptions.defaults());
  }

  /** The ports as the emitted top module declares them: clock, reset, then the design's own. */
  public static List<PortInfo> ports(Component<?> design) {
    List<PortInfo> ports = new ArrayList<>();
    if (design.hasClock()) {
      ports.add(PortInfo.in(NativeDesign.CLOCK, 1));
    }
    if (design.hasReset()) {
      ports.add(PortInfo.in(design.resetName(), 1));
    }
    for (Port port : design.ports()) {
      ports.add(port.isInput() ? PortInfo.in(port.name(), port.type().width()) : PortInfo.out(port.name(), port.type().width()));
    }
    return ports;
  }

  public VerilatorSimulator unwrap() {
    return simulator;
  }

  @Override
  public String engine() {
    return "verilator";
  }

  @Override
  public List<SimPort> batchInputs() {
    return inputs;
  }

  @Override
  public List<SimPort> batchOutputs() {
    return outputs;
  }

  @Override
  public void poke(String port, long value) {
    simulator.poke(port, value);
  }

  @Override
  public void poke(String port, BigInteger value) {
    simulator.poke(port, value);
  }

  @Override
  public long peek(String port) {
    return simulator.peek(port);
  }

  @Override
  public long peekSigned(String port) {
    return simulator.peekSigned(port);
  }

  @Override
  public BigInteger peekBig(String port) {
    return simulator.peekBig(port);
  }

  @Override
  public void eval() {
    simulator.eval();
  }

  @Override
  public void step(long cycles) {
    simulator.step(cycles);
  }

  @Override
  public void reset(int cycles) {
    simulator.reset(cycles);
  }

  @Override
  public long cycle() {
    return simulator.cycle();
  }

  @Override
  public long runBatch(long[] inputFrames, long[] outputFrames) {
    return simulator.runBatch(inputFrames, outputFrames);
  }

  @Override
  public void traceTo(Path vcd) {
    simulator.traceTo(vcd);
  }

  @Override
  public void close() {
    simulator.close();
  }
}
