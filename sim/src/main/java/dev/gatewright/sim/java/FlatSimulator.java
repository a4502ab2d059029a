package dev.gatewright.sim.java;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.vcd.VcdWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * What both Java engines share: the top-level ports of a flat design over values held in
 * {@code long} arrays (the reset, then the inputs and the outputs in design order), poking and
 * peeking them, reset, clock steps, batches and waveforms. An engine settles the logic and runs the
 * clock edge; how it does so is all that tells {@link JavaSimulator} from {@link InterpretedSimulator}.
 */
abstract sealed class FlatSimulator implements Simulator permits JavaSimulator, InterpretedSimulator {

  /** The top-level facts of a design that its ports depend on. */
  record Top(String name, boolean hasClock, String resetName, boolean resetActiveLow) {

    static Top of(Component<?> top) {
      return new Top(top.name(), top.hasClock(), top.hasReset() ? top.resetName() : null, top.resetActiveLow());
    }
  }

  private final Top top;
  private final FlatDesign design;
  /** The engine's values of at most 64 bits, by index. */
  final long[] v;
  /** The engine's values above 64 bits, by index. */
  final long[][] wide;
  private final Map<String, SimPort> ports = new LinkedHashMap<>();
  /** Per port but the reset: the index of its value. */
  private final Map<String, Integer> portIndex = new LinkedHashMap<>();
  private final List<SimPort> batchInputs = new ArrayList<>();
  private final List<SimPort> batchOutputs = new ArrayList<>();
  /** Per batch input: the index of its value, or -1 for the reset. */
  final int[] batchInputIndex;
  final int[] batchOutputIndex;
  private final int[] batchInputWidth;
  private final int[] batchOutputWidth;
  /** The reset input as poked (1 bit). */
  long resetValue;
  /** Whether inputs or state changed since the outputs were last settled. */
  boolean dirty = true;
  private long cycle;
  private VcdWriter trace;
  private int[] traceSlots;
  private int traceClock;

  /**
   * @param v the engine's narrow values, which the ports read and write
   * @param wide the engine's wide values
   * @param indexOf where the value of a flat slot that is a top-level input or output lives
   */
  FlatSimulator(Top top, FlatDesign design, long[] v, long[][] wide, IntUnaryOperator indexOf) {
    this.top = top;
    this.design = design;
    this.v = v;
    this.wide = wide;
    if (top.resetName() != null) {
      SimPort reset = new SimPort(top.resetName(), 1, true);
      ports.put(reset.name(), reset);
      batchInputs.add(reset);
    }
    design.topInputs.forEach((name, slot) -> addPort(name, slot, true, indexOf));
    design.topOutputs.forEach((name, slot) -> addPort(name, slot, false, indexOf));
    this.batchInputIndex = batchInputs.stream().mapToInt(p -> portIndex.getOrDefault(p.name(), -1)).toArray();
    this.batchOutputIndex = batchOutputs.stream().mapToInt(p -> portIndex.get(p.name())).toArray();
    this.batchInputWidth = batchInputs.stream().mapToInt(SimPort::width).toArray();
    this.batchOutputWidth = batchOutputs.stream().mapToInt(SimPort::width).toArray();
  }

  private void addPort(String name, int slot, boolean input, IntUnaryOperator indexOf) {
    SimPort port = new SimPort(name, design.nodes.get(slot).width(), input);
    ports.put(name, port);
    portIndex.put(name, indexOf.applyAsInt(slot));
    (input ? batchInputs : batchOutputs).add(port);
  }

  /** Settles the values a peek reads: the outputs, or every named signal when {@code everySignal}. */
  abstract void settle(boolean everySignal);

  /** One rising clock edge on the engine's state. */
  abstract void clockEdge(boolean inReset);

  /** A named flat slot's value now, unsigned, for waveforms. */
  abstract BigInteger signal(int slot);

  /**
   * Runs the batch {@link #runBatch} has checked, each port one slot wide, if this engine has a faster
   * way for that; false where it has none.
   */
  boolean runNarrowFrames(long[] inputs, long[] outputs, long cycles) {
    return false;
  }

  /** Inputs or state changed: what was settled is stale. */
  void markDirty() {
    dirty = true;
  }

  final String designName() {
    return top.name();
  }

  final boolean tracing() {
    return trace != null;
  }

  /** Back to power-on as far as the ports go: cycle 0, reset input zero, no waveform. */
  final void powerOn() {
    closeTrace();
    resetValue = 0;
    cycle = 0;
    markDirty();
  }

  @Override
  public final List<SimPort> batchInputs() {
    return Collections.unmodifiableList(batchInputs);
  }

  @Override
  public final List<SimPort> batchOutputs() {
    return Collections.unmodifiableList(batchOutputs);
  }

  @Override
  public final void poke(String port, long value) {
    SimPort p = port(port, true);
    if (p.width() > 64) {
      poke(port, BigInteger.valueOf(value));
      return;
    }
    if (port.equals(top.resetName())) {
      resetValue = value & 1;
    } else {
      v[portIndex.get(port)] = value & Program.maskOf(p.width());
    }
    markDirty();
  }

  @Override
  public final void poke(String port, BigInteger value) {
    SimPort p = port(port, true);
    BigInteger bits = Eval.toBits(value, p.width());
    if (port.equals(top.resetName())) {
      resetValue = bits.longValue();
    } else {
      Program.store(v, wide, portIndex.get(port), p.width(), bits);
    }
    markDirty();
  }

  @Override
  public final long peek(String port) {
    SimPort p = port(port, false);
    if (p.width() > 64) {
      throw new IllegalArgumentException("port " + port + " has " + p.width() + " bits; use peekBig");
    }
    if (port.equals(top.resetName())) {
      return resetValue;
    }
    eval();
    return v[portIndex.get(port)];
  }

  @Override
  public final long peekSigned(String port) {
    return Program.signed(peek(port), ports.get(port).width());
  }

  @Override
  public final BigInteger peekBig(String port) {
    SimPort p = port(port, false);
    if (port.equals(top.resetName())) {
      return BigInteger.valueOf(resetValue);
    }
    eval();
    return Program.bits(v, wide, portIndex.get(port), p.width());
  }

  private SimPort port(String name, boolean forWriting) {
    SimPort port = ports.get(name);
    if (port == null) {
      throw new IllegalArgumentException("design " + top.name() + " has no port '" + name + "'; its ports are "
          + ports.keySet());
    }
    if (forWriting && !port.input()) {
      throw new IllegalArgumentException("'" + name + "' is an output of " + top.name() + "; only inputs can be poked");
    }
    return port;
  }

  /** Settles the outputs (waveforms: every named signal). */
  @Override
  public final void eval() {
    if (dirty) {
      settle(trace != null);
      dirty = false;
    }
  }

  @Override
  public final void step(long cycles) {
    for (long c = 0; c < cycles; c++) {
      edge();
    }
  }

  final void edge() {
    clockEdge(top.resetName() != null && (top.resetActiveLow() ? resetValue == 0 : resetValue != 0));
    cycle++;
    markDirty();
    if (trace != null) {
      eval();
      sample();
    }
  }

  @Override
  public final void reset(int cycles) {
    if (top.resetName() == null) {
      step(cycles);
      return;
    }
    long saved = top.resetActiveLow() ? 1 : 0;
    resetValue = top.resetActiveLow() ? 0 : 1;
    markDirty();
    step(cycles);
    resetValue = saved;
    markDirty();
  }

  @Override
  public final long cycle() {
    return cycle;
  }

  @Override
  public final long runBatch(long[] inputs, long[] outputs) {
    int inSlots = Simulator.frameSlots(batchInputs);
    int outSlots = Simulator.frameSlots(batchOutputs);
    if (inSlots == 0) {
      throw new IllegalArgumentException(top.name() + " has no batch inputs; use step(n)");
    }
    if (inputs.length % inSlots != 0) {
      throw new IllegalArgumentException("input frames need " + inSlots + " slots each; " + inputs.length
          + " is not a multiple");
    }
    long cycles = inputs.length / inSlots;
    if (outputs.length < cycles * outSlots) {
      throw new IllegalArgumentException("room for " + cycles + " output frames of " + outSlots + " slots needed");
    }
    boolean narrow = inSlots == batchInputs.size() && outSlots == batchOutputs.size();
    if (!narrow || !runNarrowFrames(inputs, outputs, cycles)) {
      runFrames(inputs, outputs, cycles);
    }
    return cycles;
  }

  private void runFrames(long[] inputs, long[] outputs, long cycles) {
    int inputCount = batchInputIndex.length;
    int outputCount = batchOutputIndex.length;
    for (int c = 0, in = 0, out = 0; c < cycles; c++) {
      for (int i = 0; i < inputCount; i++) {
        int width = batchInputWidth[i];
        int index = batchInputIndex[i];
        if (index < 0) {
          resetValue = inputs[in] & 1;
        } else if (width <= 64) {
          v[index] = inputs[in] & Program.maskOf(width);
        } else {
          long[] target = wide[index];
          System.arraycopy(inputs, in, target, 0, target.length);
          Words.clearAbove(target, width);
        }
        in += Words.count(width);
      }
      markDirty();
      edge();
      eval();
      for (int i = 0; i < outputCount; i++) {
        int width = batchOutputWidth[i];
        int index = batchOutputIndex[i];
        if (width <= 64) {
          outputs[out] = v[index];
        } else {
          System.arraycopy(wide[index], 0, outputs, out, wide[index].length);
        }
        out += Words.count(width);
      }
    }
  }

  @Override
  public void traceTo(Path vcd) {
    closeTrace();
    trace = new VcdWriter(vcd, top.name());
    List<Integer> slots = new ArrayList<>();
    traceClock = top.hasClock() ? trace.declare("clk", 1) : -1;
    for (int slot = 0; slot < design.size(); slot++) {
      String name = design.names.get(slot);
      if (name != null) {
        slots.add(slot);
        trace.declare(name, design.nodes.get(slot).width());
      }
    }
    traceSlots = slots.stream().mapToInt(Integer::intValue).toArray();
    dirty = true;
    eval();
    sample();
  }

  private void sample() {
    if (trace == null) {
      return;
    }
    trace.time(2 * cycle);
    int offset = traceClock >= 0 ? 1 : 0;
    if (traceClock >= 0) {
      trace.change(traceClock, 1);
    }
    for (int i = 0; i < traceSlots.length; i++) {
      trace.change(i + offset, signal(traceSlots[i]));
    }
    if (traceClock >= 0) {
      trace.time(2 * cycle + 1);
      trace.change(traceClock, 0);
    }
  }

  private void closeTrace() {
    if (trace != null) {
      trace.close();
      trace = null;
    }
  }

  @Override
  public void close() {
    closeTrace();
  }
}
