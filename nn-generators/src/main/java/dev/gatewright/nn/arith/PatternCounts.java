package dev.gatewright.nn.arith;

import java.util.Arrays;

/**
 * Occurrence counts of patterns, by their {@code long} key (see {@link CommonSubexpressions}), with a
 * dense id per pattern in the order patterns first appear. One flat open-addressing table holds key,
 * id and count side by side, so that counting a pair costs one cache line; a multiplicative hash spreads
 * keys whose information sits in a few bit fields ({@link Long#hashCode()} would fold them onto few
 * buckets). There is no removal: a pattern whose count falls to 0 keeps its id.
 */
final class PatternCounts {

  private long[] slots = new long[2 * 1024]; // key, (id + 1) << 32 | count; 0 marks an empty slot
  private int[] slotOfId = new int[1024];
  private long[] keyOfId = new long[1024];
  private int size;
  private int shift = 64 - 10;

  /** Adds {@code delta} to the count of {@code key} (creating it at 0) and returns the id. */
  int add(long key, int delta) {
    int slot = find(key);
    slots[2 * slot + 1] += delta;
    return (int) (slots[2 * slot + 1] >>> 32) - 1;
  }

  int count(int id) {
    return (int) slots[2 * slotOfId[id] + 1];
  }

  long key(int id) {
    return keyOfId[id];
  }

  /** Patterns seen so far; ids are {@code 0..size-1}. */
  int size() {
    return size;
  }

  private int find(long key) {
    int mask = slots.length / 2 - 1;
    int i = slot(key);
    while (slots[2 * i + 1] != 0) {
      if (slots[2 * i] == key) {
        return i;
      }
      i = (i + 1) & mask;
    }
    if (size == slotOfId.length) {
      slotOfId = Arrays.copyOf(slotOfId, size * 2);
      keyOfId = Arrays.copyOf(keyOfId, size * 2);
    }
    slots[2 * i] = key;
    slots[2 * i + 1] = (long) (size + 1) << 32;
    slotOfId[size] = i;
    keyOfId[size] = key;
    size++;
    if (size * 4 > slots.length / 2 * 3) {
      grow();
      return slotOfId[size - 1];
    }
    return i;
  }

  private int slot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    shift--;
    int mask = slots.length / 2 - 1;
    for (int k = 0; k < old.length / 2; k++) {
      long packed = old[2 * k + 1];
      if (packed != 0) {
        int i = slot(old[2 * k]);
        while (slots[2 * i + 1] != 0) {
          i = (i + 1) & mask;
        }
        slots[2 * i] = old[2 * k];
        slots[2 * i + 1] = packed;
        slotOfId[(int) (packed >>> 32) - 1] = i;
      }
    }
  }
}
