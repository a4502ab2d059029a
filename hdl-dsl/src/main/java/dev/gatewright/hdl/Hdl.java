package dev.gatewright.hdl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The DSL's vocabulary, meant to be imported statically: {@code import static dev.gatewright.hdl.Hdl.*;}
 *
 * <pre>{@code
 * Component<Void> counter = module("counter", m -> {
 *   Bool enable = m.input("enable", bool());
 *   UInt count = m.reg("count", uint(8)).init(0);
 *   when(enable, () -> count.assign(count.add(1).resize(uint(8), Overflow.WRAP)));
 *   m.output("value", uint(8)).assign(count);
 * });
 * }</pre>
 */
public final class Hdl {

  private Hdl() {}

  // ---- modules ----------------------------------------------------------------------------------

  /** Builds and elaborates a module whose ports {@code body} declares with {@code m.input} and {@code m.output}. */
  public static Component<Void> module(String name, Consumer<ModuleBuilder> body) {
    return ModuleBuilder.elaborate(name, body);
  }

  /**
   * Builds and elaborates a module whose ports are the bundle {@code io} (fields are outputs, flipped
   * fields inputs); a parent reaches an instance's ports through the same bundle class.
   */
  public static <B extends Bundle> Component<B> module(String name, BundleType<B> io, BiConsumer<ModuleBuilder, B> body) {
    return ModuleBuilder.elaborate(name, io, body);
  }

  // ---- types ------------------------------------------------------------------------------------

  public static BoolType bool() {
    return BoolType.INSTANCE;
  }

  public static UIntType uint(int width) {
    return UIntType.of(width);
  }

  public static SIntType sint(int width) {
    return SIntType.of(width);
  }

  /** Signed fixed point: {@code width} bits of which {@code fraction} are right of the binary point. */
  public static FixedType sfix(int width, int fraction) {
    return FixedType.sfix(width, fraction);
  }

  /** Unsigned fixed point. */
  public static FixedType ufix(int width, int fraction) {
    return FixedType.ufix(width, fraction);
  }

  /** {@code size} signals of one type, packed. */
  public static <E extends Signal> VecType<E> vec(int size, HdlType<E> element) {
    return new VecType<>(size, element);
  }

  /** {@code size} bundles of one type. */
  public static <B extends Bundle> BundleVecType<B> vec(int size, BundleType<B> element) {
    return new BundleVecType<>(size, element);
  }

  /** A bundle type whose bundles {@code factory} builds (for example {@code bundle(Pixel::new)}). */
  public static <B extends Bundle> BundleType<B> bundle(Supplier<B> factory) {
    return new BundleType<>(factory);
  }

  /** The type of a valid/ready stream of {@code payload}. */
  public static <T extends Data> BundleType<Stream<T>> stream(DataType<T> payload) {
    if (payload == null) {
      throw HdlException.here(null, "a stream needs a payload type, not null");
    }
    return new BundleType<>(() -> new Stream<>(payload));
  }

  /** A hardware enum of {@code states}, binary-encoded. */
  public static <E extends Enum<E>> EnumType<E> enumType(Class<E> states) {
    return new EnumType<>(states, Encoding.BINARY);
  }

  public static <E extends Enum<E>> EnumType<E> enumType(Class<E> states, Encoding encoding) {
    return new EnumType<>(states, encoding);
  }

  // ---- values -----------------------------------------------------------------------------------

  /** A constant of {@code type}; for Fixed types {@code value} is the number, not the raw bits. */
  public static <S extends Signal> S constant(long value, HdlType<S> type) {
    return ModuleBuilder.active().expressions().constant(value, type);
  }

  public static <S extends Signal> S constant(BigInteger value, HdlType<S> type) {
    return ModuleBuilder.active().expressions().constant(value, type);
  }

  /** A Fixed constant of an integer value (so that {@code constant(0, sfix(8, 6))} needs no {@code 0.0}). */
  public static Fixed constant(long value, FixedType type) {
    return ModuleBuilder.active().expressions().constant(BigInteger.valueOf(value), type);
  }

  /** A Fixed constant; it must be exactly representable in {@code type}. */
  public static Fixed constant(double value, FixedType type) {
    return ModuleBuilder.active().expressions().constant(value, type);
  }

  public static Bool constant(boolean value) {
    return constant(value ? 1 : 0, bool());
  }

  /** {@code whenTrue} where {@code select} holds, else {@code whenFalse}; bundles are selected field by field. */
  @SuppressWarnings("unchecked")
  public static <D extends Data> D mux(Bool select, D whenTrue, D whenFalse) {
    if (select == null || whenTrue == null || whenFalse == null) {
      throw HdlException.here(null, "mux needs a select and two values, not null");
    }
    if (whenTrue instanceof Signal t) {
      return (D) Expressions.of(select).mux(select, t, (Signal) whenFalse);
    }
    return muxData(select, whenTrue, whenFalse);
  }

  static <D extends Data> D muxData(Bool select, D whenTrue, D whenFalse) {
    if (!whenTrue.dataType().equals(whenFalse.dataType())) {
      throw HdlException.here(null, "mux inputs must have one type, not " + whenTrue.dataType() + " and "
          + whenFalse.dataType());
    }
    List<Data.Leaf> a = whenTrue.leaves();
    List<Data.Leaf> b = whenFalse.leaves();
    int[] next = {0};
    @SuppressWarnings("unchecked")
    DataType<D> type = (DataType<D>) whenTrue.dataType();
    return type.instantiate(new DataType.LeafMaker() {
      @SuppressWarnings("unchecked")
      @Override
      public <S extends Signal> S leaf(String path, HdlType<S> leafType, boolean flipped) {
        int k = next[0]++;
        return Expressions.of(select).mux(select, (S) a.get(k).signal(), (S) b.get(k).signal());
      }
    }, "", false);
  }

  /** Concatenation, first argument in the most significant bits. */
  public static UInt cat(Signal... parts) {
    return ModuleBuilder.active().expressions().cat(parts);
  }

  /** A vec of the given elements, element 0 first. */
  @SafeVarargs
  public static <E extends Signal> Vec<E> vecOf(E... elements) {
    return vecOf(elements == null ? null : Arrays.asList(elements));
  }

  public static <E extends Signal> Vec<E> vecOf(List<E> elements) {
    return ModuleBuilder.active().expressions().vecOf(elements == null ? null : new ArrayList<>(elements));
  }

  // ---- control ----------------------------------------------------------------------------------

  /** Assignments in {@code body} take effect only where {@code condition} holds. */
  public static When when(Bool condition, Runnable body) {
    return ModuleBuilder.active().when(condition, body);
  }

  /** A switch over an integer: {@code switchOn(op).is(0, () -> ...).otherwise(() -> ...)}. */
  public static Switch switchOn(IntSignal selector) {
    ModuleBuilder m = ModuleBuilder.active();
    return new Switch(m, m.switchOn(selector, null), selector);
  }

  /** A switch over a hardware enum; every state needs a branch, or the switch an {@code otherwise}. */
  public static <E extends Enum<E>> EnumSwitch<E> switchOn(EnumSignal<E> selector) {
    ModuleBuilder m = ModuleBuilder.active();
    EnumType<E> type = selector == null ? null : selector.type();
    return new EnumSwitch<>(m, m.switchOn(selector, type), type);
  }
}
