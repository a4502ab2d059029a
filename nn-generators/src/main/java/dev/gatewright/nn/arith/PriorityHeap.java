package dev.gatewright.nn.arith;

import java.util.Arrays;

/**
 * A binary max-heap of {@code (priority, id)} pairs in two primitive arrays: the highest priority comes
 * first, the lower id among equal priorities. Made for the hundreds of thousands of short-lived entries
 * of {@link CommonSubexpressions}, where a heap of objects spends its time chasing pointers.
 */
final class PriorityHeap {

  private long[] priorities = new long[256];
  private int[] ids = new int[256];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  void add(long priority, int id) {
    if (size == priorities.length) {
      priorities = Arrays.copyOf(priorities, size * 2);
      ids = Arrays.copyOf(ids, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(priority, id, priorities[parent], ids[parent])) {
        break;
      }
      priorities[i] = priorities[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    priorities[i] = priority;
    ids[i] = id;
  }

  /** The first entry's priority. */
  long peekPriority() {
    return priorities[0];
  }

  /** Removes the first entry and returns its id. */
  int poll() {
    int first = ids[0];
    size--;
    long priority = priorities[size];
    int id = ids[size];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(priorities[right], ids[right], priorities[child], ids[child])) {
        child = right;
      }
      if (!before(priorities[child], ids[child], priority, id)) {
        break;
      }
      priorities[i] = priorities[child];
      ids[i] = ids[child];
      i = child;
    }
    priorities[i] = priority;
    ids[i] = id;
    return first;
  }

  private static boolean before(long p, int id, long q, int other) {
    return p > q || (p == q && id < other);
  }
}
