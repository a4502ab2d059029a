package dev.gatewright.nn.arith;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * A hash map from {@code long} keys to values, without boxing and with a multiplicative hash that spreads
 * keys whose information sits in a few bit fields (the pattern keys of {@link CommonSubexpressions},
 * which {@link Long#hashCode()} folds onto few buckets). Open addressing, linear probing; no removal.
 */
final class LongMap<V> {

  private long[] keys;
  private Object[] values;
  private int size;
  private int shift;

  LongMap() {
    keys = new long[64];
    values = new Object[64];
    shift = 64 - 6;
  }

  @SuppressWarnings("unchecked")
  V get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key); ; i = (i + 1) & mask) {
      Object v = values[i];
      if (v == null) {
        return null;
      }
      if (keys[i] == key) {
        return (V) v;
      }
    }
  }

  /** The value for {@code key}, made by {@code create} and stored when absent. */
  @SuppressWarnings("unchecked")
  V computeIfAbsent(long key, LongFunction<V> create) {
    int mask = keys.length - 1;
    int i = slot(key);
    for (; values[i] != null; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return (V) values[i];
      }
    }
    V v = create.apply(key);
    keys[i] = key;
    values[i] = v;
    if (++size * 2 > keys.length) {
      grow();
    }
    return v;
  }

  int size() {
    return size;
  }

  private int slot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldValues.length * 2];
    shift--;
    int mask = keys.length - 1;
    for (int k = 0; k < oldKeys.length; k++) {
      if (oldValues[k] != null) {
        int i = slot(oldKeys[k]);
        while (values[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[k];
        values[i] = oldValues[k];
      }
    }
    Arrays.fill(oldValues, null);
  }
}
