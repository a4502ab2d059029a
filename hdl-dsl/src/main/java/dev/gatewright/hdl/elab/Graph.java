package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.ir.Node;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The growing node list of a module under construction. A pure node (see {@link
 * dev.gatewright.hdl.ir.Op#isPure()}) that equals one already present is not added again: the existing
 * id is returned (hash-consing), so the same expression is built, simulated and emitted once.
 */
public final class Graph {

  private final ArrayList<Node> nodes = new ArrayList<>();
  /** Open addressing, one long per slot: the node's hash in the high half, its id + 1 in the low (0: empty). */
  private long[] slots = new long[1024];
  private int interned;

  public int size() {
    return nodes.size();
  }

  public Node get(int id) {
    return nodes.get(id);
  }

  public List<Node> nodes() {
    return nodes;
  }

  /** Adds {@code node} (its id is ignored) or finds its equal; returns the id. */
  public int add(Node node) {
    if (!node.op().isPure() || node.name() != null) {
      return append(node);
    }
    int hash = node.computationHash();
    int mask = slots.length - 1;
    int slot = hash & mask;
    long entry;
    while ((entry = slots[slot]) != 0) {
      if ((int) (entry >>> 32) == hash) {
        Node existing = nodes.get((int) entry - 1);
        if (existing.sameComputation(node)) {
          return existing.id();
        }
      }
      slot = (slot + 1) & mask;
    }
    int id = append(node);
    slots[slot] = ((long) hash << 32) | (id + 1L);
    if (++interned * 2 > slots.length) {
      rehash();
    }
    return id;
  }

  public int constant(HdlType<?> type, BigInteger bits) {
    return add(Node.constant(type, bits));
  }

  /** Replaces the node at {@code id}, keeping the id (how a declared target gets its driver). */
  public void set(int id, Node node) {
    nodes.set(id, node.id() == id ? node : node.withId(id));
  }

  /** Adds {@code node} without looking for an equal one (its operands are known to be distinct). */
  public int addUnshared(Node node) {
    return append(node);
  }

  /** Forgets every node (after elaboration, when the draft is no longer needed). */
  public void clear() {
    nodes.clear();
    nodes.trimToSize();
    slots = new long[16];
    interned = 0;
  }

  /** Keeps a slot for a node whose args are known only later ({@link #set} fills it). */
  public int reserve() {
    nodes.add(null);
    return nodes.size() - 1;
  }

  private int append(Node node) {
    int id = nodes.size();
    nodes.add(node.placedAt(id));
    return id;
  }

  private void rehash() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long entry : old) {
      if (entry != 0) {
        int slot = (int) (entry >>> 32) & mask;
        while (slots[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = entry;
      }
    }
  }
}
