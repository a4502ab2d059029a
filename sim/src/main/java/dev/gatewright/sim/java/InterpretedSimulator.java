package dev.gatewright.sim.java;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.sim.Simulator;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Interprets an elaborated design in Java: the hierarchy is flattened and the combinational logic
 * encoded once into a {@link Program} whose instructions run in dependency order each cycle. It is
 * the reference the compiled engine ({@link JavaSimulator}) is tested and benchmarked against, kept
 * because it is short enough to read: {@link dev.gatewright.sim.Engine#JAVA} does not use it.
 * Behaves exactly as the Verilator engine does (see {@link Simulator}).
 */
public final class InterpretedSimulator extends FlatSimulator {

  private final FlatDesign design;
  /** Everything combinational: for waveforms, which show every named signal. */
  private final Program program;
  /** The cone of the outputs: what a peek needs. */
  private final Program outputProgram;
  /** The cone of register, memory and synchronous-read inputs: what a clock edge needs. */
  private final Program stateProgram;
  private final int[] width;
  private final int[] registers;
  private final int[] syncReads;
  private final MemoryWords memories;
  /** Per memory, per write port: the slots of its enable, address and data. */
  private final int[][][] memoryWrites;
  private final long[] nextNarrow;
  private final long[][] nextWide;
  private boolean stateDirty = true;

  public InterpretedSimulator(Component<?> top) {
    this(Top.of(top), FlatDesign.of(top));
  }

  private InterpretedSimulator(Top top, FlatDesign design) {
    super(top, design, new long[design.size()], wideValues(design), slot -> slot);
    this.design = design;
    int n = design.size();
    this.width = new int[n];
    List<Integer> regs = new ArrayList<>();
    List<Integer> reads = new ArrayList<>();
    for (int slot = 0; slot < n; slot++) {
      Node node = design.nodes.get(slot);
      width[slot] = node.width();
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
    this.nextWide = wideValues(design);
    this.memories = new MemoryWords(design.memories, m -> design.memories.get(m).depth());
    this.memoryWrites = design.memories.stream().map(FlatDesign.Memory::writes).toArray(int[][][]::new);
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
    for (int[][] writes : memoryWrites) {
      for (int[] write : writes) {
        for (int slot : write) {
          stateRoots.add(slot);
        }
      }
    }
    this.stateProgram = Program.compile(design, order, cone(stateRoots));
  }

  /** Words for every slot wider than 64 bits, zero. */
  private static long[][] wideValues(FlatDesign design) {
    long[][] words = new long[design.size()][];
    for (int slot = 0; slot < words.length; slot++) {
      int width = design.nodes.get(slot).width();
      if (width > 64) {
        words[slot] = new long[Words.count(width)];
      }
    }
    return words;
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
      throw new IllegalStateException("combinational loop across the hierarchy of " + designName());
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
  void markDirty() {
    super.markDirty();
    stateDirty = true;
  }

  @Override
  void settle(boolean everySignal) {
    (everySignal ? program : outputProgram).run(v, wide, memories);
  }

  private void settleState() {
    if (stateDirty) {
      stateProgram.run(v, wide, memories);
      stateDirty = false;
    }
  }

  @Override
  void clockEdge(boolean inReset) {
    settleState();
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
        BigInteger address = Program.bits(v, wide, args[0], width[args[0]]);
        Words.fromBigInteger(memories.readWideMemory(memory, address), width[slot], nextWide[slot]);
      } else {
        nextNarrow[slot] = memories.readMemory(memory, v[args[0]]);
      }
    }
    memories.write(memoryWrites, v, wide);
    for (int slot : registers) {
      commit(slot);
    }
    for (int slot : syncReads) {
      commit(slot);
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

  @Override
  BigInteger signal(int slot) {
    return Program.bits(v, wide, slot, width[slot]);
  }
}
