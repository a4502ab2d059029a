package dev.gatewright.sim.java;

import static org.objectweb.asm.Opcodes.*;

import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;
import java.util.Arrays;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the bytecode of one chunk of a {@link ProgramPlan}: a static method, straight-line and
 * branch-free, that computes each item into a local and stores only what the layout says others
 * read. Values of at most 64 bits are computed inline, exactly as {@link Program} interprets them;
 * wider values call {@link WideOp}s. Each method has the signature of {@link GeneratedProgram#run}.
 */
final class ChunkEmitter {

  static final String DESCRIPTOR = "([J[J[[J[[JLjava/lang/Object;J)V";
  private static final String KERNELS = "dev/gatewright/sim/java/Kernels";
  private static final Handle CONSTANT = new Handle(H_INVOKESTATIC, KERNELS, "constant",
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", false);

  // the method's parameters
  private static final int V = 0;
  private static final int NEXT = 1;
  private static final int WIDE = 2;
  private static final int MEMORIES = 3;
  private static final int STATE = 4;
  private static final int IN_RESET = 5;
  private static final int FIRST_LOCAL = 7;

  private final Dataflow graph;
  private final Layout layout;
  private final DesignLoader loader;
  private final boolean hasReset;
  private final ConstantDynamic[] constants;
  /** The local holding each value in the current chunk, -1 if none. */
  private final int[] local;
  private int[] touched = new int[256];
  private int touchedCount;
  private int[] commits = new int[64];
  private int commitCount;
  private int nextLocal;
  private MethodVisitor mv;

  ChunkEmitter(Dataflow graph, Layout layout, DesignLoader loader, boolean hasReset) {
    this.graph = graph;
    this.layout = layout;
    this.loader = loader;
    this.hasReset = hasReset;
    this.constants = new ConstantDynamic[graph.size];
    this.local = new int[graph.size];
    Arrays.fill(local, -1);
  }

  /** Writes chunk {@code chunk} of {@code plan} into {@code method}; returns its code size in bytes. */
  int emit(MethodVisitor method, ProgramPlan plan, int chunk) {
    this.mv = method;
    nextLocal = FIRST_LOCAL;
    touchedCount = 0;
    commitCount = 0;
    mv.visitCode();
    for (int item = plan.chunkStarts[chunk]; item < plan.chunkStarts[chunk + 1]; item++) {
      int node = plan.nodes[item];
      switch (plan.kinds[item]) {
        case ProgramPlan.COMPUTE -> compute(node, plan.stored.get(node));
        case ProgramPlan.REGISTER_NEXT -> registerNext(node);
        case ProgramPlan.READ_NEXT -> readNext(node);
        case ProgramPlan.STORE_COPY -> storeCopy(node);
        default -> throw new IllegalStateException("item kind " + plan.kinds[item]);
      }
    }
    for (int i = 0; i < commitCount; i += 2) {
      mv.visitVarInsn(ALOAD, V);
      pushInt(layout.index[commits[i]]);
      mv.visitVarInsn(LLOAD, commits[i + 1]);
      mv.visitInsn(LASTORE);
    }
    mv.visitInsn(RETURN);
    Label end = new Label();
    mv.visitLabel(end);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    for (int i = 0; i < touchedCount; i++) {
      local[touched[i]] = -1;
    }
    return end.getOffset();
  }

  // ------------------------------------------------------------------------------------ items

  private void compute(int node, boolean stored) {
    if (graph.wideOp[node]) {
      mv.visitLdcInsn(constant(node, "Ljava/lang/Object;", wideOp(node)));
      mv.visitVarInsn(ALOAD, V);
      mv.visitVarInsn(ALOAD, WIDE);
      mv.visitVarInsn(ALOAD, STATE);
      mv.visitMethodInsn(INVOKESTATIC, KERNELS, "wide", "(Ljava/lang/Object;[J[[JLjava/lang/Object;)V", false);
      return;
    }
    operation(node);
    int slot = keep(node);
    if (stored) {
      mv.visitVarInsn(ALOAD, V);
      pushInt(layout.index[node]);
      mv.visitVarInsn(LLOAD, slot);
      mv.visitInsn(LASTORE);
    }
  }

  /** {@code reset && init ? init : enable ? data : current}. */
  private void registerNext(int register) {
    int[] args = graph.args(register);
    int data = graph.canonical[args[0]];
    if (graph.hasEnable(register)) {
      select(graph.canonical[args[1]], graph.width[args[1]], () -> push(data), register);
    } else {
      push(data);
    }
    BigInteger init = graph.node(register).resetValue();
    if (hasReset && init != null) {
      int value = allocate();
      mv.visitVarInsn(LSTORE, value);
      mv.visitVarInsn(LLOAD, value);
      pushLong(init.longValue() & Program.maskOf(graph.width[register]));
      mv.visitVarInsn(LLOAD, value);
      mv.visitInsn(LXOR);
      mv.visitVarInsn(LLOAD, IN_RESET);
      mv.visitInsn(LNEG);
      mv.visitInsn(LAND);
      mv.visitInsn(LXOR);
    }
    commit(register);
  }

  /** {@code enable ? memory[address] : current}. */
  private void readNext(int read) {
    int[] args = graph.args(read);
    if (graph.hasEnable(read)) {
      select(graph.canonical[args[1]], graph.width[args[1]], () -> memoryRead(read), read);
    } else {
      memoryRead(read);
    }
    commit(read);
  }

  /** Pushes {@code condition ? (value pushed by whenTrue) : current}, without a branch. */
  private void select(int condition, int conditionWidth, Runnable whenTrue, int current) {
    push(current);
    whenTrue.run();
    push(current);
    mv.visitInsn(LXOR);
    pushAllOnes(condition, conditionWidth);
    mv.visitInsn(LAND);
    mv.visitInsn(LXOR);
  }

  /** A next value: into {@code next} if deferred, else kept for the store at the end of the chunk. */
  private void commit(int state) {
    int value = allocate();
    mv.visitVarInsn(LSTORE, value);
    if (layout.deferred(state)) {
      mv.visitVarInsn(ALOAD, NEXT);
      pushInt(layout.index[state] - layout.deferredBase);
      mv.visitVarInsn(LLOAD, value);
      mv.visitInsn(LASTORE);
      return;
    }
    if (commitCount + 2 > commits.length) {
      commits = Arrays.copyOf(commits, commits.length * 2);
    }
    commits[commitCount++] = state;
    commits[commitCount++] = value;
  }

  private void storeCopy(int copy) {
    int source = graph.canonical[copy];
    if (graph.width[copy] > 64) {
      mv.visitVarInsn(ALOAD, WIDE);
      pushInt(layout.index[source]);
      mv.visitInsn(AALOAD);
      mv.visitVarInsn(ALOAD, WIDE);
      pushInt(layout.index[copy]);
      mv.visitInsn(AALOAD);
      mv.visitMethodInsn(INVOKESTATIC, KERNELS, "copyWords", "([J[J)V", false);
      return;
    }
    push(source);
    int value = allocate();
    mv.visitVarInsn(LSTORE, value);
    mv.visitVarInsn(ALOAD, V);
    pushInt(layout.index[copy]);
    mv.visitVarInsn(LLOAD, value);
    mv.visitInsn(LASTORE);
  }

  // ------------------------------------------------------------------------------------ operations

  /** Pushes the value of a combinational node of at most 64 bits whose operands are too. */
  private void operation(int node) {
    Node n = graph.node(node);
    int[] raw = graph.args(node);
    int[] a = graph.deps(node);
    int w = graph.width[node];
    switch (n.op()) {
      case WIRE, OUTPUT, ZEXT -> {
        push(a[0]);
        mask(w);
      }
      case ADD -> binary(a, LADD, w);
      case SUB -> binary(a, LSUB, w);
      case MUL -> binary(a, LMUL, w);
      case AND -> binary(a, LAND, 64);
      case OR -> binary(a, LOR, 64);
      case XOR -> binary(a, LXOR, 64);
      case NEG -> {
        push(a[0]);
        mv.visitInsn(LNEG);
        mask(w);
      }
      case NOT -> {
        push(a[0]);
        pushLong(Program.maskOf(w));
        mv.visitInsn(LXOR);
      }
      case EQ, NE -> {
        push(a[0]);
        push(a[1]);
        mv.visitInsn(LXOR);
        nonZero(n.op() == Op.EQ);
      }
      case LT, LE, GT, GE -> compare(n, a, graph.width[raw[0]], graph.width[raw[1]]);
      case SHL -> {
        int k = n.shiftAmount();
        if (k >= w) {
          mv.visitInsn(LCONST_0);
        } else {
          push(a[0]);
          pushInt(k);
          mv.visitInsn(LSHL);
          mask(w);
        }
      }
      case SHR -> {
        int k = n.shiftAmount();
        if (k >= 64) {
          mv.visitInsn(LCONST_0);
        } else {
          push(a[0]);
          pushInt(k);
          mv.visitInsn(LUSHR);
        }
      }
      case SRA -> {
        pushSigned(a[0], graph.width[raw[0]]);
        pushInt(Math.min(n.shiftAmount(), 63));
        mv.visitInsn(LSHR);
        mask(w);
      }
      case DSHL -> {
        push(a[0]);
        push(a[1]);
        pushLong(Program.maskOf(w));
        mv.visitMethodInsn(INVOKESTATIC, KERNELS, "dshl", "(JJJ)J", false);
      }
      case DSHR -> {
        push(a[0]);
        push(a[1]);
        mv.visitMethodInsn(INVOKESTATIC, KERNELS, "dshr", "(JJ)J", false);
      }
      case DSRA -> {
        push(a[0]);
        push(a[1]);
        pushInt(64 - graph.width[raw[0]]);
        pushLong(Program.maskOf(w));
        mv.visitMethodInsn(INVOKESTATIC, KERNELS, "dsra", "(JJIJ)J", false);
      }
      case CAT -> {
        push(a[0]);
        for (int i = 1; i < a.length; i++) {
          int shift = graph.width[raw[i]];
          if (shift >= 64) {
            mv.visitInsn(POP2);
            mv.visitInsn(LCONST_0);
          } else {
            pushInt(shift);
            mv.visitInsn(LSHL);
          }
          push(a[i]);
          mv.visitInsn(LOR);
        }
        mask(w);
      }
      case SLICE -> {
        push(a[0]);
        if (n.sliceLow() > 0) {
          pushInt(n.sliceLow());
          mv.visitInsn(LUSHR);
        }
        mask(w);
      }
      case SEXT -> {
        pushSigned(a[0], graph.width[raw[0]]);
        mask(w);
      }
      case MUX -> {
        push(a[2]);
        push(a[1]);
        push(a[2]);
        mv.visitInsn(LXOR);
        pushAllOnes(a[0], graph.width[raw[0]]);
        mv.visitInsn(LAND);
        mv.visitInsn(LXOR);
      }
      case RED_AND -> {
        push(a[0]);
        pushLong(Program.maskOf(graph.width[raw[0]]));
        mv.visitInsn(LXOR);
        nonZero(true);
      }
      case RED_OR -> {
        push(a[0]);
        nonZero(false);
      }
      case RED_XOR -> {
        push(a[0]);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "bitCount", "(J)I", false);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IAND);
        mv.visitInsn(I2L);
      }
      case ROM -> rom(node, a[0], graph.width[raw[0]]);
      case MEM_READ -> memoryRead(node);
      default -> throw new IllegalStateException("no code for " + n);
    }
  }

  private void binary(int[] a, int opcode, int width) {
    push(a[0]);
    push(a[1]);
    mv.visitInsn(opcode);
    mask(width);
  }

  /**
   * Below 64 bits (after sign extension, for signed operands) a difference cannot overflow, so its
   * sign bit is the comparison; 64-bit operands call a kernel.
   */
  private void compare(Node n, int[] a, int leftWidth, int rightWidth) {
    boolean signed = n.signedComparison();
    // LT and GE compute left - right, GT and LE right - left; LE and GE negate
    boolean swap = n.op() == Op.GT || n.op() == Op.LE;
    boolean negate = n.op() == Op.LE || n.op() == Op.GE;
    int first = swap ? a[1] : a[0];
    int second = swap ? a[0] : a[1];
    int firstWidth = swap ? rightWidth : leftWidth;
    int secondWidth = swap ? leftWidth : rightWidth;
    pushOperand(first, firstWidth, signed);
    pushOperand(second, secondWidth, signed);
    if (leftWidth < 64 && rightWidth < 64) {
      mv.visitInsn(LSUB);
      pushInt(63);
      mv.visitInsn(LUSHR);
      if (negate) {
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LXOR);
      }
      return;
    }
    String kernel = signed ? "lts" : "ltu";
    mv.visitMethodInsn(INVOKESTATIC, KERNELS, kernel, "(JJ)J", false);
    if (negate) {
      mv.visitInsn(LCONST_1);
      mv.visitInsn(LXOR);
    }
  }

  private void pushOperand(int node, int width, boolean signed) {
    if (signed) {
      pushSigned(node, width);
    } else {
      push(node);
    }
  }

  private void rom(int node, int address, int addressWidth) {
    int size = graph.node(node).tableSize();
    boolean padded = addressWidth <= 16 && size <= (1 << addressWidth);
    int length = padded ? 1 << addressWidth : size;
    mv.visitLdcInsn(constant(node, "[J", table(graph.node(node), length)));
    push(address);
    if (padded) {
      mv.visitInsn(L2I);
      pushInt(length - 1);
      mv.visitInsn(IAND);
      mv.visitInsn(LALOAD);
    } else if (addressWidth < 31 && size >= (1 << addressWidth)) {
      mv.visitInsn(L2I);
      mv.visitInsn(LALOAD);
    } else {
      mv.visitMethodInsn(INVOKESTATIC, KERNELS, "read", "([JJ)J", false);
    }
  }

  private static long[] table(Node rom, int length) {
    long[] table = new long[length];
    for (int i = 0; i < rom.tableSize(); i++) {
      table[i] = rom.tableEntry(i).longValue();
    }
    return table;
  }

  /** Pushes the word a memory read (synchronous or not) addresses now. */
  private void memoryRead(int read) {
    int memory = graph.memoryOf(read);
    int addressWidth = graph.width[graph.args(read)[0]];
    mv.visitVarInsn(ALOAD, MEMORIES);
    pushInt(memory);
    mv.visitInsn(AALOAD);
    push(graph.canonical[graph.args(read)[0]]);
    if (layout.readInRange(memory, addressWidth)) {
      mv.visitInsn(L2I);
      mv.visitInsn(LALOAD);
    } else {
      mv.visitMethodInsn(INVOKESTATIC, KERNELS, "read", "([JJ)J", false);
    }
  }

  private WideOp wideOp(int node) {
    Node n = graph.node(node);
    int[] raw = graph.args(node);
    int[] args = new int[raw.length];
    int[] widths = new int[raw.length];
    boolean read = n.op() == Op.MEM_READ;
    for (int i = 0; i < raw.length; i++) {
      if (read && i > 0) {
        // a read needs only its address and its memory (the last arg)
        args[i] = i == raw.length - 1 ? raw[i] : -1;
        continue;
      }
      args[i] = layout.index[graph.canonical[raw[i]]];
      widths[i] = graph.width[raw[i]];
    }
    return WideOp.of(n, layout.index[node], args, widths);
  }

  // ------------------------------------------------------------------------------------ values

  /** Pushes a value: a literal, a local of this chunk, or (kept in a local from then on) the arrays. */
  private void push(int node) {
    if (graph.role[node] == Dataflow.CONST) {
      pushLong(graph.node(node).constant().longValue() & Program.maskOf(graph.width[node]));
      return;
    }
    int slot = local[node];
    if (slot >= 0) {
      mv.visitVarInsn(LLOAD, slot);
      return;
    }
    mv.visitVarInsn(ALOAD, V);
    pushInt(layout.index[node]);
    mv.visitInsn(LALOAD);
    mv.visitInsn(DUP2);
    keep(node);
  }

  /** Stores the value on the stack into a new local that stands for {@code node} in this chunk. */
  private int keep(int node) {
    int slot = allocate();
    mv.visitVarInsn(LSTORE, slot);
    local[node] = slot;
    if (touchedCount == touched.length) {
      touched = Arrays.copyOf(touched, touchedCount * 2);
    }
    touched[touchedCount++] = node;
    return slot;
  }

  private void pushSigned(int node, int width) {
    push(node);
    if (width < 64) {
      pushInt(64 - width);
      mv.visitInsn(LSHL);
      pushInt(64 - width);
      mv.visitInsn(LSHR);
    }
  }

  /** Pushes -1 if the value is non-zero, else 0. */
  private void pushAllOnes(int node, int width) {
    push(node);
    if (width == 1) {
      mv.visitInsn(LNEG);
    } else {
      mv.visitInsn(DUP2);
      mv.visitInsn(LNEG);
      mv.visitInsn(LOR);
      pushInt(63);
      mv.visitInsn(LSHR);
    }
  }

  /** Replaces the value on the stack by 1 if it is non-zero, else 0 (or the opposite when {@code invert}). */
  private void nonZero(boolean invert) {
    mv.visitInsn(DUP2);
    mv.visitInsn(LNEG);
    mv.visitInsn(LOR);
    pushInt(63);
    mv.visitInsn(LUSHR);
    if (invert) {
      mv.visitInsn(LCONST_1);
      mv.visitInsn(LXOR);
    }
  }

  private void mask(int width) {
    if (width < 64) {
      pushLong(Program.maskOf(width));
      mv.visitInsn(LAND);
    }
  }

  private int allocate() {
    int slot = nextLocal;
    nextLocal += 2;
    return slot;
  }

  private ConstantDynamic constant(int node, String descriptor, Object value) {
    if (constants[node] == null) {
      constants[node] = new ConstantDynamic("k", descriptor, CONSTANT, loader.addConstant(value));
    }
    return constants[node];
  }

  private void pushInt(int value) {
    if (value >= -1 && value <= 5) {
      mv.visitInsn(ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }

  /** At most 3 bytes: a constant, a byte widened, or a constant-pool entry. */
  private void pushLong(long value) {
    if (value == 0 || value == 1) {
      mv.visitInsn(value == 0 ? LCONST_0 : LCONST_1);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      pushInt((int) value);
      mv.visitInsn(I2L);
    } else {
      mv.visitLdcInsn(value);
    }
  }
}
