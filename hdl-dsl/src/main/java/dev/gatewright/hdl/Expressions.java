package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Graph;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the nodes of the signals' operators in one module: it applies the {@link TypeRules}, aligns
 * and extends operands so that every node's operands have the widths its op needs, and wraps the
 * result in the signal class of its type. It checks operands (same module, legal widths) but no design
 * rule: those run at elaboration.
 */
final class Expressions {

  private final ModuleBuilder module;
  private final Graph graph;

  Expressions(ModuleBuilder module, Graph graph) {
    this.module = module;
    this.graph = graph;
  }

  /** The expressions of {@code signal}'s module, which must be the one being built here. */
  static Expressions of(Signal signal) {
    return ModuleBuilder.checked(signal).expressions();
  }

  private <S extends Signal> S wrap(HdlType<S> type, int node) {
    return type.wrap(module, node, null, -1);
  }

  @SuppressWarnings("unchecked")
  private <S extends Signal> S wrapAs(HdlType<?> type, int node) {
    return (S) type.wrap(module, node, null, -1);
  }

  // ---- constants --------------------------------------------------------------------------------

  <S extends Signal> S constant(long value, HdlType<S> type) {
    return constant(BigInteger.valueOf(value), type);
  }

  <S extends Signal> S constant(BigInteger value, HdlType<S> type) {
    return wrap(type, constNode(type.width(), rawBits(type, value)));
  }

  Fixed constant(double value, FixedType type) {
    return wrap(type, constNode(type.width(), rawBits(type, value)));
  }

  <E extends Enum<E>> EnumSignal<E> state(EnumType<E> type, E state) {
    if (state == null) {
      throw HdlException.here(null, "a state of " + type + " is needed, not null");
    }
    return wrap(type, constNode(type.width(), type.code(state)));
  }

  /** The raw bits of {@code value} in {@code type}: a number for integer and fixed-point types. */
  static BigInteger rawBits(HdlType<?> type, BigInteger value) {
    if (value == null) {
      throw HdlException.here(null, "a constant of " + type + " is needed, not null");
    }
    BigInteger raw = value;
    if (type instanceof FixedType fixed) {
      if (fixed.fraction() >= 0) {
        raw = value.shiftLeft(fixed.fraction());
      } else if (value.signum() != 0 && value.getLowestSetBit() < -fixed.fraction()) {
        throw HdlException.here(null, "constant " + value + " is not representable in " + type);
      } else {
        raw = value.shiftRight(-fixed.fraction());
      }
    }
    boolean fits;
    if (type instanceof FixedType f) {
      fits = f.fits(raw);
    } else if (type.isSigned()) {
      fits = raw.bitLength() < type.width();
    } else {
      fits = raw.signum() >= 0 && raw.bitLength() <= type.width();
    }
    if (!fits) {
      throw HdlException.here(null, "constant " + value + " does not fit " + type);
    }
    return Eval.toBits(raw, type.width());
  }

  static BigInteger rawBits(FixedType type, double value) {
    if (!Double.isFinite(value)) {
      throw HdlException.here(null, "constant " + value + " is not a finite number");
    }
    BigDecimal exact = new BigDecimal(value);
    BigDecimal scaled = type.fraction() >= 0
        ? exact.multiply(BigDecimal.valueOf(2).pow(type.fraction()))
        : exact.divide(BigDecimal.valueOf(2).pow(-type.fraction()));
    BigInteger raw;
    try {
      raw = scaled.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw HdlException.here(null, "constant " + value + " is not exactly representable in " + type
          + " (quantize it first, e.g. with FixedMath.fromDouble)");
    }
    if (!type.fits(raw)) {
      throw HdlException.here(null, "constant " + value + " does not fit " + type);
    }
    return Eval.toBits(raw, type.width());
  }

  UInt unsignedLiteral(long value, String operator) {
    if (value < 0) {
      throw HdlException.here(null, operator + "(" + value + ") on a uint needs a constant of 0 or more"
          + (operator.equals("add") ? "; use sub(" + (-value) + ")" : "; convert with toSInt() first"));
    }
    return constant(value, UIntType.of(TypeRules.bitsFor(BigInteger.valueOf(value), false)));
  }

  SInt signedLiteral(long value) {
    return constant(value, SIntType.of(TypeRules.bitsFor(BigInteger.valueOf(value), true)));
  }

  IntSignal integerLiteral(long value) {
    return value < 0 ? signedLiteral(value) : unsignedLiteral(value, "compare");
  }

  /** The smallest fixed-point constant that holds {@code value} exactly. */
  Fixed fixedLiteral(double value) {
    if (!Double.isFinite(value)) {
      throw HdlException.here(null, "constant " + value + " is not a finite number");
    }
    BigDecimal exact = new BigDecimal(value);
    int fraction = Math.max(0, exact.stripTrailingZeros().scale());
    BigInteger raw = exact.multiply(BigDecimal.valueOf(2).pow(fraction)).toBigIntegerExact();
    while (fraction > 0 && !raw.testBit(0)) {
      raw = raw.shiftRight(1);
      fraction--;
    }
    FixedType type = new FixedType(raw.signum() < 0, TypeRules.bitsFor(raw, raw.signum() < 0), fraction);
    return wrap(type, constNode(type.width(), Eval.toBits(raw, type.width())));
  }

  // ---- arithmetic and comparisons ---------------------------------------------------------------

  <R extends Signal> R arithmetic(Op op, Signal a, Signal b) {
    module.checkOwn(b);
    boolean fixed = TypeRules.numericFamily(a, b, op);
    FixedType fa = TypeRules.format(a.type);
    FixedType fb = TypeRules.format(b.type);
    FixedType result = switch (op) {
      case ADD -> FixedType.sum(fa, fb);
      case SUB -> FixedType.difference(fa, fb);
      case MUL -> FixedType.product(fa, fb);
      default -> throw new IllegalArgumentException(op.name());
    };
    HdlType<?> type = TypeRules.typeOf(result, fixed);
    int x;
    int y;
    if (op == Op.MUL) {
      x = rawExtend(a.node, fa.width(), fa.signed(), result.width());
      y = rawExtend(b.node, fb.width(), fb.signed(), result.width());
    } else {
      x = align(a.node, fa, result.fraction(), result.width());
      y = align(b.node, fb, result.fraction(), result.width());
    }
    return wrapAs(type, graph.add(Node.operation(op, type, x, y)));
  }

  <R extends Signal> R negate(Signal a) {
    boolean fixed = TypeRules.numericFamily(a, a, Op.NEG);
    FixedType fa = TypeRules.format(a.type);
    FixedType result = FixedType.negation(fa);
    HdlType<?> type = TypeRules.typeOf(result, fixed);
    return wrapAs(type, graph.add(Node.operation(Op.NEG, type, rawExtend(a.node, fa.width(), fa.signed(), result.width()))));
  }

  Bool compare(Op op, Signal a, Signal b) {
    module.checkOwn(b);
    TypeRules.numericFamily(a, b, op);
    FixedType fa = TypeRules.format(a.type);
    FixedType fb = TypeRules.format(b.type);
    FixedType common = FixedType.union(fa, fb);
    int x = align(a.node, fa, common.fraction(), common.width());
    int y = align(b.node, fb, common.fraction(), common.width());
    Node node = op == Op.EQ || op == Op.NE
        ? Node.operation(op, BoolType.INSTANCE, x, y)
        : Node.comparison(op, BoolType.INSTANCE, common.signed(), x, y);
    return wrap(BoolType.INSTANCE, graph.add(node));
  }

  /** {@code ==} or {@code !=} of two values of one type (bools, vecs, enums). */
  Bool equality(Op op, Signal a, Signal b) {
    module.checkOwn(b);
    if (!a.type.equals(b.type)) {
      throw HdlException.here(b.name(), op.name().toLowerCase() + " compares values of one type, not " + a.type
          + " and " + b.type);
    }
    return wrap(BoolType.INSTANCE, graph.add(Node.operation(op, BoolType.INSTANCE, a.node, b.node)));
  }

  Bool isState(EnumSignal<?> signal, Enum<?> state) {
    EnumType<?> type = signal.type();
    if (state == null || state.getDeclaringClass() != type.enumClass()) {
      throw HdlException.here(signal.name(), "is(" + state + ") needs a state of " + type);
    }
    BigInteger code = codeOf(type, state);
    if (type.encoding() == Encoding.ONE_HOT) {
      return bit(signal, state.ordinal());
    }
    int constant = constNode(type.width(), code);
    return wrap(BoolType.INSTANCE, graph.add(Node.operation(Op.EQ, BoolType.INSTANCE, signal.node, constant)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static BigInteger codeOf(EnumType<?> type, Enum<?> state) {
    return ((EnumType) type).code(state);
  }

  // ---- bitwise ----------------------------------------------------------------------------------

  <S extends Signal> S bitwise(Op op, S a, S b) {
    module.checkOwn(b);
    if (a.type.equals(b.type)) {
      return wrapAs(a.type, graph.add(Node.operation(op, a.type, a.node, b.node)));
    }
    int width = Math.max(a.width(), b.width());
    boolean signed = a.type.isSigned();
    HdlType<?> type = signed ? SIntType.of(width) : UIntType.of(width);
    int x = rawExtend(a.node, a.width(), signed, width);
    int y = rawExtend(b.node, b.width(), signed, width);
    return wrapAs(type, graph.add(Node.operation(op, type, x, y)));
  }

  <S extends Signal> S not(S a) {
    return wrapAs(a.type, graph.add(Node.operation(Op.NOT, a.type, a.node)));
  }

  Bool reduce(Op op, Signal a) {
    return wrap(BoolType.INSTANCE, graph.add(Node.operation(op, BoolType.INSTANCE, a.node)));
  }

  // ---- shifts -----------------------------------------------------------------------------------

  <S extends Signal> S shiftLeft(S a, int amount) {
    if (amount < 0) {
      throw HdlException.here(a.name(), "shift amount must not be negative: " + amount);
    }
    if (amount == 0) {
      return a;
    }
    HdlType<?> type = TypeRules.widened(a.type, (long) a.width() + amount);
    return wrapAs(type, graph.add(Node.operation(Op.CAT, type, a.node, constNode(amount, BigInteger.ZERO))));
  }

  <S extends Signal> S shiftRight(S a, int amount) {
    if (amount < 0) {
      throw HdlException.here(a.name(), "shift amount must not be negative: " + amount);
    }
    if (amount == 0) {
      return a;
    }
    return wrapAs(a.type, graph.add(Node.shift(a.type.isSigned() ? Op.SRA : Op.SHR, a.type, a.node, amount)));
  }

  <S extends Signal> S dynamicShiftLeft(S a, UInt amount) {
    module.checkOwn(amount);
    TypeRules.requireShiftAmount(amount);
    long width = a.width() + (1L << amount.width()) - 1;
    if (width > HdlType.MAX_WIDTH) {
      throw HdlException.here(a.name(), "shifting a " + a.width() + "-bit value by a " + amount.width()
          + "-bit amount would need " + width + " bits; narrow the amount first");
    }
    HdlType<?> type = TypeRules.widened(a.type, width);
    int base = rawExtend(a.node, a.width(), a.type.isSigned(), (int) width);
    return wrapAs(type, graph.add(Node.operation(Op.DSHL, type, base, amount.node)));
  }

  <S extends Signal> S dynamicShiftRight(S a, UInt amount) {
    module.checkOwn(amount);
    TypeRules.requireShiftAmount(amount);
    Op op = a.type.isSigned() ? Op.DSRA : Op.DSHR;
    return wrapAs(a.type, graph.add(Node.operation(op, a.type, a.node, amount.node)));
  }

  // ---- bits and conversions ---------------------------------------------------------------------

  UInt slice(Signal a, int high, int low) {
    checkSlice(a, high, low);
    UIntType type = UIntType.of(high - low + 1);
    return wrap(type, rawSlice(a.node, high, low, type));
  }

  Bool bit(Signal a, int index) {
    checkSlice(a, index, index);
    return wrap(BoolType.INSTANCE, rawSlice(a.node, index, index, BoolType.INSTANCE));
  }

  private static void checkSlice(Signal a, int high, int low) {
    if (low < 0 || high < low || high >= a.width()) {
      throw HdlException.here(a.name(), "slice [" + high + ":" + low + "] is out of range for " + a.describe()
          + ", which has bits [" + (a.width() - 1) + ":0]");
    }
  }

  Signal rawExtend(Signal a, int width, boolean signed) {
    if (width < a.width()) {
      throw HdlException.here(a.name(), (signed ? "sext" : "zext") + "(" + width + ") cannot narrow " + a.describe()
          + " of " + a.width() + " bits");
    }
    HdlType<?> type = signed ? SIntType.of(width) : UIntType.of(width);
    return wrapAs(type, rawExtend(a.node, a.width(), signed, width));
  }

  <S extends Signal> S extendValue(Signal a, HdlType<S> wider) {
    if (a.type.equals(wider)) {
      return wrap(wider, a.node);
    }
    boolean sameFamily = (TypeRules.isInteger(a.type) && TypeRules.isInteger(wider))
        || (a.type instanceof FixedType && wider instanceof FixedType);
    if (!sameFamily) {
      throw HdlException.here(a.name(), "extend cannot turn " + a.type + " into " + wider);
    }
    FixedType from = TypeRules.format(a.type);
    FixedType to = TypeRules.format(wider);
    if (!from.fitsIn(to)) {
      throw HdlException.here(a.name(), "extend cannot narrow: not every " + a.type + " value fits in " + wider
          + "; use resize with " + (a.type instanceof FixedType ? "a rounding and " : "") + "an overflow mode");
    }
    return wrap(wider, align(a.node, from, to.fraction(), to.width()));
  }

  <S extends Signal> S reinterpret(Signal a, HdlType<S> other) {
    if (other == null) {
      throw HdlException.here(a.name(), "as(...) needs a type, not null");
    }
    if (other.width() != a.width()) {
      throw HdlException.here(a.name(), "as(" + other + ") needs " + other.width() + " bits but " + a.describe()
          + " has " + a.width());
    }
    return wrap(other, a.node);
  }

  Fixed resize(Fixed a, FixedType target, Rounding rounding, Overflow overflow) {
    if (target == null || rounding == null || overflow == null) {
      throw HdlException.here(a.name(), "resize needs a target type, a rounding and an overflow mode, not null");
    }
    return wrap(target, graph.add(Node.resize(target, typedSource(a), rounding, overflow)));
  }

  <S extends Signal> S resizeInteger(IntSignal a, HdlType<S> target, Overflow overflow) {
    if (target == null || overflow == null) {
      throw HdlException.here(a.name(), "resize needs a target type and an overflow mode, not null");
    }
    if (overflow == Overflow.WRAP && TypeRules.isInteger(target)) {
      // wrapping an integer keeps its low bits: a slice, or an extension by the source's signedness
      int width = target.width();
      int bits = width <= a.width() ? rawSlice(a.node, width - 1, 0, target)
          : rawExtend(a.node, a.width(), a.type.isSigned(), width);
      return wrap(target, bits);
    }
    return wrap(target, graph.add(Node.resize(target, typedSource(a), Rounding.TRUNCATE, overflow)));
  }

  /**
   * A node of {@code a}'s own type for a RESIZE to read its format from. A signal may stand on a node of
   * another type of the same width (a hash-consed constant is a uint, {@code as(...)} keeps the node), so
   * such a signal is seen through a full-width slice of its type; resize lowering looks through it.
   */
  private int typedSource(Signal a) {
    if (graph.get(a.node).type().equals(a.type)) {
      return a.node;
    }
    return graph.add(Node.slice(a.type, a.node, a.width() - 1, 0));
  }

  // ---- vectors, multiplexers, concatenation -----------------------------------------------------

  <E extends Signal> E element(Vec<E> vector, int index) {
    VecType<E> type = vector.type();
    if (index < 0 || index >= type.size()) {
      throw HdlException.here(vector.name(), "index " + index + " is out of range for " + vector.describe() + " of "
          + type.size() + " elements");
    }
    int w = type.element().width();
    int slice = rawSlice(vector.node, (index + 1) * w - 1, index * w, type.element());
    if (vector.target != null && vector.element < 0) {
      return type.element().wrap(module, slice, vector.target, index);
    }
    return wrap(type.element(), slice);
  }

  <E extends Signal> E dynamicElement(Vec<E> vector, UInt index) {
    module.checkOwn(index);
    VecType<E> type = vector.type();
    HdlType<E> element = type.element();
    int needed = MemoryDef.addressWidth(type.size());
    int bits = index.width();
    int used = Math.min(bits, needed);
    List<Integer> level = new ArrayList<>();
    int w = element.width();
    for (int i = 0; i < (1 << used); i++) {
      level.add(i < type.size() ? rawSlice(vector.node, (i + 1) * w - 1, i * w, element) : constNode(w, BigInteger.ZERO));
    }
    for (int b = 0; b < used; b++) {
      int select = rawSlice(index.node, b, b, BoolType.INSTANCE);
      List<Integer> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        next.add(graph.add(Node.operation(Op.MUX, element, select, level.get(i + 1), level.get(i))));
      }
      level = next;
    }
    int result = level.get(0);
    if (bits > needed) {
      UIntType high = UIntType.of(bits - needed);
      int outOfRange = graph.add(Node.operation(Op.RED_OR, BoolType.INSTANCE, rawSlice(index.node, bits - 1, needed, high)));
      result = graph.add(Node.operation(Op.MUX, element, outOfRange, constNode(w, BigInteger.ZERO), result));
    }
    return wrap(element, result);
  }

  <S extends Signal> S mux(Bool select, S whenTrue, S whenFalse) {
    module.checkOwn(whenTrue);
    module.checkOwn(whenFalse);
    if (!whenTrue.type.equals(whenFalse.type)) {
      throw HdlException.here(null, "mux inputs must have one type, not " + whenTrue.type + " and " + whenFalse.type
          + " (convert one explicitly)");
    }
    return wrapAs(whenTrue.type, graph.add(Node.operation(Op.MUX, whenTrue.type, select.node, whenTrue.node,
        whenFalse.node)));
  }

  UInt cat(Signal... parts) {
    if (parts == null || parts.length == 0) {
      throw HdlException.here(null, "cat needs at least one signal");
    }
    long width = 0;
    int[] ids = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      module.checkOwn(parts[i]);
      width += parts[i].width();
      ids[i] = parts[i].node;
    }
    UIntType type = UIntType.of(HdlType.checkWidth(width, "cat(...)"));
    return wrap(type, parts.length == 1 ? ids[0] : graph.add(Node.operation(Op.CAT, type, ids)));
  }

  <E extends Signal> Vec<E> vecOf(List<E> elements) {
    if (elements == null || elements.isEmpty()) {
      throw HdlException.here(null, "a vec needs at least one element");
    }
    @SuppressWarnings("unchecked")
    HdlType<E> element = (HdlType<E>) elements.get(0).type;
    int[] ids = new int[elements.size()];
    for (int i = 0; i < elements.size(); i++) {
      E e = elements.get(i);
      module.checkOwn(e);
      if (!e.type.equals(element)) {
        throw HdlException.here(null, "vec elements must have one type: element 0 is " + element + ", element " + i
            + " is " + e.type);
      }
      ids[elements.size() - 1 - i] = e.node;
    }
    VecType<E> type = new VecType<>(elements.size(), element);
    return wrap(type, elements.size() == 1 ? ids[0] : graph.add(Node.operation(Op.CAT, type, ids)));
  }

  // ---- nodes ------------------------------------------------------------------------------------

  /** The node's bits, extended to {@code width} with the fraction moved up to {@code fraction}. */
  int align(int raw, FixedType from, int fraction, int width) {
    int shift = fraction - from.fraction();
    int base = rawExtend(raw, from.width(), from.signed(), width - shift);
    return shift == 0 ? base : graph.add(Node.operation(Op.CAT, UIntType.of(width), base, constNode(shift, BigInteger.ZERO)));
  }

  int rawExtend(int raw, int fromWidth, boolean signed, int toWidth) {
    if (toWidth == fromWidth) {
      return raw;
    }
    return graph.add(Node.operation(signed ? Op.SEXT : Op.ZEXT, UIntType.of(toWidth), raw));
  }

  int rawSlice(int raw, int high, int low, HdlType<?> type) {
    Node source = graph.get(raw);
    if (low == 0 && high == source.width() - 1) {
      return raw;
    }
    if (source.op() == Op.SLICE) {
      return rawSlice(source.arg(0), source.sliceLow() + high, source.sliceLow() + low, type);
    }
    return graph.add(Node.slice(type, raw, high, low));
  }

  int constNode(int width, BigInteger raw) {
    return graph.constant(width == 1 ? BoolType.INSTANCE : UIntType.of(width), raw);
  }
}
