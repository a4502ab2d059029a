package dev.gatewright.sim.java;

import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The state of one simulation of a {@link CompiledDesign}: every value in its arrays (see
 * {@link Layout}), the memories, and the clock edge. The generated edge pass computes the next value
 * of all state of at most 64 bits; this class then computes the wider state, writes the memories and
 * commits the next values, so that everything samples the values from before the edge.
 */
final class SimulationState implements Program.State {

  private final CompiledDesign design;
  private final Layout layout;
  private final Dataflow graph;
  final long[] v;
  final long[] next;
  final long[][] wide;
  final long[][] memories;
  private final BigInteger[][] wideMemories;
  /** Next values of the state the generated code does not compute, by position in {@code design.slowState}. */
  private final long[][] slowNext;

  SimulationState(CompiledDesign design) {
    this.design = design;
    this.layout = design.layout;
    this.graph = design.graph;
    this.v = new long[layout.slots];
    this.next = new long[layout.deferredCount];
    this.wide = new long[layout.slots][];
    for (int slot = 0; slot < graph.size; slot++) {
      int i = layout.index[slot];
      if (i >= 0 && graph.width[slot] > 64 && wide[i] == null) {
        wide[i] = new long[Words.count(graph.width[slot])];
      }
    }
    int count = graph.design.memories.size();
    this.memories = new long[count][];
    this.wideMemories = new BigInteger[count][];
    for (int m = 0; m < count; m++) {
      FlatDesign.Memory memory = graph.design.memories.get(m);
      if (memory.width() > 64) {
        wideMemories[m] = new BigInteger[memory.depth()];
        memories[m] = new long[0];
      } else {
        memories[m] = new long[layout.memoryLength[m]];
      }
    }
    this.slowNext = new long[design.slowState.length][];
    for (int k = 0; k < slowNext.length; k++) {
      slowNext[k] = new long[Words.count(Math.max(1, graph.width[design.slowState[k]]))];
    }
    clear();
  }

  /** Back to power-on: every value, register and memory word zero, literals in their slots. */
  void clear() {
    Arrays.fill(v, 0);
    Arrays.fill(next, 0);
    for (long[] words : wide) {
      if (words != null) {
        Arrays.fill(words, 0);
      }
    }
    for (long[] words : memories) {
      Arrays.fill(words, 0);
    }
    for (BigInteger[] words : wideMemories) {
      if (words != null) {
        Arrays.fill(words, BigInteger.ZERO);
      }
    }
    for (int k = 0; k < layout.constantIndex.length; k++) {
      v[layout.constantIndex[k]] = layout.constantValue[k];
    }
    for (int k = 0; k < layout.wideConstantIndex.length; k++) {
      long[] words = layout.wideConstantWords[k];
      System.arraycopy(words, 0, wide[layout.wideConstantIndex[k]], 0, words.length);
    }
  }

  void settle(GeneratedProgram program) {
    program.run(v, next, wide, memories, this, 0);
  }

  /** One rising clock edge. */
  void edge(boolean inReset) {
    long reset = inReset ? 1 : 0;
    design.edge.run(v, next, wide, memories, this, reset);
    if (design.plainEdge) {
      return;  // every next value was committed by the generated code
    }
    int[] slow = design.slowState;
    for (int k = 0; k < slow.length; k++) {
      slowNext(slow[k], slowNext[k], inReset);
    }
    writeMemories();
    System.arraycopy(next, 0, v, layout.deferredBase, next.length);
    for (int k = 0; k < slow.length; k++) {
      int i = layout.index[slow[k]];
      if (graph.width[slow[k]] > 64) {
        System.arraycopy(slowNext[k], 0, wide[i], 0, slowNext[k].length);
      } else {
        v[i] = slowNext[k][0];
      }
    }
  }

  private void slowNext(int slot, long[] target, boolean inReset) {
    int[] args = graph.args(slot);
    int width = graph.width[slot];
    boolean enabled = !graph.hasEnable(slot) || value(args[1]).signum() != 0;
    BigInteger value;
    if (graph.node(slot).op() == Op.REG) {
      BigInteger init = graph.node(slot).resetValue();
      if (inReset && init != null && design.hasReset) {
        value = init;
      } else {
        value = value(enabled ? args[0] : slot);
      }
    } else {
      value = enabled ? readWideMemory(graph.memoryOf(slot), value(args[0])) : value(slot);
    }
    if (width > 64) {
      Words.fromBigInteger(value, width, target);
    } else {
      target[0] = value.longValue() & Program.maskOf(width);
    }
  }

  private void writeMemories() {
    int[][][] writes = design.memoryWrites;
    for (int m = 0; m < writes.length; m++) {
      FlatDesign.Memory memory = graph.design.memories.get(m);
      for (int[] write : writes[m]) {
        if (v[write[0]] == 0) {
          continue;
        }
        long address = v[write[1]];
        if (Long.compareUnsigned(address, memory.depth()) >= 0) {
          continue;
        }
        if (memory.width() > 64) {
          wideMemories[m][(int) address] = Words.toBigInteger(wide[write[2]]);
        } else {
          memories[m][(int) address] = v[write[2]];
        }
      }
    }
  }

  BigInteger memoryWord(int memory, int address) {
    return wideMemories[memory] != null ? wideMemories[memory][address] : Program.unsigned(memories[memory][address]);
  }

  void setMemoryWord(int memory, int address, BigInteger bits) {
    if (wideMemories[memory] != null) {
      wideMemories[memory][address] = bits;
    } else {
      memories[memory][address] = bits.longValue();
    }
  }

  /** A flat slot's value, unsigned, wherever its canonical copy lives. */
  BigInteger value(int slot) {
    int source = graph.canonical[slot];
    if (graph.role[source] == Dataflow.CONST) {
      return graph.node(source).constant();
    }
    return Program.bits(v, wide, layout.index[source], graph.width[source]);
  }

  @Override
  public long readMemory(int memory, long address) {
    return Kernels.read(memories[memory], address);
  }

  @Override
  public BigInteger readWideMemory(int memory, BigInteger address) {
    BigInteger[] words = wideMemories[memory];
    if (words == null) {
      return address.bitLength() < 64 ? Program.unsigned(readMemory(memory, address.longValue())) : BigInteger.ZERO;
    }
    return address.compareTo(BigInteger.valueOf(words.length)) < 0 ? words[address.intValueExact()] : BigInteger.ZERO;
  }
}
