package dev.gatewright.sim.java;

import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;

/**
 * One instruction with an operand or result wider than 64 bits. The operations a network's vectors
 * need (copies, slices, concatenations, extensions, muxes, bitwise logic, equality) work on the words
 * directly; the rest go through {@link Eval} on BigIntegers.
 */
abstract class WideOp {

  final int dst;
  final int width;
  final int[] args;
  final int[] argWidths;

  WideOp(int dst, int width, int[] args, int[] argWidths) {
    this.dst = dst;
    this.width = width;
    this.args = args;
    this.argWidths = argWidths;
  }

  abstract void run(long[] v, long[][] wide, Program.State state);

  static WideOp of(Node node, int slot, int[] args, FlatDesign design) {
    int[] widths = new int[args.length];
    int slotArgs = node.op() == Op.MEM_READ ? args.length - 1 : args.length;  // the last is a memory index
    for (int i = 0; i < slotArgs; i++) {
      widths[i] = design.nodes.get(args[i]).width();
    }
    return of(node, slot, args, widths);
  }

  /**
   * The instruction for {@code node} writing {@code dst} from {@code args}, which index the same
   * {@code v} / {@code wide} arrays ({@code argWidths} say which: above 64 bits, {@code wide}); a
   * MEM_READ's last arg is its memory's index.
   */
  static WideOp of(Node node, int dst, int[] args, int[] argWidths) {
    int w = node.width();
    return switch (node.op()) {
      case WIRE, OUTPUT, ZEXT -> new Field(dst, w, args, argWidths, 0, false);
      case SEXT -> new Field(dst, w, args, argWidths, 0, true);
      case SLICE -> new Field(dst, w, args, argWidths, node.sliceLow(), false);
      case CAT -> new Concatenation(dst, w, args, argWidths);
      case MUX -> new Select(dst, w, args, argWidths);
      case AND, OR, XOR, NOT -> new Bitwise(dst, w, args, argWidths, node.op());
      case EQ, NE -> new Equality(dst, w, args, argWidths, node.op() == Op.EQ);
      default -> new Generic(dst, w, args, argWidths, node);
    };
  }

  /** Bits {@code low..} of the operand into the result, zero- or sign-extended. */
  static final class Field extends WideOp {
    private final int low;
    private final boolean signExtend;

    Field(int dst, int width, int[] args, int[] argWidths, int low, boolean signExtend) {
      super(dst, width, args, argWidths);
      this.low = low;
      this.signExtend = signExtend;
    }

    @Override
    void run(long[] v, long[][] wide, Program.State state) {
      int source = args[0];
      int sourceWidth = argWidths[0];
      int available = Math.min(width, sourceWidth - low);
      boolean negative = signExtend && (sourceWidth > 64 ? Words.signBit(wide[source], sourceWidth)
          : ((v[source] >>> (sourceWidth - 1)) & 1) != 0);
      if (width <= 64) {
        long bits = sourceWidth > 64 ? Words.read(wide[source], low, available) : (v[source] >>> low) & Words.mask(available);
        if (negative && available < width) {
          bits |= -1L << available;
        }
        v[dst] = bits & Words.mask(width);
        return;
      }
      long[] target = wide[dst];
      java.util.Arrays.fill(target, negative ? -1L : 0L);
      for (int done = 0; done < available; done += 64) {
        int n = Math.min(64, available - done);
        long bits = sourceWidth > 64 ? Words.read(wide[source], low + done, n) : (v[source] >>> (low + done)) & Words.mask(n);
        Words.write(target, done, n, bits);
      }
      Words.clearAbove(target, width);
    }
  }

  /** {@code {a, b, c}}: the last operand in the lowest bits. */
  static final class Concatenation extends WideOp {
    Concatenation(int dst, int width, int[] args, int[] argWidths) {
      super(dst, width, args, argWidths);
    }

    @Override
    void run(long[] v, long[][] wide, Program.State state) {
      long[] target = wide[dst];
      int at = 0;
      for (int i = args.length - 1; i >= 0; i--) {
        int n = argWidths[i];
        if (n > 64) {
          Words.copy(wide[args[i]], n, target, at);
        } else {
          Words.write(target, at, n, v[args[i]]);
        }
        at += n;
      }
    }
  }

  static final class Select extends WideOp {
    Select(int dst, int width, int[] args, int[] argWidths) {
      super(dst, width, args, argWidths);
    }

    @Override
    void run(long[] v, long[][] wide, Program.State state) {
      int chosen = v[args[0]] != 0 ? args[1] : args[2];
      System.arraycopy(wide[chosen], 0, wide[dst], 0, wide[dst].length);
    }
  }

  static final class Bitwise extends WideOp {
    private final Op op;

    Bitwise(int dst, int width, int[] args, int[] argWidths, Op op) {
      super(dst, width, args, argWidths);
      this.op = op;
    }

    @Override
    void run(long[] v, long[][] wide, Program.State state) {
      long[] a = wide[args[0]];
      long[] target = wide[dst];
      for (int i = 0; i < target.length; i++) {
        target[i] = switch (op) {
          case AND -> a[i] & wide[args[1]][i];
          case OR -> a[i] | wide[args[1]][i];
          case XOR -> a[i] ^ wide[args[1]][i];
          default -> ~a[i];
        };
      }
      Words.clearAbove(target, width);
    }
  }

  static final class Equality extends WideOp {
    private final boolean equal;

    Equality(int dst, int width, int[] args, int[] argWidths, boolean equal) {
      super(dst, width, args, argWidths);
      this.equal = equal;
    }

    @Override
    void run(long[] v, long[][] wide, Program.State state) {
      v[dst] = java.util.Arrays.equals(wide[args[0]], wide[args[1]]) == equal ? 1 : 0;
    }
  }

  /** Everything else, through BigIntegers and {@link Eval}. */
  static final class Generic extends WideOp {
    private final Node node;

    Generic(int dst, int width, int[] args, int[] argWidths, Node node) {
      super(dst, width, args, argWidths);
      this.node = node;
    }

    @Override
    void run(long[] v, long[][] wide, Program.State state) {
      BigInteger result;
      if (node.op() == Op.MEM_READ) {
        result = state.readWideMemory(args[args.length - 1], Program.bits(v, wide, args[0], argWidths[0]));
      } else {
        BigInteger[] values = new BigInteger[args.length];
        for (int i = 0; i < args.length; i++) {
          values[i] = Program.bits(v, wide, args[i], argWidths[i]);
        }
        result = Eval.apply(node, values, argWidths);
      }
      Program.store(v, wide, dst, width, result);
    }
  }
}
