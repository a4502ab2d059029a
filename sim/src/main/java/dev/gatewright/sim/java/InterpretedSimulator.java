package dev.gatewright.sim.java;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.vcd.VcdWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets an elaborated design in Java: the hierarchy is flattened and the combinational logic
 * encoded once into a {@link Program} whose instructions run in dependency order each cycle. It is
 * the reference the compiled engine ({@link JavaSimulator}) is tested and benchmarked against, kept
 * because it is short enough to read: {@link dev.gatewright.sim.Engine#JAVA} does not use it.
 * Behaves exactly as the Verilator engine does (see {@link Simulator}).
 */
public final class InterpretedSimulator implements Simulator {

  private final Component<?> top;
  private final FlatDesign design;
  /** Everything combinational: for waveforms, which show every named signal. */
  private final Program program;
  /** The cone of the outputs: what a peek needs. */
  private final Program outputProgram;
  /** The cone of register, memory and synchronous-read inputs: what a clock edge needs. */
  private final Program stateProgram;
  private final long[] v;
  private final long[][] wide;
  private final int[] width;
  private final int[] registers;
  private final int[] syncReads;
  private final long[][] memoryWords;
  private final BigInteger[][] wideMemoryWords;
  private final Map<String, Integer> portSlots = new LinkedHashMap<>();
  private final Map<String, SimPort> ports = new LinkedHashMap<>();
  private final List<SimPort> batchInputs = new ArrayList<>();
  private final List<SimPort> batchOutputs = new ArrayList<>();
  private final String resetName;
  private final boolean resetActiveLow;
  private long resetValue;
  private final long[] nextNarrow;
  private final long[][] nextWide;
  private boolean dirty = true;
  private boolean stateDirty = true;
  private long cycle;
  private VcdWriter trace;
  private int[] traceSlots;
  private int traceClock;
  private final Program.State state = new Program.State() {
    @Override
    public long readMemory(int memory, long address) {
      long[] words = memoryWords[memory];
      return Long.compareUnsigned(address, words.length) < 0 ? words[(int) address] : 0;
    }

    @Override
    public BigInteger readWideMemory(int memory, BigInteger address) {
      return readWide(memory, address);
    }
  };

  public InterpretedSimulator(Component<?> top) {
    this.top = top;
    this.design = FlatDesign.of(top);
    int n = design.size();
    this.v = new long[n];
    this.wide = new long[n][];
    this.width = new int[n];
    List<Integer> regs = new ArrayList<>();
    List<Integer> reads = new ArrayList<>();
    for (int slot = 0; slot < n; slot++) {
      Node node = design.nodes.get(slot);
      width[slot] = node.width();
      if (width[slot] > 64) {
        wide[slot] = new long[Words.count(width[slot])];
      }
      if (node.op() == Op.CONST) {
        Program.store(v, wide, slot, width[slot], node.constant());
      } else if (node.op() == Op.REG) {
        regs.add(slot);
      } else if (node.op() == Op.MEM_READ && node.synchronousRead()) {
        reads.add(slot);
      }
    }
    this.registers = regs.stream().mapToInt(Integer::intValue).toArray();
    this.syncReads = reads.stream().mapToInt(Integer::intValue).toArray();
    this.nextNarrow = new long[n];
    this.nextWide = new long[n][];
    for (int slot = 0; slot < n; slot++) {
      if (width[slot] > 64) {
        nextWide[slot] = new long[Words.count(width[slot])];
      }
    }
    this.memoryWords = new long[design.memories.size()][];
    this.wideMemoryWords = new BigInteger[design.memories.size()][];
    for (int i = 0; i < memoryWords.length; i++) {
      FlatDesign.Memory memory = design.memories.get(i);
      if (memory.width() > 64) {
        wideMemoryWords[i] = new BigInteger[memory.depth()];
        java.util.Arrays.fill(wideMemoryWords[i], BigInteger.ZERO);
        memoryWords[i] = new long[0];
      } else {
        memoryWords[i] = new long[memory.depth()];
      }
    }
    int[] order = order();
    this.program = Program.compile(design, order, null);
    List<Integer> outputRoots = new ArrayList<>(design.topOutputs.values());
    this.outputProgram = Program.compile(design, order, cone(outputRoots));
    List<Integer> stateRoots = new ArrayList<>();
    for (int slot : registers) {
      for (int arg : design.args.get(slot)) {
        stateRoots.add(arg);
      }
    }
    for (int slot : syncReads) {
      int[] args = design.args.get(slot);
      for (int k = 0; k < args.length - 1; k++) {
        stateRoots.add(args[k]);
      }
    }
    for (FlatDesign.Memory memory : design.memories) {
      for (int[] write : memory.writes()) {
        for (int slot : write) {
          stateRoots.add(slot);
        }
      }
    }
    this.stateProgram = Program.compile(design, order, cone(stateRoots));
    this.resetName = top.hasReset() ? top.resetName() : null;
    this.resetActiveLow = top.resetActiveLow();
    if (resetName != null) {
      SimPort reset = new SimPort(resetName, 1, true);
      ports.put(resetName, reset);
      batchInputs.add(reset);
    }
    design.topInputs.forEach((name, slot) -> {
      SimPort port = new SimPort(name, width[slot], true);
      ports.put(name, port);
      portSlots.put(name, slot);
      batchInputs.add(port);
    });
    design.topOutputs.forEach((name, slot) -> {
      SimPort port = new SimPort(name, width[slot], false);
      ports.put(name, port);
      portSlots.put(name, slot);
      batchOutputs.add(port);
    });
  }

  /** A dependency order of the flat design's combinational graph (loops were rejected at elaboration). */
  private int[] order() {
    int n = design.size();
    int[] pending = new int[n];
    List<List<Integer>> users = new ArrayList<>(Collections.nCopies(n, null));
    for (int slot = 0; slot < n; slot++) {
      int[] deps = combinationalArgs(slot);
      pending[slot] = deps.length;
      for (int dep : deps) {
        List<Integer> list = users.get(dep);
        if (list == null) {
          list = new ArrayList<>(2);
          users.set(dep, list);
        }
        list.add(slot);
      }
    }
    int[] order = new int[n];
    int count = 0;
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int slot = 0; slot < n; slot++) {
      if (pending[slot] == 0) {
        ready.add(slot);
      }
    }
    while (!ready.isEmpty()) {
      int slot = ready.poll();
      order[count++] = slot;
      List<Integer> list = users.get(slot);
      if (list != null) {
        for (int user : list) {
          if (--pending[user] == 0) {
            ready.add(user);
          }
        }
      }
    }
    if (count != n) {
      throw new IllegalStateException("combinational loop across the hierarchy of " + top.name());
    }
    return order;
  }

  /** The slots the roots depend on combinationally, the roots included. */
  private boolean[] cone(List<Integer> roots) {
    boolean[] marked = new boolean[design.size()];
    ArrayDeque<Integer> stack = new ArrayDeque<>(roots);
    while (!stack.isEmpty()) {
      int slot = stack.pop();
      if (marked[slot]) {
        continue;
      }
      marked[slot] = true;
      for (int dep : combinationalArgs(slot)) {
        stack.push(dep);
      }
    }
    return marked;
  }

  private int[] combinationalArgs(int slot) {
    Node node = design.nodes.get(slot);
    if (node.isSequential() || node.op() == Op.INPUT || node.op() == Op.CONST) {
      return new int[0];
    }
    int[] args = design.args.get(slot);
    if (node.op() == Op.MEM_READ) {
      return new int[] {args[0]};
    }
    return args;
  }

  @Override
  public String engine() {
    return "java-interpreter";
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
    if (port.equals(resetName)) {
      resetValue = value & 1;
    } else {
      v[portSlots.get(port)] = value & Program.maskOf(p.width());
    }
    markDirty();
  }

  @Override
  public void poke(String port, BigInteger value) {
    SimPort p = port(port, true);
    BigInteger bits = Eval.toBits(value, p.width());
    if (port.equals(resetName)) {
      resetValue = bits.longValue();
    } else {
      Program.store(v, wide, portSlots.get(port), p.width(), bits);
    }
    markDirty();
  }

  @Override
  public long peek(String port) {
    SimPort p = port(port, false);
    if (p.width() > 64) {
      throw new IllegalArgumentException("port " + port + " has " + p.width() + " bits; use peekBig");
    }
    if (port.equals(resetName)) {
      return resetValue;
    }
    eval();
    return v[portSlots.get(port)];
  }

  @Override
  public long peekSigned(String port) {
    return Program.signed(peek(port), ports.get(port).width());
  }

  @Override
  public BigInteger peekBig(String port) {
    SimPort p = port(port, false);
    if (port.equals(resetName)) {
      return BigInteger.valueOf(resetValue);
    }
    eval();
    return Program.bits(v, wide, portSlots.get(port), p.width());
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

  private void markDirty() {
    dirty = true;
    stateDirty = true;
  }

  /** Settles the outputs (waveforms: every signal). */
  @Override
  public void eval() {
    if (dirty) {
      (trace != null ? program : outputProgram).run(v, wide, state);
      dirty = false;
    }
  }

  private void settleState() {
    if (stateDirty) {
      stateProgram.run(v, wide, state);
      stateDirty = false;
    }
  }

  @Override
  public void step(long cycles) {
    for (long c = 0; c < cycles; c++) {
      edge();
    }
  }

  private void edge() {
    settleState();
    boolean inReset = resetName != null && (resetActiveLow ? resetValue == 0 : resetValue != 0);
    for (int slot : registers) {
      Node node = design.nodes.get(slot);
      int[] args = design.args.get(slot);
      boolean load;
      BigInteger init = node.resetValue();
      if (inReset && init != null) {
        storeNext(slot, init);
        continue;
      }
      load = args.length < 2 || v[args[1]] != 0;
      int source = load ? args[0] : slot;
      if (width[slot] > 64) {
        System.arraycopy(wide[source], 0, nextWide[slot], 0, nextWide[slot].length);
      } else {
        nextNarrow[slot] = v[source];
      }
    }
    for (int slot : syncReads) {
      int[] args = design.args.get(slot);
      boolean enabled = args.length < 3 || v[args[1]] != 0;
      int memory = args[args.length - 1];
      if (!enabled) {
        if (width[slot] > 64) {
          System.arraycopy(wide[slot], 0, nextWide[slot], 0, nextWide[slot].length);
        } else {
          nextNarrow[slot] = v[slot];
        }
      } else if (width[slot] > 64) {
        Words.fromBigInteger(readWide(memory, Program.bits(v, wide, args[0], width[args[0]])), width[slot], nextWide[slot]);
      } else {
        nextNarrow[slot] = state.readMemory(memory, v[args[0]]);
      }
    }
    for (int m = 0; m < memoryWords.length; m++) {
      FlatDesign.Memory memory = design.memories.get(m);
      for (int[] write : memory.writes()) {
        if (v[write[0]] == 0) {
          continue;
        }
        long address = v[write[1]];
        if (Long.compareUnsigned(address, memory.depth()) >= 0) {
          continue;
        }
        if (memory.width() > 64) {
          wideMemoryWords[m][(int) address] = Words.toBigInteger(wide[write[2]]);
        } else {
          memoryWords[m][(int) address] = v[write[2]];
        }
      }
    }
    for (int slot : registers) {
      commit(slot);
    }
    for (int slot : syncReads) {
      commit(slot);
    }
    cycle++;
    markDirty();
    if (trace != null) {
      eval();
      sample();
    }
  }

  private void storeNext(int slot, BigInteger value) {
    if (width[slot] > 64) {
      Words.fromBigInteger(value, width[slot], nextWide[slot]);
    } else {
      nextNarrow[slot] = value.longValue();
    }
  }

  private void commit(int slot) {
    if (width[slot] > 64) {
      System.arraycopy(nextWide[slot], 0, wide[slot], 0, wide[slot].length);
    } else {
      v[slot] = nextNarrow[slot];
    }
  }

  private BigInteger readWide(int memory, BigInteger address) {
    BigInteger[] words = wideMemoryWords[memory];
    return address.compareTo(BigInteger.valueOf(words.length)) < 0 ? words[address.intValueExact()] : BigInteger.ZERO;
  }

  @Override
  public void reset(int cycles) {
    if (resetName == null) {
      step(cycles);
      return;
    }
    long saved = resetActiveLow ? 1 : 0;
    resetValue = resetActiveLow ? 0 : 1;
    markDirty();
    step(cycles);
    resetValue = saved;
    markDirty();
  }

  @Override
  public long cycle() {
    return cycle;
  }

  @Override
  public long runBatch(long[] inputs, long[] outputs) {
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
    int[] inSlotOf = new int[batchInputs.size()];
    for (int i = 0; i < inSlotOf.length; i++) {
      Integer slot = portSlots.get(batchInputs.get(i).name());
      inSlotOf[i] = slot == null ? -1 : slot;
    }
    int[] outSlotOf = new int[batchOutputs.size()];
    for (int i = 0; i < outSlotOf.length; i++) {
      outSlotOf[i] = portSlots.get(batchOutputs.get(i).name());
    }
    for (int c = 0; c < cycles; c++) {
      int offset = c * inSlots;
      for (int i = 0; i < inSlotOf.length; i++) {
        SimPort port = batchInputs.get(i);
        if (inSlotOf[i] < 0) {
          resetValue = inputs[offset] & 1;
        } else if (port.width() <= 64) {
          v[inSlotOf[i]] = inputs[offset] & Program.maskOf(port.width());
        } else {
          long[] target = wide[inSlotOf[i]];
          System.arraycopy(inputs, offset, target, 0, target.length);
          Words.clearAbove(target, port.width());
        }
        offset += port.slots();
      }
      markDirty();
      edge();
      eval();
      offset = c * outSlots;
      for (int i = 0; i < outSlotOf.length; i++) {
        SimPort port = batchOutputs.get(i);
        if (port.width() <= 64) {
          outputs[offset] = v[outSlotOf[i]];
        } else {
          System.arraycopy(wide[outSlotOf[i]], 0, outputs, offset, port.slots());
        }
        offset += port.slots();
      }
    }
    return cycles;
  }

  @Override
  public void traceTo(Path vcd) {
    closeTrace();
    trace = new VcdWriter(vcd, top.name());
    List<Integer> slots = new ArrayList<>();
    traceClock = top.hasClock() ? trace.declare("clk", 1) : -1;
    for (int slot = 0; slot < design.size(); slot++) {
      if (design.names.get(slot) != null) {
        slots.add(slot);
        trace.declare(design.names.get(slot), width[slot]);
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
      int slot = traceSlots[i];
      trace.change(i + offset, Program.bits(v, wide, slot, width[slot]));
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
