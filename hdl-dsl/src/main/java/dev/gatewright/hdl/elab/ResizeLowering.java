package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.BoolType;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.UIntType;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;

/**
 * Lowers every {@code RESIZE} into plain ops that compute exactly {@link dev.gatewright.hdl.FixedMath#resize}:
 * the dropped fraction bits rounded as the node says, then the value brought into range by wrapping or
 * saturating. Integers are fixed-point values with no fraction bits.
 */
final class ResizeLowering {

  private final Graph graph;

  private ResizeLowering(Graph graph) {
    this.graph = graph;
  }

  static void run(Graph graph, Rewrites rewrites) {
    ResizeLowering lowering = new ResizeLowering(graph);
    int size = graph.size();
    for (int id = 0; id < size; id++) {
      Node node = graph.get(id);
      if (node.op() == Op.RESIZE) {
        rewrites.replace(id, lowering.lower(node, rewrites.resolve(lowering.throughTypedView(node.arg(0)))));
      }
    }
  }

  /** The node under a full-width slice that only gives a value its type (see {@code Expressions.resize}). */
  private int throughTypedView(int id) {
    Node node = graph.get(id);
    if (node.op() == Op.SLICE && node.sliceLow() == 0 && node.sliceHigh() == graph.get(node.arg(0)).width() - 1) {
      return node.arg(0);
    }
    return id;
  }

  private int lower(Node resize, int source) {
    FixedType from = format(graph.get(resize.arg(0)).type());
    FixedType to = format(resize.type());
    int dropped = from.fraction() - to.fraction();
    int rounded = round(source, from, dropped, resize.rounding());
    FixedType roundedType = roundedType(from, dropped, resize.rounding());
    return overflow(rounded, roundedType, to, resize.overflow());
  }

  private static FixedType format(HdlType<?> type) {
    return type instanceof FixedType f ? f : new FixedType(type.isSigned(), type.width(), 0);
  }

  /** The format of the value after dropping {@code dropped} fraction bits with {@code rounding}. */
  private static FixedType roundedType(FixedType from, int dropped, Rounding rounding) {
    if (dropped <= 0) {
      return new FixedType(from.signed(), from.width() - dropped, from.fraction() - dropped);
    }
    int kept = Math.max(1, from.width() - dropped);
    boolean rounds = rounding != Rounding.TRUNCATE && !(rounding == Rounding.TRUNCATE_TO_ZERO && !from.signed());
    return new FixedType(from.signed(), rounds ? kept + 1 : kept, from.fraction() - dropped);
  }

  private int round(int raw, FixedType from, int dropped, Rounding rounding) {
    int w = from.width();
    boolean signed = from.signed();
    if (dropped <= 0) {
      return dropped == 0 ? raw : op(Op.CAT, UIntType.of(w - dropped), raw, constant(-dropped, BigInteger.ZERO));
    }
    int kept = Math.max(1, w - dropped);
    int floor;
    if (w > dropped) {
      floor = slice(raw, w - 1, dropped, UIntType.of(kept));
    } else {
      floor = signed ? slice(raw, w - 1, w - 1, UIntType.of(1)) : constant(1, BigInteger.ZERO);
    }
    int increment = switch (rounding) {
      case TRUNCATE -> -1;
      case TRUNCATE_TO_ZERO -> signed
          ? op(Op.AND, BoolType.INSTANCE, extendedBit(raw, w, signed, w - 1), anyBits(raw, w, signed, dropped - 1, 0))
          : -1;
      case HALF_UP -> extendedBit(raw, w, signed, dropped - 1);
      case HALF_EVEN -> {
        int half = extendedBit(raw, w, signed, dropped - 1);
        int odd = extendedBit(raw, w, signed, dropped);
        int sticky = dropped >= 2 ? op(Op.OR, BoolType.INSTANCE, anyBits(raw, w, signed, dropped - 2, 0), odd) : odd;
        yield op(Op.AND, BoolType.INSTANCE, half, sticky);
      }
    };
    if (increment < 0) {
      return floor;
    }
    int widened = extend(floor, kept, signed, kept + 1);
    return op(Op.ADD, UIntType.of(kept + 1), widened, extend(increment, 1, false, kept + 1));
  }

  /** Bit {@code index} of the raw value sign- (or zero-) extended without limit. */
  private int extendedBit(int raw, int width, boolean signed, int index) {
    if (index < width) {
      return slice(raw, index, index, BoolType.INSTANCE);
    }
    return signed ? slice(raw, width - 1, width - 1, BoolType.INSTANCE) : constant(1, BigInteger.ZERO);
  }

  /** Whether any of bits {@code high..low} of the extended raw value is set. */
  private int anyBits(int raw, int width, boolean signed, int high, int low) {
    int top = Math.min(high, width - 1);
    int inRange = op(Op.RED_OR, BoolType.INSTANCE, slice(raw, top, low, UIntType.of(top - low + 1)));
    if (high < width || !signed) {
      return inRange;
    }
    return op(Op.OR, BoolType.INSTANCE, inRange, slice(raw, width - 1, width - 1, BoolType.INSTANCE));
  }

  private int overflow(int raw, FixedType from, FixedType to, Overflow overflow) {
    // `from` and `to` have the same fraction here: only the integer range differs
    if (overflow == Overflow.WRAP) {
      return wrap(raw, from, to.width());
    }
    BigInteger max = to.maxRaw();
    BigInteger min = overflow == Overflow.SATURATE_SYMMETRIC && to.signed() ? max.negate() : to.minRaw();
    boolean mayExceed = from.maxRaw().compareTo(max) > 0;
    boolean mayUndercut = from.minRaw().compareTo(min) < 0;
    int result = wrap(raw, from, to.width());
    if (!mayExceed && !mayUndercut) {
      return result;
    }
    FixedType bound = FixedType.union(from, new FixedType(to.signed(), to.width(), from.fraction()));
    int compared = extend(raw, from.width(), from.signed(), bound.width());
    UIntType target = UIntType.of(to.width());
    if (mayUndercut) {
      int under = graph.add(Node.comparison(Op.LT, BoolType.INSTANCE, bound.signed(), compared,
          constant(bound.width(), Eval.toBits(min, bound.width()))));
      result = op(Op.MUX, target, under, constant(to.width(), Eval.toBits(min, to.width())), result);
    }
    if (mayExceed) {
      int over = graph.add(Node.comparison(Op.GT, BoolType.INSTANCE, bound.signed(), compared,
          constant(bound.width(), Eval.toBits(max, bound.width()))));
      result = op(Op.MUX, target, over, constant(to.width(), Eval.toBits(max, to.width())), result);
    }
    return result;
  }

  private int wrap(int raw, FixedType from, int width) {
    if (width <= from.width()) {
      return slice(raw, width - 1, 0, UIntType.of(width));
    }
    return extend(raw, from.width(), from.signed(), width);
  }

  private int extend(int raw, int fromWidth, boolean signed, int toWidth) {
    if (toWidth == fromWidth) {
      return raw;
    }
    return op(signed ? Op.SEXT : Op.ZEXT, UIntType.of(toWidth), raw);
  }

  private int slice(int raw, int high, int low, HdlType<?> type) {
    Node source = graph.get(raw);
    if (low == 0 && high == source.width() - 1) {
      return raw;
    }
    if (source.op() == Op.SLICE) {
      return slice(source.arg(0), source.sliceLow() + high, source.sliceLow() + low, type);
    }
    return graph.add(Node.slice(type, raw, high, low));
  }

  private int constant(int width, BigInteger raw) {
    return graph.constant(width == 1 ? BoolType.INSTANCE : UIntType.of(width), raw);
  }

  private int op(Op op, HdlType<?> type, int... args) {
    return graph.add(Node.operation(op, type, args));
  }
}
