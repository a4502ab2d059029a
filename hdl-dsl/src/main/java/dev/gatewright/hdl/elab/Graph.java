package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.ir.Node;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The growing node list of a module under construction. A pure node (see {@link
 * dev.gatewright.hdl.ir.Op#isPure()}) that equals one already present is not added again: the existing
 * id is returned (hash-consing), so the same expression is built, simulated and emitted once.
 *
 * <p>An equal node has the same operands, so a node with operands is looked for among the users of its
 * newest operand: a short chain kept beside the node list, where the graph is being built, instead of a
 * table as large as the graph that every lookup would miss in the cache. An operand read by more than
 * {@value #CHAIN_LIMIT} interned nodes sends its further users, like nodes without operands, to one
 * open-addressing table.
 */
public final class Graph {

  /** Interned users kept in an operand's chain before the rest go to the shared table. */
  private static final int CHAIN_LIMIT = 8;

  private final ArrayList<Node> nodes = new ArrayList<>();
  /** Per id: the computation hash of an interned node (0: not interned). */
  private int[] hashes = new int[1024];
  /** Per id: the last interned node whose newest operand is this id, + 1 (0: none). */
  private int[] lastUser = new int[1024];
  /** Per id of an interned node: the previous user of the same operand, + 1 (0: none). */
  private int[] previousUser = new int[1024];
  /** Per id: how many interned nodes are in its chain. */
  private byte[] users = new byte[1024];
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
    int key = newestOperand(node);
    if (key >= 0) {
      for (int user = lastUser[key]; user != 0; user = previousUser[user - 1]) {
        if (hashes[user - 1] == hash) {
          Node existing = nodes.get(user - 1);
          if (existing.sameComputation(node)) {
            return existing.id();
          }
        }
      }
      if (users[key] < CHAIN_LIMIT) {
        int id = append(node);
        hashes[id] = hash;
        previousUser[id] = lastUser[key];
        lastUser[key] = id + 1;
        users[key]++;
        return id;
      }
    }
    return addToTable(node, hash);
  }

  private static int newestOperand(Node node) {
    int newest = -1;
    for (int i = 0; i < node.argCount(); i++) {
      newest = Math.max(newest, node.arg(i));
    }
    return newest;
  }

  private int addToTable(Node node, int hash) {
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
    hashes[id] = hash;
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
    hashes = new int[16];
    lastUser = new int[16];
    previousUser = new int[16];
    users = new byte[16];
    slots = new long[16];
    interned = 0;
  }

  /** Keeps a slot for a node whose args are known only later ({@link #set} fills it). */
  public int reserve() {
    int id = nodes.size();
    ensureCapacity(id + 1);
    nodes.add(null);
    return id;
  }

  private int append(Node node) {
    int id = nodes.size();
    ensureCapacity(id + 1);
    nodes.add(node.placedAt(id));
    return id;
  }

  private void ensureCapacity(int size) {
    if (size > hashes.length) {
      // doubling: the arrays outgrown while a large module is built are garbage the collector must copy first
      int capacity = Math.max(size, hashes.length * 2);
      nodes.ensureCapacity(capacity);
      hashes = Arrays.copyOf(hashes, capacity);
      lastUser = Arrays.copyOf(lastUser, capacity);
      previousUser = Arrays.copyOf(previousUser, capacity);
      users = Arrays.copyOf(users, capacity);
    }
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
