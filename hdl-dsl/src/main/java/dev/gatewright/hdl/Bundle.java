package dev.gatewright.hdl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A group of named, typed fields declared once and used whole: as ports, wires, registers, the IO of a
 * module, the payload of a {@link Stream}. Declare one as a class whose field initializers name the
 * fields; {@link #flipped} (or {@link #input}) fields run against the bundle's direction:
 *
 * <pre>{@code
 * final class Pixel extends Bundle {
 *   final UInt r = field("r", uint(8));
 *   final UInt g = field("g", uint(8));
 *   final UInt b = field("b", uint(8));
 * }
 * static final BundleType<Pixel> PIXEL = bundle(Pixel::new);
 *
 * Pixel in = m.input("in", PIXEL);           // ports in_r, in_g, in_b
 * }</pre>
 *
 * A bundle object is made only by its {@link BundleType} (the type builds it for each declaration);
 * {@code new Pixel()} on its own is an error.
 */
public abstract non-sealed class Bundle implements Data {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final BundleScope scope;
  private final List<Field> fields = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private BundleType<?> type;

  protected Bundle() {
    BundleScope current = BundleScope.current();
    if (current == null) {
      throw HdlException.here(getClass().getSimpleName(), "a " + getClass().getSimpleName() + " is made by its type: "
          + "declare one with bundle(" + getClass().getSimpleName() + "::new) and m.input, m.output, m.wire or m.reg");
    }
    this.scope = current;
  }

  /** A field that runs with the bundle (for a module's IO bundle: an output). */
  protected final <D extends Data> D field(String name, DataType<D> type) {
    return add(name, type, false);
  }

  /** A field that runs against the bundle (a stream's {@code ready}; for an IO bundle: an input). */
  protected final <D extends Data> D flipped(String name, DataType<D> type) {
    return add(name, type, true);
  }

  /** In a module's IO bundle: an input port (a flipped field). */
  protected final <D extends Data> D input(String name, DataType<D> type) {
    return flipped(name, type);
  }

  /** In a module's IO bundle: an output port (a field). */
  protected final <D extends Data> D output(String name, DataType<D> type) {
    return field(name, type);
  }

  private <D extends Data> D add(String name, DataType<D> type, boolean flip) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw HdlException.here(name, "bundle field '" + name + "' is not a valid name (letters, digits and _)");
    }
    if (!names.add(name)) {
      throw HdlException.here(name, getClass().getSimpleName() + " already has a field named '" + name + "'");
    }
    if (type == null) {
      throw HdlException.here(name, "bundle field '" + name + "' needs a type, not null");
    }
    D value = type.instantiate(scope.leaves(), DataType.join(scope.path(), name), scope.flipped() ^ flip);
    fields.add(new Field(name, value, flip));
    return value;
  }

  /** Where this bundle stands: its declared name and path, for names of what is built from it. */
  public final String path() {
    return scope.path();
  }

  @Override
  public final BundleType<?> dataType() {
    return type;
  }

  void bind(BundleType<?> bundleType) {
    this.type = bundleType;
  }

  /** The fields, in declaration order. */
  public final List<Field> fields() {
    return List.copyOf(fields);
  }

  @Override
  public final List<Leaf> leaves() {
    List<Leaf> leaves = new ArrayList<>();
    for (Field field : fields) {
      for (Leaf leaf : field.value().leaves()) {
        leaves.add(new Leaf(DataType.join(field.name(), leaf.path()), leaf.signal(), leaf.flipped() ^ field.flipped()));
      }
    }
    return leaves;
  }

  /**
   * Connects this bundle to {@code source} of the same type: every field that runs with the bundle takes
   * the source's value, and every flipped field of the source takes this bundle's value.
   */
  public final void connect(Bundle source) {
    Connections.connect(this, source);
  }

  /** One field: its name, its value, and whether it is flipped. */
  public record Field(String name, Data value, boolean flipped) {}

  @Override
  public String toString() {
    return getClass().getSimpleName() + (path().isEmpty() ? "" : " " + path()) + " " + fields.stream()
        .map(Field::name).toList();
  }
}
