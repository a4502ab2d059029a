package dev.gatewright.sim.java;

import java.lang.invoke.MethodHandles;

/**
 * What the bytecode {@link JavaSimulator} generates calls: operations too long to inline at every
 * use, the instructions for values wider than 64 bits, and the bootstrap of its constants (ROM tables
 * and wide instructions, shared by every simulation of a design). Public only because generated
 * classes live in a class loader of their own; not an API.
 */
public final class Kernels {

  private Kernels() {}

  /** Bootstrap of a dynamic constant: entry {@code index} of the generating loader's constants. */
  public static Object constant(MethodHandles.Lookup lookup, String name, Class<?> type, int index) {
    return ((DesignLoader) lookup.lookupClass().getClassLoader()).constant(index);
  }

  /** Runs an instruction on values wider than 64 bits ({@link WideOp}). */
  public static void wide(Object op, long[] v, long[][] wide, Object state) {
    ((WideOp) op).run(v, wide, (Program.State) state);
  }

  /** A named copy of a wide value, for waveforms. */
  public static void copyWords(long[] from, long[] to) {
    System.arraycopy(from, 0, to, 0, to.length);
  }

  /** A table read whose address may be past the end: zero there. */
  public static long read(long[] words, long address) {
    return Long.compareUnsigned(address, words.length) < 0 ? words[(int) address] : 0;
  }

  public static long dshl(long value, long amount, long mask) {
    return Long.compareUnsigned(amount, 64) >= 0 ? 0 : (value << amount) & mask;
  }

  public static long dshr(long value, long amount) {
    return Long.compareUnsigned(amount, 64) >= 0 ? 0 : value >>> amount;
  }

  /** Arithmetic shift of a {@code 64 - unused}-bit value by a signal. */
  public static long dsra(long value, long amount, int unused, long mask) {
    long signed = (value << unused) >> unused;
    return (signed >> (Long.compareUnsigned(amount, 63) > 0 ? 63 : amount)) & mask;
  }

  // comparisons of 64-bit operands, where a difference can overflow

  public static long ltu(long a, long b) {
    return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
  }

  public static long lts(long a, long b) {
    return a < b ? 1 : 0;
  }
}
