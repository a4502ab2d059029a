package dev.gatewright.sim.fault;

import dev.gatewright.hdl.Component;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.java.JavaSimulator;
import dev.gatewright.sim.verilator.VerilatorEngine;
import dev.gatewright.sim.verilator.VerilatorLibrary;
import dev.gatewright.sim.verilator.VerilatorSimulator;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults driven into a copy of the design made by {@link FaultInstrumentation}, on any engine (on
 * Verilator this is the way in: the engine's state is compiled C++). Each cycle's frame gets the mask
 * bits of the faults active in it: a register upset sets its flip bit in the frame of its cycle, a force
 * sets its zero or one bit in every frame it lasts, a net's fault sets its bit in every frame it lasts.
 * Memory words are not instrumented: upset them on the Java engine ({@link NativeFaultSimulation}), or
 * load the faulty words through the design's own write port.
 */
public final class InstrumentedFaultSimulation implements FaultSimulation {

  /** Longs of extended input frames built at once (32 MiB). */
  private static final int CHUNK_SLOTS = 1 << 22;

  private final FaultInstrumentation.Instrumented<?> instrumented;
  private Simulator simulator;
  private final StateMap state;
  private final List<SimPort> inputs;
  private final int inSlots;
  private final int extendedSlots;
  private final int outSlots;
  private final int[] maskStart = new int[3];
  private final int maskSlots;

  public InstrumentedFaultSimulation(FaultInstrumentation.Instrumented<?> instrumented, StateMap state,
      Simulator simulator) {
    this.instrumented = instrumented;
    this.simulator = simulator;
    this.state = state;
    List<SimPort> all = simulator.batchInputs();
    List<String> masks = List.of(FaultInstrumentation.FLIP, FaultInstrumentation.ZERO, FaultInstrumentation.ONE);
    List<SimPort> own = new ArrayList<>();
    int offset = 0;
    int slots = 0;
    for (SimPort port : all) {
      int k = masks.indexOf(port.name());
      if (k >= 0) {
        maskStart[k] = offset;
        slots = port.slots();
      } else {
        if (offset != Simulator.frameSlots(own)) {
          throw new IllegalStateException("the mask ports of " + instrumented.design().name() + " come before its inputs");
        }
        own.add(port);
      }
      offset += port.slots();
    }
    this.inputs = List.copyOf(own);
    this.inSlots = Simulator.frameSlots(own);
    this.extendedSlots = offset;
    this.maskSlots = slots;
    this.outSlots = Simulator.frameSlots(simulator.batchOutputs());
  }

  /**
   * A factory of simulations of {@code design} instrumented with {@code options} on {@code engine}; the
   * design is instrumented once, each thread opens its own simulation of the copy.
   */
  public static Factory factory(Component<?> design, FaultInstrumentation.Options options, Engine engine) {
    StateMap state = StateMap.of(design);
    FaultInstrumentation.Instrumented<?> instrumented = FaultInstrumentation.apply(design, options);
    return () -> new InstrumentedFaultSimulation(instrumented, state, engine.open(instrumented.design()));
  }

  @Override
  public StateMap state() {
    return state;
  }

  @Override
  public String description() {
    return simulator.engine() + " engine, faults through " + instrumented.sites().size() + " instrumented sites";
  }

  @Override
  public List<SimPort> inputs() {
    return inputs;
  }

  @Override
  public List<SimPort> outputs() {
    return simulator.batchOutputs();
  }

  @Override
  public void restart(int cycles) {
    if (simulator instanceof JavaSimulator java) {
      NativeFaultSimulation.powerOn(java, state); // its inputs, the masks among them, too
    } else if (simulator instanceof VerilatorEngine verilator) {
      // a new model of the same library starts at power-on
      VerilatorLibrary library = verilator.unwrap().library();
      simulator.close();
      simulator = VerilatorEngine.wrap(VerilatorSimulator.open(library));
    } else {
      throw new IllegalStateException("cannot bring a " + simulator.engine() + " simulation back to power-on");
    }
    for (SimPort input : simulator.batchInputs()) {
      simulator.poke(input.name(), 0);
    }
    simulator.reset(cycles);
  }

  @Override
  public void run(long[] frames, long[] outputs, List<Fault> faults) {
    int cycles = frames.length / inSlots;
    if (frames.length % inSlots != 0 || outputs.length < (long) cycles * outSlots) {
      throw new IllegalArgumentException("frames of " + inSlots + " input and " + outSlots + " output slots needed");
    }
    List<Placed> placed = new ArrayList<>();
    for (Fault fault : faults) {
      placed.add(place(fault));
    }
    int chunk = Math.max(1, CHUNK_SLOTS / extendedSlots);
    for (int from = 0; from < cycles; from += chunk) {
      int to = Math.min(cycles, from + chunk);
      long[] extended = new long[(to - from) * extendedSlots];
      for (int c = from; c < to; c++) {
        System.arraycopy(frames, c * inSlots, extended, (c - from) * extendedSlots, inSlots);
      }
      for (Placed p : placed) {
        long first = Math.max(from, p.fault().cycle());
        long last = Math.min(to, p.fault().cycle() + Math.min(p.fault().cycles(), Integer.MAX_VALUE));
        for (long c = first; c < last; c++) {
          int slot = (int) (c - from) * extendedSlots + maskStart[p.mask()] + p.bit() / 64;
          extended[slot] |= 1L << (p.bit() % 64);
        }
      }
      long[] out = new long[(to - from) * outSlots];
      simulator.runBatch(extended, out);
      System.arraycopy(out, 0, outputs, from * outSlots, out.length);
    }
  }

  /** A fault as a bit of one mask port. */
  private record Placed(Fault fault, int mask, int bit) {}

  private Placed place(Fault fault) {
    FaultInstrumentation.Site site;
    if (fault instanceof Fault.Register r) {
      site = instrumented.site(FaultInstrumentation.SiteKind.REGISTER, r.register());
    } else if (fault instanceof Fault.Net n) {
      site = instrumented.site(FaultInstrumentation.SiteKind.NET, n.net());
    } else {
      Fault.MemoryWord m = (Fault.MemoryWord) fault; // the last kind of the sealed interface
      throw new IllegalArgumentException("memory " + m.memory() + " is not instrumented: upset memory words on the "
          + "Java engine (NativeFaultSimulation), or load faulty words through the design's write port");
    }
    if (fault.bit() >= site.width()) {
      throw new IllegalArgumentException(site.name() + " has " + site.width() + " bits; there is no bit " + fault.bit());
    }
    int mask = switch (fault.effect()) {
      case FLIP -> 0;
      case ZERO -> 1;
      case ONE -> 2;
    };
    return new Placed(fault, mask, site.offset() + fault.bit());
  }

  @Override
  public void close() {
    simulator.close();
  }
}
