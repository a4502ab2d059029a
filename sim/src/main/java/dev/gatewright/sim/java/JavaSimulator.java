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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates an elaborated design in Java, with no external tools: the design is compiled to JVM
 * bytecode once ({@link CompiledDesign}) and each cycle runs the generated code, which the JIT turns
 * into machine code. Behaves exactly as the Verilator engine does (see {@link Simulator}).
 *
 * <p>Many independent simulations of one design share its compiled classes: open them with
 * {@link CompiledDesign#open()} or run them on all cores with {@link CompiledDesign#runIndependent}.
 */
public final class JavaSimulator implements Simulator {

  private final CompiledDesign design;
  private final SimulationState state;
  private final Layout layout;
  private final Map<String, SimPort> ports = new HashMap<>();
  private final Map<String, Integer> portIndex = new HashMap<>();
  private final List<SimPort> batchInputs = new ArrayList<>();
  private final List<SimPort> batchOutputs = new ArrayList<>();
  /** Per batch input: its index in the arrays, or -1 for the reset. */
  private final int[] batchInputIndex;
  private final int[] batchOutputIndex;
  private final int[] batchInputWidth;
  private final int[] batchOutputWidth;
  private final long[] batchInputMask;
  private long resetValue;
  private boolean dirty = true;
  private long cycle;
  private VcdWriter trace;
  private int[] traceSlots;
  private int traceClock;

  /** A simulation of {@code top}, compiled the first time this component is simulated. */
  public JavaSimulator(Component<?> top) {
    this(CompiledDesign.of(top));
  }

  JavaSimulator(CompiledDesign design) {
    this.design = design;
    this.layout = design.layout;
    this.state = new SimulationState(design);
    Dataflow graph = design.graph;
    if (design.resetName != null) {
      SimPort reset = new SimPort(design.resetName, 1, true);
      ports.put(reset.name(), reset);
      batchInputs.add(reset);
    }
    graph.design.topInputs.forEach((name, slot) -> {
      SimPort port = new SimPort(name, graph.width[slot], true);
      ports.put(name, port);
      portIndex.put(name, layout.index[slot]);
      batchInputs.add(port);
    });
    graph.design.topOutputs.forEach((name, slot) -> {
      SimPort port = new SimPort(name, graph.width[slot], false);
      ports.put(name, port);
      portIndex.put(name, layout.index[graph.canonical[slot]]);
      batchOutputs.add(port);
    });
    this.batchInputIndex = batchInputs.stream().mapToInt(p -> portIndex.getOrDefault(p.name(), -1)).toArray();
    this.batchOutputIndex = batchOutputs.stream().mapToInt(p -> portIndex.get(p.name())).toArray();
    this.batchInputWidth = batchInputs.stream().mapToInt(SimPort::width).toArray();
    this.batchOutputWidth = batchOutputs.stream().mapToInt(SimPort::width).toArray();
    this.batchInputMask = batchInputs.stream().filter(p -> portIndex.containsKey(p.name()))
        .mapToLong(p -> Program.maskOf(p.width())).toArray();
    for (int i = 0; i < batchInputMask.length; i++) {
      if (batchInputIndex[batchInputIndex.length - batchInputMask.length + i] != i) {
        throw new IllegalStateException("the inputs of " + design.name + " are not the first values of its layout");
      }
    }
  }

  /** The compiled design this simulates. */
  public CompiledDesign design() {
    return design;
  }

  @Override
  public String engine() {
    return "java";
  }

  @Override
  public List<SimPort> batchInputs() {
    return Collections.unmodifiableList(batchInputs);
  }

  @Override
  public List<SimPort> batchOutputs() {
    return Collections.unmodifiableList(batchOutputs);
  }

  @Override
  public void poke(String port, long value) {
    SimPort p = port(port, true);
    if (p.width() > 64) {
      poke(port, BigInteger.valueOf(value));
      return;
    }
    if (port.equals(design.resetName)) {
      resetValue = value & 1;
    } else {
      state.v[portIndex.get(port)] = value & Program.maskOf(p.width());
    }
    dirty = true;
  }

  @Override
  public void poke(String port, BigInteger value) {
    SimPort p = port(port, true);
    BigInteger bits = Eval.toBits(value, p.width());
    if (port.equals(design.resetName)) {
      resetValue = bits.longValue();
    } else {
      Program.store(state.v, state.wide, portIndex.get(port), p.width(), bits);
    }
    dirty = true;
  }

  @Override
  public long peek(String port) {
    SimPort p = port(port, false);
    if (p.width() > 64) {
      throw new IllegalArgumentException("port " + port + " has " + p.width() + " bits; use peekBig");
    }
    if (port.equals(design.resetName)) {
      return resetValue;
    }
    eval();
    return state.v[portIndex.get(port)];
  }

  @Override
  public long peekSigned(String port) {
    return Program.signed(peek(port), ports.get(port).width());
  }

  @Override
  public BigInteger peekBig(String port) {
    SimPort p = port(port, false);
    if (port.equals(design.resetName)) {
      return BigInteger.valueOf(resetValue);
    }
    eval();
    return Program.bits(state.v, state.wide, portIndex.get(port), p.width());
  }

  private SimPort port(String name, boolean forWriting) {
    SimPort port = ports.get(name);
    if (port == null) {
      throw new IllegalArgumentException("design " + design.name + " has no port '" + name + "'; its ports are "
          + portNames());
    }
    if (forWriting && !port.input()) {
      throw new IllegalArgumentException("'" + name + "' is an output of " + design.name
          + "; only inputs can be poked");
    }
    return port;
  }

  private List<String> portNames() {
    List<String> names = new ArrayList<>();
    batchInputs.forEach(p -> names.add(p.name()));
    batchOutputs.forEach(p -> names.add(p.name()));
    return names;
  }

  /** Settles the outputs (waveforms: every named signal). */
  @Override
  public void eval() {
    if (dirty) {
      state.settle(trace != null ? design.trace() : design.outputs);
      dirty = false;
    }
  }

  @Override
  public void step(long cycles) {
    for (long c = 0; c < cycles; c++) {
      edge();
    }
  }

  private void edge() {
    state.edge(inReset());
    cycle++;
    dirty = true;
    if (trace != null) {
      eval();
      sample();
    }
  }

  private boolean inReset() {
    return design.resetName != null && (design.resetActiveLow ? resetValue == 0 : resetValue != 0);
  }

  @Override
  public void reset(int cycles) {
    if (design.resetName == null) {
      step(cycles);
      return;
    }
    long saved = design.resetActiveLow ? 1 : 0;
    resetValue = design.resetActiveLow ? 0 : 1;
    dirty = true;
    step(cycles);
    resetValue = saved;
    dirty = true;
  }

  @Override
  public long cycle() {
    return cycle;
  }

  // ---------------------------------------------------------------- state, for fault injection

  /** The registers, by name in the flattened hierarchy ({@code u0.acc} for register acc of instance u0). */
  public List<String> registers() {
    return List.copyOf(design.registers().keySet());
  }

  /** The memories, by name in the flattened hierarchy ({@code u0.words}). */
  public List<String> memories() {
    return List.copyOf(design.memories().keySet());
  }

  /** A register's value now (as the next clock edge will see it), unsigned. */
  public BigInteger peekRegister(String register) {
    int slot = registerSlot(register);
    return Program.bits(state.v, state.wide, layout.index[slot], design.graph.width[slot]);
  }

  /**
   * Sets a register between clock edges, as a single-event upset does (its low bits of
   * {@code value}, two's complement); outputs settle anew.
   */
  public void pokeRegister(String register, BigInteger value) {
    int slot = registerSlot(register);
    int width = design.graph.width[slot];
    Program.store(state.v, state.wide, layout.index[slot], width, Eval.toBits(value, width));
    dirty = true;
  }

  /** The word at {@code address} of a memory, unsigned. */
  public BigInteger peekMemory(String memory, int address) {
    return state.memoryWord(memoryIndex(memory, address), address);
  }

  /** Sets the word at {@code address} of a memory (its low bits of {@code value}); outputs settle anew. */
  public void pokeMemory(String memory, int address, BigInteger value) {
    int m = memoryIndex(memory, address);
    state.setMemoryWord(m, address, Eval.toBits(value, design.graph.design.memories.get(m).width()));
    dirty = true;
  }

  private int registerSlot(String register) {
    Integer slot = design.registers().get(register);
    if (slot == null) {
      throw new IllegalArgumentException("design " + design.name + " has no register '" + register + "'; "
          + names(design.registers().keySet()));
    }
    return slot;
  }

  private int memoryIndex(String memory, int address) {
    Integer m = design.memories().get(memory);
    if (m == null) {
      throw new IllegalArgumentException("design " + design.name + " has no memory '" + memory + "'; "
          + names(design.memories().keySet()));
    }
    int depth = design.graph.design.memories.get(m).depth();
    if (address < 0 || address >= depth) {
      throw new IllegalArgumentException("address " + address + " is outside memory " + memory + " of " + depth
          + " words");
    }
    return m;
  }

  private static String names(java.util.Collection<String> names) {
    if (names.isEmpty()) {
      return "it has none";
    }
    List<String> some = names.stream().limit(20).toList();
    return "it has " + String.join(", ", some) + (names.size() > some.size() ? ", ... (" + names.size() + ")" : "");
  }

  /** Back to power-on: cycle 0, every input, register and memory word zero, no waveform. */
  void restart() {
    closeTrace();
    state.clear();
    resetValue = 0;
    cycle = 0;
    dirty = true;
  }

  @Override
  public long runBatch(long[] inputs, long[] outputs) {
    int inSlots = Simulator.frameSlots(batchInputs);
    int outSlots = Simulator.frameSlots(batchOutputs);
    if (inSlots == 0) {
      throw new IllegalArgumentException(design.name + " has no batch inputs; use step(n)");
    }
    if (inputs.length % inSlots != 0) {
      throw new IllegalArgumentException("input frames need " + inSlots + " slots each; " + inputs.length
          + " is not a multiple");
    }
    long cycles = inputs.length / inSlots;
    if (outputs.length < cycles * outSlots) {
      throw new IllegalArgumentException("room for " + cycles + " output frames of " + outSlots + " slots needed");
    }
    if (inSlots == batchInputs.size() && outSlots == batchOutputs.size()) {
      runNarrowFrames(inputs, outputs, cycles);
      return cycles;
    }
    long[] v = state.v;
    long[][] wide = state.wide;
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
        in += (width + 63) >>> 6;
      }
      dirty = true;
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
        out += (width + 63) >>> 6;
      }
    }
    return cycles;
  }

  /** {@link #runBatch} when every port fits a slot: one slot per port, no wide values. */
  private void runNarrowFrames(long[] inputs, long[] outputs, long cycles) {
    long[] v = state.v;
    long[] inputMask = batchInputMask;
    int[] outputIndex = batchOutputIndex;
    int inSlots = batchInputIndex.length;
    int outSlots = outputIndex.length;
    boolean hasReset = design.resetName != null;
    int first = hasReset ? 1 : 0;
    int count = inSlots - first;
    for (int c = 0, in = 0, out = 0; c < cycles; c++, in += inSlots, out += outSlots) {
      // the layout gives the inputs the first indices, in port order
      int from = in + first;
      for (int i = 0; i < count; i++) {
        v[i] = inputs[from + i] & inputMask[i];
      }
      if (hasReset) {
        resetValue = inputs[in] & 1;
      }
      edge();
      if (trace == null) {
        state.settle(design.outputs);
      } else {
        eval();
      }
      for (int i = 0; i < outSlots; i++) {
        outputs[out + i] = v[outputIndex[i]];
      }
    }
    dirty = false;
  }

  @Override
  public void traceTo(Path vcd) {
    closeTrace();
    Dataflow graph = design.graph;
    List<String> names = graph.design.names;
    design.trace();  // compiled before the file is opened
    trace = new VcdWriter(vcd, design.name);
    List<Integer> slots = new ArrayList<>();
    traceClock = design.hasClock ? trace.declare("clk", 1) : -1;
    for (int slot = 0; slot < graph.size; slot++) {
      if (names.get(slot) != null) {
        slots.add(slot);
        trace.declare(names.get(slot), graph.width[slot]);
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
    Dataflow graph = design.graph;
    for (int i = 0; i < traceSlots.length; i++) {
      int slot = traceSlots[i];
      trace.change(i + offset, Program.bits(state.v, state.wide, layout.index[slot], graph.width[slot]));
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
