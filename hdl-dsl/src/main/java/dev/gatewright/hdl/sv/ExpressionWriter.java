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

  /** Marks as read every bit that {@code other} (a writer of another section of the module) read. */
  void addUsesOf(ExpressionWriter other) {
    for (int id = 0; id < fullyUsed.length; id++) {
      if (other.fullyUsed[id]) {
        use(id, nodes.get(id).width() - 1, 0);
      } else if (other.partlyUsed[id] != null) {
        BitSet bits = other.partlyUsed[id];
        for (int low = bits.nextSetBit(0); low >= 0; low = bits.nextSetBit(bits.nextClearBit(low))) {
          use(id, bits.nextClearBit(low) - 1, low);
        }
      }
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
    StringBuilder out = new StringBuilder();
    value(out, id);
    return out.toString();
  }

  void value(StringBuilder out, int id) {
    if (plan.absorbed[id]) {
      expression(out, nodes.get(id));
      return;
    }
    useAll(id);
    ref(out, id);
  }

  /** The right-hand side of an operation, with its operands marked as read. */
  String expression(Node node) {
    StringBuilder out = new StringBuilder();
    expression(out, node);
    return out.toString();
  }

  void expression(StringBuilder out, Node node) {
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
    switch (node.op()) {
      case ADD -> binary(out, node, " + ");
      case SUB -> binary(out, node, " - ");
      case MUL -> binary(out, node, " * ");
      case AND -> binary(out, node, " & ");
      case OR -> binary(out, node, " | ");
      case XOR -> binary(out, node, " ^ ");
      case EQ -> binary(out, node, " == ");
      case NE -> binary(out, node, " != ");
      case LT -> comparison(out, node, " < ");
      case LE -> comparison(out, node, " <= ");
      case GT -> comparison(out, node, " > ");
      case GE -> comparison(out, node, " >= ");
      case NEG -> ref(out.append('-'), node.arg(0));
      case NOT -> ref(out.append('~'), node.arg(0));
      case RED_AND -> ref(out.append('&'), node.arg(0));
      case RED_OR -> ref(out.append('|'), node.arg(0));
      case RED_XOR -> ref(out.append('^'), node.arg(0));
      case MUX -> {
        ref(out, node.arg(0));
        ref(out.append(" ? "), node.arg(1));
        ref(out.append(" : "), node.arg(2));
      }
      case DSHL -> binary(out, node, " << ");
      case DSHR -> binary(out, node, " >> ");
      case DSRA -> {
        ref(out.append("$signed("), node.arg(0));
        ref(out.append(") >>> "), node.arg(1));
      }
      case CAT -> {
        out.append('{');
        for (int i = 0; i < node.argCount(); i++) {
          ref(i == 0 ? out : out.append(", "), node.arg(i));
        }
        out.append('}');
      }
      case SLICE, ZEXT, SEXT -> extensionOrSlice(out, node);
      case SHL -> {
        int k = node.shiftAmount();
        if (k >= w) {
          literal(out, BigInteger.ZERO, w);
        } else {
          range(out.append('{'), node.arg(0), w - 1 - k, 0);
          literal(out.append(", "), BigInteger.ZERO, k);
          out.append('}');
        }
      }
      case SHR -> {
        int k = node.shiftAmount();
        if (k >= w) {
          literal(out, BigInteger.ZERO, w);
        } else {
          literal(out.append('{'), BigInteger.ZERO, k);
          range(out.append(", "), node.arg(0), w - 1, k);
          out.append('}');
        }
      }
      case SRA -> {
        int k = node.shiftAmount();
        if (k >= w) {
          range(out.append('{').append(w).append('{'), node.arg(0), w - 1, w - 1);
          out.append("}}");
        } else {
          range(out.append("{{").append(k).append('{'), node.arg(0), w - 1, w - 1);
          range(out.append("}}, "), node.arg(0), w - 1, k);
          out.append('}');
        }
      }
      default -> throw new IllegalStateException("no expression for " + node);
    }
  }

  private void binary(StringBuilder out, Node node, String operator) {
    ref(out, node.arg(0));
    ref(out.append(operator), node.arg(1));
  }

  private void comparison(StringBuilder out, Node node, String operator) {
    if (node.signedComparison()) {
      ref(out.append("$signed("), node.arg(0));
      ref(out.append(")").append(operator).append("$signed("), node.arg(1));
      out.append(')');
    } else {
      binary(out, node, operator);
    }
  }

  /** How an operand is written: a net's name or an inline expression. */
  String ref(int id) {
    StringBuilder out = new StringBuilder();
    ref(out, id);
    return out.toString();
  }

  StringBuilder ref(StringBuilder out, int id) {
    Node node = nodes.get(id);
    if (node.op() == dev.gatewright.hdl.ir.Op.CONST) {
      literal(out, node.constant(), node.width());
    } else if (plan.inline[id]) {
      extensionOrSlice(out, node);
    } else if (plan.absorbed[id]) {
      throw new IllegalStateException("absorbed node referenced twice: " + node);
    } else {
      out.append(plan.names[id]);
    }
    return out;
  }

  /** The text of a slice or an extension, whether it stands inline or as a net's driver. */
  private void extensionOrSlice(StringBuilder out, Node node) {
    int w = node.width();
    switch (node.op()) {
      case SLICE -> range(out, node.arg(0), node.sliceHigh(), node.sliceLow());
      case ZEXT -> {
        literal(out.append('{'), BigInteger.ZERO, w - nodes.get(node.arg(0)).width());
        ref(out.append(", "), node.arg(0)).append('}');
      }
      case SEXT -> {
        int from = nodes.get(node.arg(0)).width();
        range(out.append("{{").append(w - from).append('{'), node.arg(0), from - 1, from - 1);
        ref(out.append("}}, "), node.arg(0)).append('}');
      }
      default -> throw new IllegalStateException(node.toString());
    }
  }

  /** Bits {@code high..low} of a net, or of the net an inline slice reads. */
  void range(StringBuilder out, int id, int high, int low) {
    Node node = nodes.get(id);
    if (node.op() == dev.gatewright.hdl.ir.Op.CONST) {
      literal(out, node.constant().shiftRight(low).and(BigInteger.ONE.shiftLeft(high - low + 1).subtract(BigInteger.ONE)),
          high - low + 1);
      return;
    }
    if (plan.inline[id] && node.op() == dev.gatewright.hdl.ir.Op.SLICE) {
      range(out, node.arg(0), node.sliceLow() + high, node.sliceLow() + low);
      return;
    }
    if (plan.inline[id] || plan.absorbed[id]) {
      throw new IllegalStateException("cannot select bits of " + node);
    }
    use(id, high, low);
    out.append(plan.names[id]);
    if (node.width() == 1 || (low == 0 && high == node.width() - 1)) {
      return;
    }
    out.append('[').append(high);
    if (high != low) {
      out.append(':').append(low);
    }
    out.append(']');
  }

  static String literal(BigInteger value, int width) {
    StringBuilder out = new StringBuilder();
    literal(out, value, width);
    return out.toString();
  }

  static void literal(StringBuilder out, BigInteger value, int width) {
    if (width == 1) {
      out.append(value.signum() == 0 ? "1'b0" : "1'b1");
      return;
    }
    out.append(width).append("'h");
    if (value.bitLength() < 63) {
      out.append(Long.toHexString(value.longValue()));
    } else {
      out.append(value.toString(16));
    }
  }
}
