package dev.gatewright.sim.java;

import dev.gatewright.hdl.ir.Op;
import java.util.Arrays;
import java.util.BitSet;

/**
 * What one generated pass computes, in order, cut into chunks that each become a method small enough
 * for the JIT (HotSpot compiles no method above 8,000 bytes of bytecode). Items are scheduled depth
 * first from each root, so that a value and its users mostly share a chunk and live in locals; a
 * value used in a later chunk is stored in the simulation's arrays ({@link #stored}).
 *
 * <p>Three passes exist: the <em>edge</em> pass computes every register's and synchronous read's next
 * value and the operands of memory writes; the <em>outputs</em> pass settles the output ports; the
 * <em>trace</em> pass settles every named signal for waveforms.
 */
final class ProgramPlan {

  /** Compute a combinational node. */
  static final byte COMPUTE = 0;
  /** Select a register's next value (data, enable, reset). */
  static final byte REGISTER_NEXT = 1;
  /** Read a synchronous read's next word. */
  static final byte READ_NEXT = 2;
  /** Store a named copy under its own index (waveforms). */
  static final byte STORE_COPY = 3;

  /**
   * The smallest chunk budget (tests use it to cut small designs into many chunks). A chunk holds at
   * least one item; the largest (a concatenation of 64 bits) stays far below the JIT's limit.
   */
  static final int MIN_BUDGET = 100;

  final Dataflow graph;
  final int count;
  final byte[] kinds;
  final int[] nodes;
  /** Chunk c holds items {@code chunkStarts[c] .. chunkStarts[c + 1] - 1}. */
  final int[] chunkStarts;
  /** An upper bound of each chunk's bytecode. */
  final int[] chunkEstimates;
  /** The chunk computing each node, -1 where this pass does not compute it. */
  final int[] chunkOf;
  /** Nodes this pass stores in the arrays: used by a later chunk, read after the pass, or wide. */
  final BitSet stored = new BitSet();
  /** Literals that need a slot of their own (operands of wide instructions, read after the pass). */
  final BitSet storedConstants = new BitSet();
  /** Registers and synchronous reads whose next value waits in {@code next} until the whole edge is done. */
  final BitSet deferred = new BitSet();

  private ProgramPlan(Builder builder, int budget) {
    this.graph = builder.graph;
    this.count = builder.count;
    this.kinds = Arrays.copyOf(builder.kinds, count);
    this.nodes = Arrays.copyOf(builder.nodes, count);
    this.chunkOf = new int[graph.size];
    Arrays.fill(chunkOf, -1);
    int[] starts = new int[count + 2];
    int[] estimates = new int[count + 2];
    int[] lastSeen = new int[graph.size];
    Arrays.fill(lastSeen, -1);
    int chunks = 0;
    int used = budget;
    locals = 0;
    for (int i = 0; i < count; i++) {
      int size = estimate(i, lastSeen, chunks - 1);
      if (used + size > budget) {
        if (chunks > 0) {
          estimates[chunks - 1] = used;
        }
        starts[chunks++] = i;
        used = 0;
        locals = 0;
        size = estimate(i, lastSeen, chunks - 1);
      }
      used += size;
      if (readsOperandsIntoLocals(i)) {
        for (int dep : deps(i)) {
          lastSeen[dep] = chunks - 1;
        }
      }
      if (keepsItsValueInALocal(i)) {
        lastSeen[nodes[i]] = chunks - 1;
      }
      if (kinds[i] == COMPUTE) {
        chunkOf[nodes[i]] = chunks - 1;
      }
    }
    if (chunks > 0) {
      estimates[chunks - 1] = used;
    }
    starts[chunks] = count;
    this.chunkStarts = Arrays.copyOf(starts, chunks + 1);
    this.chunkEstimates = Arrays.copyOf(estimates, chunks);
    stored.or(builder.rootsStored);
    storedConstants.or(builder.constantsStored);
    markStores();
  }

  int chunks() {
    return chunkStarts.length - 1;
  }

  /** The values an item reads, copies resolved. */
  int[] deps(int item) {
    int node = nodes[item];
    return switch (kinds[item]) {
      case COMPUTE -> graph.deps(node);
      case REGISTER_NEXT, READ_NEXT -> stateDeps(graph, node);
      case STORE_COPY -> new int[] {graph.canonical[node]};
      default -> throw new IllegalStateException("item kind " + kinds[item]);
    };
  }

  private static int[] stateDeps(Dataflow graph, int node) {
    int[] args = graph.args(node);
    int[] deps = graph.hasEnable(node) ? new int[] {args[0], args[1]} : new int[] {args[0]};
    for (int i = 0; i < deps.length; i++) {
      deps[i] = graph.canonical[deps[i]];
    }
    return deps;
  }

  /** Locals (of two slots) the chunk being cut has allocated, as {@link ChunkEmitter} will. */
  private int locals;

  /**
   * An upper bound of the bytecode item {@code item} takes in chunk {@code chunk}, where
   * {@code lastSeen} tells which values the chunk already holds in locals (see {@link ChunkEmitter}):
   * a value read for the first time costs a load from the arrays kept in a new local, later reads a
   * local load, a literal at most 4 bytes; then the operation, a local store, and perhaps a store into
   * the arrays. A local load or store takes 2 bytes up to local 255, else 4.
   */
  private int estimate(int item, int[] lastSeen, int chunk) {
    int node = nodes[item];
    if (!readsOperandsIntoLocals(item)) {
      return 16;  // a wide instruction or copy: a constant or two indices, the arrays, a call
    }
    int reads = 0;
    for (int dep : deps(item)) {
      if (graph.role[dep] == Dataflow.CONST) {
        reads += 4;
      } else if (lastSeen[dep] == chunk) {
        reads += local();
      } else {
        reads += 6 + newLocal();  // aload, index, laload, dup2, store
      }
    }
    int kept = newLocal();
    int stored = 5 + local();  // aload, index, load, lastore
    return switch (kinds[item]) {
      case COMPUTE -> reads + operationBytes(node) + kept + stored;
      case REGISTER_NEXT, READ_NEXT -> {
        int size = reads + kept + stored + (kinds[item] == READ_NEXT ? 8 : 0);
        if (graph.hasEnable(node)) {
          size += (lastSeen[node] == chunk ? local() : 6 + newLocal()) + local() + 9;  // the current value twice
        }
        if (kinds[item] == REGISTER_NEXT && graph.node(node).resetValue() != null) {
          size += newLocal() + 3 * local() + 14;  // the value kept, the literal, the select on the reset
        }
        yield size;
      }
      case STORE_COPY -> reads + kept + stored;
      default -> throw new IllegalStateException("item kind " + kinds[item]);
    };
  }

  /** Whether the emitter reads the item's operands with {@code push}, keeping each in a local. */
  private boolean readsOperandsIntoLocals(int item) {
    int node = nodes[item];
    return switch (kinds[item]) {
      case COMPUTE -> !graph.wideOp[node];
      case STORE_COPY -> graph.width[node] <= 64;
      default -> true;
    };
  }

  /** Whether the chunk holds the item's node in a local afterwards (a register's value: read when it has an enable). */
  private boolean keepsItsValueInALocal(int item) {
    int node = nodes[item];
    return switch (kinds[item]) {
      case COMPUTE -> !graph.wideOp[node];
      case REGISTER_NEXT, READ_NEXT -> graph.hasEnable(node);
      default -> false;
    };
  }

  private int local() {
    return 7 + 2 * locals < 256 ? 2 : 4;
  }

  private int newLocal() {
    int size = local();
    locals++;
    return size;
  }

  /** Bytes of an operation beyond reading its operands once each (see {@link ChunkEmitter#operation}). */
  private int operationBytes(int node) {
    return switch (graph.node(node).op()) {
      case AND, OR, XOR -> 1;
      case SHR, DSHR -> 3;
      case WIRE, OUTPUT, ZEXT -> 4;
      case ADD, SUB, MUL, NEG, NOT -> 5;
      case RED_XOR -> 6;
      case SHL, SLICE, DSHL -> 7;
      case RED_OR, MEM_READ -> 8;
      case EQ, NE, DSRA, ROM -> 9;
      case SEXT -> 10;
      case SRA, RED_AND, MUX -> 13;  // a MUX reads its value-when-0 twice
      case LT, LE, GT, GE -> 18;
      case CAT -> 8 + 4 * graph.args(node).length;
      default -> 20;
    };
  }

  private void markStores() {
    for (int c = 0; c < chunks(); c++) {
      for (int item = chunkStarts[c]; item < chunkStarts[c + 1]; item++) {
        int node = nodes[item];
        boolean wide = kinds[item] == COMPUTE && graph.wideOp[node];
        if (wide || kinds[item] == STORE_COPY) {
          stored.set(node);
        }
        for (int dep : deps(item)) {
          if (graph.computed(dep) && (chunkOf[dep] != c || wide)) {
            stored.set(dep);
          } else if (graph.role[dep] == Dataflow.CONST && (wide || graph.width[dep] > 64)) {
            storedConstants.set(dep);
          }
        }
      }
    }
  }

  /** Decides which next values wait for the end of the edge: those whose register a later chunk still reads. */
  private void markDeferred(BitSet readAfterPass) {
    int[] lastReader = new int[graph.size];
    Arrays.fill(lastReader, -1);
    for (int c = 0; c < chunks(); c++) {
      for (int item = chunkStarts[c]; item < chunkStarts[c + 1]; item++) {
        for (int dep : deps(item)) {
          if (graph.role[dep] == Dataflow.STATE) {
            lastReader[dep] = c;
          }
        }
      }
    }
    for (int c = 0; c < chunks(); c++) {
      for (int item = chunkStarts[c]; item < chunkStarts[c + 1]; item++) {
        int node = nodes[item];
        if (kinds[item] != COMPUTE && (lastReader[node] > c || readAfterPass.get(node))) {
          deferred.set(node);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------ the passes

  static ProgramPlan edge(Dataflow graph, int budget) {
    Builder builder = new Builder(graph);
    BitSet readAfterPass = new BitSet();
    for (int slot = 0; slot < graph.size; slot++) {
      if (graph.role[slot] == Dataflow.STATE) {
        builder.state(graph.node(slot).op() == Op.REG ? REGISTER_NEXT : READ_NEXT, slot);
      }
    }
    // what the simulator reads after the pass: operands of wide state and of memory writes
    for (int slot = 0; slot < graph.size; slot++) {
      if (graph.role[slot] == Dataflow.SLOW_STATE) {
        int[] args = graph.args(slot);
        int operands = graph.node(slot).op() == Op.REG ? args.length : args.length - 1;
        for (int i = 0; i < operands; i++) {
          builder.root(graph.canonical[args[i]], readAfterPass);
        }
      }
    }
    for (FlatDesign.Memory memory : graph.design.memories) {
      for (int[] write : memory.writes()) {
        for (int operand : write) {
          builder.root(graph.canonical[operand], readAfterPass);
        }
      }
    }
    ProgramPlan plan = new ProgramPlan(builder, budget);
    plan.markDeferred(readAfterPass);
    return plan;
  }

  static ProgramPlan outputs(Dataflow graph, int budget) {
    Builder builder = new Builder(graph);
    for (int slot : graph.design.topOutputs.values()) {
      builder.root(graph.canonical[slot], null);
    }
    return new ProgramPlan(builder, budget);
  }

  static ProgramPlan trace(Dataflow graph, int budget) {
    Builder builder = new Builder(graph);
    for (int slot : graph.design.topOutputs.values()) {
      builder.root(graph.canonical[slot], null);
    }
    for (int slot = 0; slot < graph.size; slot++) {
      if (graph.design.names.get(slot) == null) {
        continue;
      }
      int source = graph.canonical[slot];
      if (source == slot) {
        builder.root(slot, null);
      } else {
        builder.copy(slot);
      }
    }
    return new ProgramPlan(builder, budget);
  }

  /** Collects items in dependency order, depth first from each root, without recursion. */
  private static final class Builder {
    final Dataflow graph;
    /** Per node: 0 not scheduled, 1 on the depth-first stack, 2 scheduled. */
    final byte[] scheduled;
    final BitSet rootsStored = new BitSet();
    final BitSet constantsStored = new BitSet();
    byte[] kinds = new byte[64];
    int[] nodes = new int[64];
    int count;
    private int[] stackNode = new int[64];
    private int[] stackNext = new int[64];
    private int[][] stackDeps = new int[64][];

    Builder(Dataflow graph) {
      this.graph = graph;
      this.scheduled = new byte[graph.size];
    }

    /** A value the pass must leave in the arrays ({@code readAfterPass}, if given, records state read so). */
    void root(int node, BitSet readAfterPass) {
      switch (graph.role[node]) {
        case Dataflow.COMB -> {
          schedule(node);
          rootsStored.set(node);
        }
        case Dataflow.CONST -> constantsStored.set(node);
        case Dataflow.STATE -> {
          if (readAfterPass != null) {
            readAfterPass.set(node);
          }
        }
        default -> { }
      }
    }

    void state(byte kind, int node) {
      for (int dep : stateDeps(graph, node)) {
        schedule(dep);
      }
      add(kind, node);
    }

    void copy(int node) {
      schedule(graph.canonical[node]);
      add(STORE_COPY, node);
    }

    /** Adds COMPUTE items for {@code root} and everything it needs that is not scheduled yet. */
    private void schedule(int root) {
      if (!graph.computed(root) || scheduled[root] != 0) {
        return;
      }
      int depth = 0;
      push(depth++, root);
      while (depth > 0) {
        int node = stackNode[depth - 1];
        int[] deps = stackDeps[depth - 1];
        int next = stackNext[depth - 1];
        while (next < deps.length && (!graph.computed(deps[next]) || scheduled[deps[next]] == 2)) {
          next++;
        }
        if (next < deps.length) {
          if (scheduled[deps[next]] == 1) {
            throw new IllegalStateException("combinational loop across the hierarchy of " + graph.design.name
                + " through " + graph.describe(deps[next]));
          }
          stackNext[depth - 1] = next + 1;
          push(depth++, deps[next]);
        } else {
          stackDeps[--depth] = null;
          scheduled[node] = 2;
          add(COMPUTE, node);
        }
      }
    }

    private void push(int depth, int node) {
      if (depth == stackNode.length) {
        stackNode = Arrays.copyOf(stackNode, depth * 2);
        stackNext = Arrays.copyOf(stackNext, depth * 2);
        stackDeps = Arrays.copyOf(stackDeps, depth * 2);
      }
      stackNode[depth] = node;
      stackNext[depth] = 0;
      stackDeps[depth] = graph.deps(node);
      scheduled[node] = 1;
    }

    private void add(byte kind, int node) {
      if (count == kinds.length) {
        kinds = Arrays.copyOf(kinds, count * 2);
        nodes = Arrays.copyOf(nodes, count * 2);
      }
      kinds[count] = kind;
      nodes[count] = node;
      count++;
    }
  }
}
