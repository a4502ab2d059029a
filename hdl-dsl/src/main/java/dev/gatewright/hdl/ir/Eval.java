package dev.gatewright.hdl.ir;

import java.math.BigInteger;

/**
 * The meaning of each combinational {@link Op} on raw bit patterns: every value is a non-negative
 * BigInteger below {@code 2^width}. Constant folding uses it, and it is the reference the simulators
 * are tested against.
 */
public final class Eval {

  private Eval() {}

  public static BigInteger mask(int width) {
    return BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
  }

  /** The two's-complement value of a {@code width}-bit pattern. */
  public static BigInteger toSigned(BigInteger bits, int width) {
    return bits.testBit(width - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(width)) : bits;
  }

  /** The {@code width}-bit pattern of any integer (its low bits). */
  public static BigInteger toBits(BigInteger value, int width) {
    return value.and(mask(width));
  }

  /**
   * Evaluates one op. {@code args} are the operand bit patterns, {@code argWidths} their widths;
   * {@code node} supplies the op, result width and parameters.
   */
  public static BigInteger apply(Node node, BigInteger[] args, int[] argWidths) {
    int w = node.width();
    return switch (node.op()) {
      case CONST -> node.constant();
      case WIRE, OUTPUT -> args[0];
      case ADD -> toBits(args[0].add(args[1]), w);
      case SUB -> toBits(args[0].subtract(args[1]), w);
      case MUL -> toBits(args[0].multiply(args[1]), w);
      case NEG -> toBits(args[0].negate(), w);
      case AND -> args[0].and(args[1]);
      case OR -> args[0].or(args[1]);
      case XOR -> args[0].xor(args[1]);
      case NOT -> args[0].xor(mask(w));
      case EQ -> bool(args[0].equals(args[1]));
      case NE -> bool(!args[0].equals(args[1]));
      case LT -> bool(compare(node, args, argWidths) < 0);
      case LE -> bool(compare(node, args, argWidths) <= 0);
      case GT -> bool(compare(node, args, argWidths) > 0);
      case GE -> bool(compare(node, args, argWidths) >= 0);
      case SHL -> toBits(args[0].shiftLeft(node.shiftAmount()), w);
      case SHR -> args[0].shiftRight(node.shiftAmount());
      case SRA -> toBits(toSigned(args[0], w).shiftRight(node.shiftAmount()), w);
      case DSHL -> shiftAmount(args[1], w) >= w ? BigInteger.ZERO : toBits(args[0].shiftLeft(shiftAmount(args[1], w)), w);
      case DSHR -> shiftAmount(args[1], w) >= w ? BigInteger.ZERO : args[0].shiftRight(shiftAmount(args[1], w));
      case DSRA -> toBits(toSigned(args[0], w).shiftRight(Math.min(shiftAmount(args[1], w), w)), w);
      case CAT -> {
        BigInteger result = BigInteger.ZERO;
        for (int i = 0; i < args.length; i++) {
          result = result.shiftLeft(argWidths[i]).or(args[i]);
        }
        yield result;
      }
      case SLICE -> args[0].shiftRight(node.sliceLow()).and(mask(w));
      case ZEXT -> args[0];
      case SEXT -> toBits(toSigned(args[0], argWidths[0]), w);
      case MUX -> args[0].signum() != 0 ? args[1] : args[2];
      case RED_AND -> bool(args[0].equals(mask(argWidths[0])));
      case RED_OR -> bool(args[0].signum() != 0);
      case RED_XOR -> bool(args[0].bitCount() % 2 == 1);
      case ROM -> {
        BigInteger address = args[0];
        yield address.compareTo(BigInteger.valueOf(node.tableSize())) < 0
            ? node.tableEntry(address.intValueExact())
            : BigInteger.ZERO;
      }
      default -> throw new IllegalArgumentException("not a combinational op: " + node);
    };
  }

  private static int compare(Node node, BigInteger[] args, int[] argWidths) {
    if (node.signedComparison()) {
      return toSigned(args[0], argWidths[0]).compareTo(toSigned(args[1], argWidths[1]));
    }
    return args[0].compareTo(args[1]);
  }

  private static int shiftAmount(BigInteger amount, int width) {
    return amount.bitLength() > 31 ? Integer.MAX_VALUE : Math.min(amount.intValue(), Math.max(width, 0) + 1);
  }

  private static BigInteger bool(boolean b) {
    return b ? BigInteger.ONE : BigInteger.ZERO;
  }
}
