package dev.gatewright.sim.java;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.sim.Simulator;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

/**
 * Simulates an elaborated design in Java, with no external tools: the design is compiled to JVM
 * bytecode once ({@link CompiledDesign}) and each cycle runs the generated code, which the JIT turns
 * into machine code. Behaves exactly as the Verilator engine does (see {@link Simulator}).
 *
 * <p>Many independent simulations of one design share its compiled classes: open them with
 * {@link CompiledDesign#open()} or run them on all cores with {@link CompiledDesign#runIndependent}.
 */
public final class JavaSimulator extends FlatSimulator {

  private final CompiledDesign design;
  private final SimulationState state;
  private final Layout layout;
  /** Per batch input but the reset: the mask of its bits. */
  private final long[] batchInputMask;

  /** A simulation of {@code top}, compiled the first time this component is simulated. */
  public JavaSimulator(Component<?> top) {
    this(CompiledDesign.of(top));
  }

  JavaSimulator(CompiledDesign design) {
    this(design, new SimulationState(design));
  }

  private JavaSimulator(CompiledDesign design, SimulationState state) {
    super(new Top(design.name, design.hasClock, design.resetName, design.resetActiveLow), design.graph.design,
        state.v, state.wide, slot -> design.layout.index[design.graph.canonical[slot]]);
    this.design = design;
    this.layout = design.layout;
    this.state = state;
    int first = design.resetName != null ? 1 : 0;
    this.batchInputMask = batchInputs().stream().skip(first).mapToLong(p -> Program.maskOf(p.width())).toArray();
    for (int i = 0; i < batchInputMask.length; i++) {
      if (batchInputIndex[first + i] != i) {
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
  void settle(boolean everySignal) {
    state.settle(everySignal ? design.trace() : design.outputs);
  }

  @Override
  void clockEdge(boolean inReset) {
    state.edge(inReset);
  }

  @Override
  BigInteger signal(int slot) {
    return Program.bits(state.v, state.wide, layout.index[slot], design.graph.width[slot]);
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
    markDirty();
  }

  /** The word at {@code address} of a memory, unsigned. */
  public BigInteger peekMemory(String memory, int address) {
    return state.memories.word(memoryIndex(memory, address), address);
  }

  /** Sets the word at {@code address} of a memory (its low bits of {@code value}); outputs settle anew. */
  public void pokeMemory(String memory, int address, BigInteger value) {
    int m = memoryIndex(memory, address);
    state.memories.setWord(m, address, Eval.toBits(value, design.graph.design.memories.get(m).width()));
    markDirty();
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
  public void restart() {
    state.clear();
    powerOn();
  }

  /** {@link #runBatch} when every port fits a slot: one slot per port, no wide values. */
  @Override
  boolean runNarrowFrames(long[] inputs, long[] outputs, long cycles) {
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
      if (!tracing()) {
        state.settle(design.outputs);
      } else {
        eval();
      }
      for (int i = 0; i < outSlots; i++) {
        outputs[out + i] = v[outputIndex[i]];
      }
    }
    dirty = false;
    return true;
  }

  @Override
  public void traceTo(Path vcd) {
    design.trace();  // compiled before the file is opened
    super.traceTo(vcd);
  }
}
