package dev.gatewright.sim.java;

import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The combinational logic of a flat design compiled once into a straight list of instructions in
 * dependency order. Slots of at most 64 bits live in a {@code long[]}; wider ones in a
 * {@code long[][]} of words and are computed by {@link WideOp}.
 */
final class Program {

  // opcodes of the narrow interpreter
  static final int COPY = 0, ADD = 1, SUB = 2, MUL = 3, NEG = 4, AND = 5, OR = 6, XOR = 7, NOT = 8, EQ = 9, NE = 10,
      LTU = 11, LEU = 12, GTU = 13, GEU = 14, LTS = 15, LES = 16, GTS = 17, GES = 18, SHL = 19, SHR = 20, SRA = 21,
      DSHL = 22, DSHR = 23, DSRA = 24, CAT = 25, SLICE = 26, SEXT = 27, MUX = 28, RAND = 29, ROR = 30, RXOR = 31,
      ROM = 32, MEMREAD = 33, WIDE = 34, CAT2 = 35;

  final int length;
  final int[] opcode;
  final int[] dst;
  final int[] x;
  final int[] y;
  final int[] z;
  final int[] k;
  final long[] mask;
  final int[][] lists;
  final long[][] tables;
  final WideOp[] wideOps;

  private Program(int length) {
    this.length = length;
    opcode = new int[length];
    dst = new int[length];
    x = new int[length];
    y = new int[length];
    z = new int[length];
    k = new int[length];
    mask = new long[length];
    lists = new int[length][];
    tables = new long[length][];
    wideOps = new WideOp[length];
  }

  static long maskOf(int width) {
    return width >= 64 ? -1L : (1L << width) - 1;
  }

  /** The instructions for the slots marked in {@code include} (null: all), in {@code order}. */
  static Program compile(FlatDesign design, int[] order, boolean[] include) {
    List<Integer> slots = new ArrayList<>();
    for (int slot : order) {
      if (include != null && !include[slot]) {
        continue;
      }
      Op op = design.op(slot);
      boolean computed = switch (op) {
        case INPUT, CONST, REG -> false;
        case MEM_READ -> !design.nodes.get(slot).synchronousRead();
        default -> true;
      };
      if (computed) {
        slots.add(slot);
      }
    }
    Program program = new Program(slots.size());
    for (int i = 0; i < slots.size(); i++) {
      program.encode(i, design, slots.get(i));
    }
    return program;
  }

  private void encode(int i, FlatDesign design, int slot) {
    Node node = design.nodes.get(slot);
    int[] a = design.args.get(slot);
    int w = node.width();
    dst[i] = slot;
    mask[i] = maskOf(w);
    boolean wide = w > 64;
    for (int arg : a) {
      wide |= design.nodes.get(arg).width() > 64;
    }
    if (node.op() == Op.MEM_READ) {
      wide = w > 64;
    }
    if (wide) {
      opcode[i] = WIDE;
      wideOps[i] = WideOp.of(node, slot, a, design);
      return;
    }
    x[i] = a.length > 0 ? a[0] : -1;
    y[i] = a.length > 1 ? a[1] : -1;
    z[i] = a.length > 2 ? a[2] : -1;
    int argWidth = a.length > 0 ? design.nodes.get(a[0]).width() : 0;
    k[i] = 64 - argWidth;
    opcode[i] = switch (node.op()) {
      case WIRE, OUTPUT, ZEXT -> COPY;
      case ADD -> ADD;
      case SUB -> SUB;
      case MUL -> MUL;
      case NEG -> NEG;
      case AND -> AND;
      case OR -> OR;
      case XOR -> XOR;
      case NOT -> NOT;
      case EQ -> EQ;
      case NE -> NE;
      case LT -> node.signedComparison() ? LTS : LTU;
      case LE -> node.signedComparison() ? LES : LEU;
      case GT -> node.signedComparison() ? GTS : GTU;
      case GE -> node.signedComparison() ? GES : GEU;
      case SHL -> SHL;
      case SHR -> SHR;
      case SRA -> SRA;
      case DSHL -> DSHL;
      case DSHR -> DSHR;
      case DSRA -> DSRA;
      case CAT -> CAT;
      case SLICE -> SLICE;
      case SEXT -> SEXT;
      case MUX -> MUX;
      case RED_AND -> RAND;
      case RED_OR -> ROR;
      case RED_XOR -> RXOR;
      case ROM -> ROM;
      case MEM_READ -> MEMREAD;
      default -> throw new IllegalStateException("not combinational: " + node);
    };
    switch (node.op()) {
      case SHL, SHR, SRA -> y[i] = node.shiftAmount();
      case SLICE -> y[i] = node.sliceLow();
      case CAT -> {
        if (a.length == 2) {
          // {hi, lo}: hi shifted past lo's width (z), or'ed with lo
          opcode[i] = CAT2;
          z[i] = design.nodes.get(a[1]).width();
        }
        lists[i] = a;
        int[] widths = new int[a.length];
        for (int j = 0; j < a.length; j++) {
          widths[j] = design.nodes.get(a[j]).width();
        }
        tables[i] = java.util.Arrays.stream(widths).asLongStream().toArray();
      }
      case ROM -> {
        long[] table = new long[node.tableSize()];
        for (int j = 0; j < table.length; j++) {
          table[j] = node.tableEntry(j).longValue();
        }
        tables[i] = table;
      }
      case MEM_READ -> y[i] = a[a.length - 1];
      default -> { }
    }
  }

  /** Runs every instruction once, in order. */
  void run(long[] v, long[][] wide, State state) {
    final int[] opcode = this.opcode;
    final int[] dst = this.dst;
    final int[] x = this.x;
    final int[] y = this.y;
    final int[] z = this.z;
    final int[] k = this.k;
    final long[] mask = this.mask;
    for (int i = 0; i < length; i++) {
      long m = mask[i];
      long result;
      switch (opcode[i]) {
        case COPY -> result = v[x[i]];
        case ADD -> result = (v[x[i]] + v[y[i]]) & m;
        case SUB -> result = (v[x[i]] - v[y[i]]) & m;
        case MUL -> result = (v[x[i]] * v[y[i]]) & m;
        case NEG -> result = -v[x[i]] & m;
        case AND -> result = v[x[i]] & v[y[i]];
        case OR -> result = v[x[i]] | v[y[i]];
        case XOR -> result = v[x[i]] ^ v[y[i]];
        case NOT -> result = ~v[x[i]] & m;
        case EQ -> result = v[x[i]] == v[y[i]] ? 1 : 0;
        case NE -> result = v[x[i]] != v[y[i]] ? 1 : 0;
        case LTU -> result = Long.compareUnsigned(v[x[i]], v[y[i]]) < 0 ? 1 : 0;
        case LEU -> result = Long.compareUnsigned(v[x[i]], v[y[i]]) <= 0 ? 1 : 0;
        case GTU -> result = Long.compareUnsigned(v[x[i]], v[y[i]]) > 0 ? 1 : 0;
        case GEU -> result = Long.compareUnsigned(v[x[i]], v[y[i]]) >= 0 ? 1 : 0;
        case LTS -> result = (v[x[i]] << k[i]) >> k[i] < (v[y[i]] << k[i]) >> k[i] ? 1 : 0;
        case LES -> result = (v[x[i]] << k[i]) >> k[i] <= (v[y[i]] << k[i]) >> k[i] ? 1 : 0;
        case GTS -> result = (v[x[i]] << k[i]) >> k[i] > (v[y[i]] << k[i]) >> k[i] ? 1 : 0;
        case GES -> result = (v[x[i]] << k[i]) >> k[i] >= (v[y[i]] << k[i]) >> k[i] ? 1 : 0;
        case SHL -> result = y[i] >= 64 ? 0 : (v[x[i]] << y[i]) & m;
        case SHR -> result = y[i] >= 64 ? 0 : v[x[i]] >>> y[i];
        case SRA -> result = (((v[x[i]] << k[i]) >> k[i]) >> Math.min(y[i], 63)) & m;
        case DSHL -> {
          long amount = v[y[i]];
          result = Long.compareUnsigned(amount, 64) >= 0 ? 0 : (v[x[i]] << amount) & m;
        }
        case DSHR -> {
          long amount = v[y[i]];
          result = Long.compareUnsigned(amount, 64) >= 0 ? 0 : v[x[i]] >>> amount;
        }
        case DSRA -> {
          long amount = v[y[i]];
          result = (((v[x[i]] << k[i]) >> k[i]) >> (Long.compareUnsigned(amount, 63) > 0 ? 63 : amount)) & m;
        }
        case CAT -> {
          int[] parts = lists[i];
          long[] widths = tables[i];
          long acc = 0;
          for (int j = 0; j < parts.length; j++) {
            acc = (widths[j] >= 64 ? 0 : acc << widths[j]) | v[parts[j]];
          }
          result = acc & m;
        }
        case CAT2 -> result = ((v[x[i]] << z[i]) | v[y[i]]) & m;
        case SLICE -> result = (y[i] >= 64 ? 0 : v[x[i]] >>> y[i]) & m;
        case SEXT -> result = ((v[x[i]] << k[i]) >> k[i]) & m;
        case MUX -> result = v[x[i]] != 0 ? v[y[i]] : v[z[i]];
        case RAND -> result = v[x[i]] == (-1L >>> k[i]) ? 1 : 0;
        case ROR -> result = v[x[i]] != 0 ? 1 : 0;
        case RXOR -> result = Long.bitCount(v[x[i]]) & 1;
        case ROM -> {
          long address = v[x[i]];
          long[] table = tables[i];
          result = Long.compareUnsigned(address, table.length) < 0 ? table[(int) address] : 0;
        }
        case MEMREAD -> result = state.readMemory(y[i], v[x[i]]);
        case WIDE -> {
          wideOps[i].run(v, wide, state);
          continue;
        }
        default -> throw new IllegalStateException("opcode " + opcode[i]);
      }
      v[dst[i]] = result;
    }
  }

  static long signed(long value, int width) {
    int shift = 64 - width;
    return shift <= 0 ? value : (value << shift) >> shift;
  }

  /** What the program needs from the simulator beyond the slot arrays. */
  interface State {
    long readMemory(int memory, long address);

    /** A word of a memory wider than 64 bits, as a BigInteger (zero past the end). */
    BigInteger readWideMemory(int memory, BigInteger address);
  }

  static BigInteger unsigned(long value) {
    return value >= 0 ? BigInteger.valueOf(value) : BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(64));
  }

  /** A slot's value as an unsigned BigInteger, from whichever array holds it. */
  static BigInteger bits(long[] v, long[][] wide, int slot, int width) {
    return width > 64 ? Words.toBigInteger(wide[slot]) : unsigned(v[slot]);
  }

  static void store(long[] v, long[][] wide, int slot, int width, BigInteger value) {
    if (width > 64) {
      Words.fromBigInteger(value, width, wide[slot]);
    } else {
      v[slot] = value.longValue() & maskOf(width);
    }
  }
}
