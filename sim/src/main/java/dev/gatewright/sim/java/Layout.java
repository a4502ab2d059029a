package dev.gatewright.sim.java;

import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Where each value of a compiled design lives in a simulation's arrays: one index space for
 * {@code v} (values of at most 64 bits) and {@code wide} (wider values, as words). Only values
 * someone reads from the arrays get an index: inputs, state, output ports, values a later chunk or
 * the simulator reads, literals wide instructions need, and named signals (for waveforms). Inputs
 * come first, then the state, whose deferred next values form one block copied from {@code next}
 * after the edge.
 */
final class Layout {

  final Dataflow graph;
  /** The index of each flat slot, -1 where no one reads the slot from the arrays. */
  final int[] index;
  final int slots;
  /** {@code next[k]} is committed to {@code v[deferredBase + k]} after the edge. */
  final int deferredBase;
  final int deferredCount;
  /** Words of each memory of at most 64 bits (padded to a power of two where reads then need no bounds check). */
  final int[] memoryLength;
  /** Literals and their slots, written once into a fresh state. */
  final int[] constantIndex;
  final long[] constantValue;
  final int[] wideConstantIndex;
  final long[][] wideConstantWords;

  Layout(Dataflow graph, ProgramPlan... plans) {
    this.graph = graph;
    int n = graph.size;
    this.index = new int[n];
    Arrays.fill(index, -1);
    int next = 0;
    for (int slot : graph.design.topInputs.values()) {
      index[slot] = next++;
    }
    BitSet deferred = new BitSet();
    for (ProgramPlan plan : plans) {
      deferred.or(plan.deferred);
    }
    for (int slot = 0; slot < n; slot++) {
      if (graph.role[slot] == Dataflow.STATE && !deferred.get(slot)) {
        index[slot] = next++;
      }
    }
    this.deferredBase = next;
    for (int slot = deferred.nextSetBit(0); slot >= 0; slot = deferred.nextSetBit(slot + 1)) {
      index[slot] = next++;
    }
    this.deferredCount = next - deferredBase;
    BitSet others = new BitSet();
    for (ProgramPlan plan : plans) {
      others.or(plan.stored);
      others.or(plan.storedConstants);
    }
    for (int slot = 0; slot < n; slot++) {
      boolean wideConstant = graph.role[slot] == Dataflow.CONST && graph.width[slot] > 64;
      if (graph.role[slot] == Dataflow.SLOW_STATE || wideConstant) {
        others.set(slot);
      }
    }
    int constants = 0;
    int wideConstants = 0;
    for (int slot = others.nextSetBit(0); slot >= 0; slot = others.nextSetBit(slot + 1)) {
      if (index[slot] < 0) {
        index[slot] = next++;
      }
      if (graph.role[slot] == Dataflow.CONST) {
        if (graph.width[slot] > 64) {
          wideConstants++;
        } else {
          constants++;
        }
      }
    }
    this.slots = next;
    this.constantIndex = new int[constants];
    this.constantValue = new long[constants];
    this.wideConstantIndex = new int[wideConstants];
    this.wideConstantWords = new long[wideConstants][];
    constants = 0;
    wideConstants = 0;
    for (int slot = others.nextSetBit(0); slot >= 0; slot = others.nextSetBit(slot + 1)) {
      if (graph.role[slot] != Dataflow.CONST) {
        continue;
      }
      BigInteger value = graph.node(slot).constant();
      if (graph.width[slot] > 64) {
        long[] words = new long[Words.count(graph.width[slot])];
        Words.fromBigInteger(value, graph.width[slot], words);
        wideConstantIndex[wideConstants] = index[slot];
        wideConstantWords[wideConstants++] = words;
      } else {
        constantIndex[constants] = index[slot];
        constantValue[constants++] = value.longValue() & Program.maskOf(graph.width[slot]);
      }
    }
    this.memoryLength = memoryLengths(graph);
  }

  /**
   * Each memory's words padded to {@code 2^addressWidth} when that costs little, so that a read
   * needs no check that its address is in range (writes past the depth are dropped, so the padding
   * stays zero).
   */
  private static int[] memoryLengths(Dataflow graph) {
    int[] widest = new int[graph.design.memories.size()];
    for (int slot = 0; slot < graph.size; slot++) {
      Node node = graph.node(slot);
      if (node.op() == Op.MEM_READ) {
        int memory = graph.memoryOf(slot);
        widest[memory] = Math.max(widest[memory], graph.width[graph.args(slot)[0]]);
      }
    }
    int[] lengths = new int[widest.length];
    for (int m = 0; m < lengths.length; m++) {
      int depth = graph.design.memories.get(m).depth();
      boolean pad = widest[m] <= 20 && (1 << widest[m]) <= Math.max(2L * depth, 1024);
      lengths[m] = pad ? Math.max(depth, 1 << widest[m]) : depth;
    }
    return lengths;
  }

  /** Whether a read with an address of {@code addressWidth} bits is always inside memory {@code m}'s array. */
  boolean readInRange(int memory, int addressWidth) {
    return addressWidth < 31 && (1L << addressWidth) <= memoryLength[memory];
  }

  boolean deferred(int slot) {
    int i = index[slot];
    return i >= deferredBase && i < deferredBase + deferredCount && graph.role[slot] == Dataflow.STATE;
  }
}
