package dev.gatewright.sim.java;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The words of a flat design's memories in one simulation, and their write ports at a clock edge:
 * memories of at most 64 bits as {@code long} arrays (what generated code reads directly), wider ones
 * as BigIntegers. Both Java engines keep their memories here.
 */
final class MemoryWords implements Program.State {

  private final List<FlatDesign.Memory> memories;
  /** Per memory of at most 64 bits its words (possibly more than its depth); empty for a wide memory. */
  final long[][] narrow;
  /** Per memory wider than 64 bits its words; null for a narrow memory. */
  private final BigInteger[][] wide;

  /**
   * All words zero.
   *
   * @param narrowLength per memory index, how many words to hold for a narrow memory (at least its depth)
   */
  MemoryWords(List<FlatDesign.Memory> memories, IntUnaryOperator narrowLength) {
    this.memories = memories;
    this.narrow = new long[memories.size()][];
    this.wide = new BigInteger[memories.size()][];
    for (int m = 0; m < narrow.length; m++) {
      FlatDesign.Memory memory = memories.get(m);
      if (memory.width() > 64) {
        wide[m] = new BigInteger[memory.depth()];
        narrow[m] = new long[0];
      } else {
        narrow[m] = new long[narrowLength.applyAsInt(m)];
      }
    }
    clear();
  }

  /** Every word zero. */
  void clear() {
    for (long[] words : narrow) {
      Arrays.fill(words, 0);
    }
    for (BigInteger[] words : wide) {
      if (words != null) {
        Arrays.fill(words, BigInteger.ZERO);
      }
    }
  }

  /**
   * Runs every write port once, as a clock edge does: a port whose enable is set writes its data at
   * its address, unless the address is past the end.
   *
   * @param writes per memory, per write port: where its enable, address and data are in {@code v} and
   *     {@code wideValues}
   */
  void write(int[][][] writes, long[] v, long[][] wideValues) {
    for (int m = 0; m < writes.length; m++) {
      FlatDesign.Memory memory = memories.get(m);
      for (int[] write : writes[m]) {
        if (v[write[0]] == 0) {
          continue;
        }
        long address = v[write[1]];
        if (Long.compareUnsigned(address, memory.depth()) >= 0) {
          continue;
        }
        if (memory.width() > 64) {
          wide[m][(int) address] = Words.toBigInteger(wideValues[write[2]]);
        } else {
          narrow[m][(int) address] = v[write[2]];
        }
      }
    }
  }

  /** The word at {@code address} (within the depth), unsigned. */
  BigInteger word(int memory, int address) {
    return wide[memory] != null ? wide[memory][address] : Program.unsigned(narrow[memory][address]);
  }

  /** Sets the word at {@code address} (within the depth) to {@code bits}, already cut to the memory's width. */
  void setWord(int memory, int address, BigInteger bits) {
    if (wide[memory] != null) {
      wide[memory][address] = bits;
    } else {
      narrow[memory][address] = bits.longValue();
    }
  }

  @Override
  public long readMemory(int memory, long address) {
    return Kernels.read(narrow[memory], address);
  }

  @Override
  public BigInteger readWideMemory(int memory, BigInteger address) {
    BigInteger[] words = wide[memory];
    if (words == null) {
      return address.bitLength() < 64 ? Program.unsigned(readMemory(memory, address.longValue())) : BigInteger.ZERO;
    }
    return address.compareTo(BigInteger.valueOf(words.length)) < 0 ? words[address.intValueExact()] : BigInteger.ZERO;
  }
}
