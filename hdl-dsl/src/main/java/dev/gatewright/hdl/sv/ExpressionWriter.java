package dev.gatewright.hdl.sv;

import dev.gatewright.hdl.ir.Node;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Writes the text of values: references to nets, inline constants, slices and extensions, and the
 * right-hand sides of operations. It remembers which bits of each net were read, so that the bits
 * nothing reads can be declared unused on purpose.
 */
final class ExpressionWriter {

  private final EmissionPlan plan;
  private final List<Node> nodes;
  private final boolean[] fullyUsed;
  private final BitSet[] partlyUsed;

  ExpressionWriter(EmissionPlan plan) {
    this.plan = plan;
    this.nodes = plan.nodes;
    this.fullyUsed = new boolean[plan.n];
    this.partlyUsed = new BitSet[plan.n];
  }

  // ---- bit usage --------------------------------------------------------------------------------

  void useAll(int id) {
    use(id, nodes.get(id).width() - 1, 0);
  }

  private void use(int id, int high, int low) {
    Node node = nodes.get(id);
    if (node.op() == dev.gatewright.hdl.ir.Op.CONST) {
      return;
    }
    if (plan.inline[id]) {
      int sourceWidth = nodes.get(node.arg(0)).width();
      switch (node.op()) {
        case SLICE -> use(node.arg(0), node.sliceLow() + high, node.sliceLow() + low);
        case ZEXT -> {
          if (low < sourceWidth) {
            use(node.arg(0), Math.min(high, sourceWidth - 1), low);
          }
        }
        case SEXT -> useAll(node.arg(0));
        default -> throw new IllegalStateException(node.toString());
      }
      return;
    }
    if (plan.absorbed[id] || fullyUsed[id]) {
      return;
    }
    if (low == 0 && high == node.width() - 1) {
      fullyUsed[id] = true;
      partlyUsed[id] = null;
      return;
    }
    BitSet bits = partlyUsed[id];
    if (bits == null) {
      bits = new BitSet(node.width());
      partlyUsed[id] = bits;
    }
    bits.set(low, high + 1);
    if (bits.cardinality() == node.width()) {
      fullyUsed[id] = true;
      partlyUsed[id] = null;
    }
  }

  /** Every bit range of a net that nothing read, most significant net last. */
  List<String> unusedParts() {
    List<String> parts = new ArrayList<>();
    for (Node node : nodes) {
      int id = node.id();
      if (!plan.isNet(id) || node.op() == dev.gatewright.hdl.ir.Op.OUTPUT || fullyUsed[id]) {
        continue;
      }
      BitSet used = partlyUsed[id];
      int width = node.width();
      String name = plan.names[id];
      if (used == null) {
        parts.add(name);
        continue;
      }
      int bit = 0;
      while (bit < width) {
        int start = used.nextClearBit(bit);
        if (start >= width) {
          break;
        }
        int next = used.nextSetBit(start);
        int end = Math.min(next < 0 ? width : next, width) - 1;
        parts.add(width == 1 ? name : start == end ? name + "[" + start + "]" : name + "[" + end + ":" + start + "]");
        bit = end + 1;
      }
    }
    return parts;
  }

  // ---- text -------------------------------------------------------------------------------------

  /** The text for a value read by a sink or a statement: an absorbed expression or a reference. */
  String value(int id) {
    if (plan.absorbed[id]) {
      return expression(nodes.get(id));
    }
    useAll(id);
    return ref(id);
  }

  /** The right-hand side of an operation, with its operands marked as read. */
  String expression(Node node) {
    int w = node.width();
    switch (node.op()) {
      case SHL, SHR, SRA, SLICE -> {
        // these read part of their operand; the others read all of it
      }
      case SEXT -> useAll(node.arg(0));
      default -> {
        for (int i = 0; i < node.argCount(); i++) {
          useAll(node.arg(i));
        }
      }
    }
    return switch (node.op()) {
      case ADD -> binary(node, "+");
      case SUB -> binary(node, "-");
      case MUL -> binary(node, "*");
      case AND -> binary(node, "&");
      case OR -> binary(node, "|");
      case XOR -> binary(node, "^");
      case EQ -> binary(node, "==");
      case NE -> binary(node, "!=");
      case LT -> comparison(node, "<");
      case LE -> comparison(node, "<=");
      case GT -> comparison(node, ">");
      case GE -> comparison(node, ">=");
      case NEG -> "-" + ref(node.arg(0));
      case NOT -> "~" + ref(node.arg(0));
      case RED_AND -> "&" + ref(node.arg(0));
      case RED_OR -> "|" + ref(node.arg(0));
      case RED_XOR -> "^" + ref(node.arg(0));
      case MUX -> ref(node.arg(0)) + " ? " + ref(node.arg(1)) + " : " + ref(node.arg(2));
      case DSHL -> ref(node.arg(0)) + " << " + ref(node.arg(1));
      case DSHR -> ref(node.arg(0)) + " >> " + ref(node.arg(1));
      case DSRA -> "$signed(" + ref(node.arg(0)) + ") >>> " + ref(node.arg(1));
      case CAT -> {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < node.argCount(); i++) {
          text.append(i == 0 ? "" : ", ").append(ref(node.arg(i)));
        }
        yield text.append('}').toString();
      }
      case SLICE, ZEXT, SEXT -> extensionOrSlice(node);
      case SHL -> node.shiftAmount() >= w ? literal(BigInteger.ZERO, w)
          : "{" + range(node.arg(0), w - 1 - node.shiftAmount(), 0) + ", " + literal(BigInteger.ZERO, node.shiftAmount()) + "}";
      case SHR -> node.shiftAmount() >= w ? literal(BigInteger.ZERO, w)
          : "{" + literal(BigInteger.ZERO, node.shiftAmount()) + ", " + range(node.arg(0), w - 1, node.shiftAmount()) + "}";
      case SRA -> node.shiftAmount() >= w ? "{" + w + "{" + range(node.arg(0), w - 1, w - 1) + "}}"
          : "{{" + node.shiftAmount() + "{" + range(node.arg(0), w - 1, w - 1) + "}}, "
              + range(node.arg(0), w - 1, node.shiftAmount()) + "}";
      default -> throw new IllegalStateException("no expression for " + node);
    };
  }

  private String binary(Node node, String operator) {
    return ref(node.arg(0)) + " " + operator + " " + ref(node.arg(1));
  }

  private String comparison(Node node, String operator) {
    if (node.signedComparison()) {
      return "$signed(" + ref(node.arg(0)) + ") " + operator + " $signed(" + ref(node.arg(1)) + ")";
    }
    return binary(node, operator);
  }

  /** How an operand is written: a net's name or an inline expression. */
  String ref(int id) {
    Node node = nodes.get(id);
    if (node.op() == dev.gatewright.hdl.ir.Op.CONST) {
      return literal(node.constant(), node.width());
    }
    if (plan.inline[id]) {
      return extensionOrSlice(node);
    }
    if (plan.absorbed[id]) {
      throw new IllegalStateException("absorbed node referenced twice: " + node);
    }
    return plan.names[id];
  }

  /** The text of a slice or an extension, whether it stands inline or as a net's driver. */
  private String extensionOrSlice(Node node) {
    int w = node.width();
    return switch (node.op()) {
      case SLICE -> range(node.arg(0), node.sliceHigh(), node.sliceLow());
      case ZEXT -> "{" + literal(BigInteger.ZERO, w - nodes.get(node.arg(0)).width()) + ", " + ref(node.arg(0)) + "}";
      case SEXT -> {
        int from = nodes.get(node.arg(0)).width();
        yield "{{" + (w - from) + "{" + range(node.arg(0), from - 1, from - 1) + "}}, " + ref(node.arg(0)) + "}";
      }
      default -> throw new IllegalStateException(node.toString());
    };
  }

  /** Bits {@code high..low} of a net, or of the net an inline slice reads. */
  String range(int id, int high, int low) {
    Node node = nodes.get(id);
    if (plan.inline[id] && node.op() == dev.gatewright.hdl.ir.Op.SLICE) {
      return range(node.arg(0), node.sliceLow() + high, node.sliceLow() + low);
    }
    if (plan.inline[id] || plan.absorbed[id]) {
      throw new IllegalStateException("cannot select bits of " + node);
    }
    use(id, high, low);
    String name = plan.names[id];
    if (node.width() == 1 || (low == 0 && high == node.width() - 1)) {
      return name;
    }
    return high == low ? name + "[" + low + "]" : name + "[" + high + ":" + low + "]";
  }

  static String literal(BigInteger value, int width) {
    if (width == 1) {
      return value.signum() == 0 ? "1'b0" : "1'b1";
    }
    return width + "'h" + value.toString(16);
  }
}
