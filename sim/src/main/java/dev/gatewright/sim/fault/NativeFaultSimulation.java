package dev.gatewright.sim.fault;

import dev.gatewright.hdl.Component;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.java.JavaSimulator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Faults injected into the Java engine's own state: the design runs in batches up to a cycle that has
 * a fault, the clock edge of that cycle runs, then the register bits and memory words the fault hits
 * are upset or forced ({@link JavaSimulator#pokeRegister}, {@link JavaSimulator#pokeMemory}) and the
 * cycle's outputs are read again. Registers and memories only: a net's fault needs
 * {@link InstrumentedFaultSimulation}.
 */
public final class NativeFaultSimulation implements FaultSimulation {

  private final JavaSimulator simulator;
  private final StateMap state;
  private final int inSlots;
  private final int outSlots;

  public NativeFaultSimulation(JavaSimulator simulator, StateMap state) {
    this.simulator = simulator;
    this.state = state;
    this.inSlots = Simulator.frameSlots(simulator.batchInputs());
    this.outSlots = Simulator.frameSlots(simulator.batchOutputs());
  }

  /** A factory of Java-engine simulations of {@code design}, one per thread of a campaign. */
  public static Factory factory(Component<?> design) {
    StateMap state = StateMap.of(design);
    return () -> new NativeFaultSimulation(new JavaSimulator(design), state);
  }

  @Override
  public StateMap state() {
    return state;
  }

  @Override
  public String description() {
    return "java engine, faults in its registers and memories";
  }

  @Override
  public List<SimPort> inputs() {
    return simulator.batchInputs();
  }

  @Override
  public List<SimPort> outputs() {
    return simulator.batchOutputs();
  }

  @Override
  public void restart(int cycles) {
    powerOn(simulator, state);
    simulator.reset(cycles);
  }

  /** Every input, register and memory word of {@code simulator} set to 0. */
  static void powerOn(JavaSimulator simulator, StateMap state) {
    simulator.restart();
  }

  @Override
  public void run(long[] inputs, long[] outputs, List<Fault> faults) {
    int cycles = inputs.length / inSlots;
    if (inputs.length % inSlots != 0 || outputs.length < (long) cycles * outSlots) {
      throw new IllegalArgumentException("frames of " + inSlots + " input and " + outSlots + " output slots needed");
    }
    List<Fault> pending = new ArrayList<>(faults);
    for (Fault fault : pending) {
      check(fault);
    }
    pending.sort(Comparator.comparingLong(Fault::cycle));
    List<Fault> forcing = new ArrayList<>();
    int next = 0;
    long c = 0;
    while (c < cycles) {
      long now = c;
      forcing.removeIf(f -> !f.activeIn(now));
      long event = next < pending.size() ? Math.min(pending.get(next).cycle(), cycles) : cycles;
      long until = forcing.isEmpty() ? event : c;
      if (until > c) {
        batch(inputs, outputs, c, until);
        c = until;
        continue;
      }
      batch(inputs, outputs, c, c + 1);
      for (Fault fault : forcing) {
        apply(fault);
      }
      while (next < pending.size() && pending.get(next).cycle() == c) {
        Fault fault = pending.get(next++);
        apply(fault);
        if (fault.effect() != Fault.Effect.FLIP && fault.cycles() > 1) {
          forcing.add(fault);
        }
      }
      readOutputs(outputs, c);
      c++;
    }
  }

  private void check(Fault fault) {
    if (fault instanceof Fault.Register r) {
      StateMap.Register register = state.register(r.register());
      checkBit(r.bit(), register.width(), "register " + register.name());
    } else if (fault instanceof Fault.MemoryWord m) {
      StateMap.Memory memory = state.memory(m.memory());
      if (m.address() >= memory.depth()) {
        throw new IllegalArgumentException("address " + m.address() + " is outside memory " + memory.name() + " of "
            + memory.depth() + " words");
      }
      checkBit(m.bit(), memory.width(), "memory " + memory.name());
    } else {
      Fault.Net net = (Fault.Net) fault; // the last kind of the sealed interface
      throw new IllegalArgumentException("the Java engine upsets registers and memories, not net " + net.net()
          + ": instrument the net (FaultInstrumentation) and run InstrumentedFaultSimulation");
    }
  }

  private static void checkBit(int bit, int width, String what) {
    if (bit >= width) {
      throw new IllegalArgumentException(what + " has " + width + " bits; there is no bit " + bit);
    }
  }

  private void apply(Fault fault) {
    if (fault instanceof Fault.Register r) {
      simulator.pokeRegister(r.register(), affect(simulator.peekRegister(r.register()), r.bit(), r.effect()));
    } else {
      Fault.MemoryWord m = (Fault.MemoryWord) fault; // nets were refused in check
      simulator.pokeMemory(m.memory(), m.address(),
          affect(simulator.peekMemory(m.memory(), m.address()), m.bit(), m.effect()));
    }
  }

  private static BigInteger affect(BigInteger word, int bit, Fault.Effect effect) {
    return switch (effect) {
      case FLIP -> word.flipBit(bit);
      case ZERO -> word.clearBit(bit);
      case ONE -> word.setBit(bit);
    };
  }

  private void batch(long[] inputs, long[] outputs, long from, long to) {
    int n = (int) (to - from);
    long[] in = Arrays.copyOfRange(inputs, (int) from * inSlots, (int) to * inSlots);
    long[] out = new long[n * outSlots];
    simulator.runBatch(in, out);
    System.arraycopy(out, 0, outputs, (int) from * outSlots, out.length);
  }

  /** The outputs of cycle {@code c} read again, after its faults. */
  private void readOutputs(long[] outputs, long c) {
    int offset = (int) c * outSlots;
    for (SimPort port : simulator.batchOutputs()) {
      if (port.width() <= 64) {
        outputs[offset] = simulator.peek(port.name());
      } else {
        BigInteger bits = simulator.peekBig(port.name());
        for (int s = 0; s < port.slots(); s++) {
          outputs[offset + s] = bits.shiftRight(64 * s).longValue();
        }
      }
      offset += port.slots();
    }
  }

  @Override
  public void close() {
    simulator.close();
  }
}
