package dev.gatewright.hdl;

import java.util.ArrayList;
import java.util.List;

/** A vector of bundles of one type; element {@code i}'s signals are named {@code name_i_field}. */
public final class BundleVec<B extends Bundle> implements Data {

  private final BundleVecType<B> type;
  private final List<B> elements;

  BundleVec(BundleVecType<B> type, List<B> elements) {
    this.type = type;
    this.elements = List.copyOf(elements);
  }

  @Override
  public BundleVecType<B> dataType() {
    return type;
  }

  public int size() {
    return elements.size();
  }

  public B get(int index) {
    if (index < 0 || index >= elements.size()) {
      throw HdlException.here(null, "index " + index + " is out of range for a vec of " + elements.size() + " bundles");
    }
    return elements.get(index);
  }

  /** The bundle {@code index} selects: every signal multiplexed (a value to read, not to assign). */
  public B get(UInt index) {
    List<List<Leaf>> perElement = new ArrayList<>();
    for (B element : elements) {
      perElement.add(element.leaves());
    }
    int[] next = {0};
    return type.element().instantiate(new DataType.LeafMaker() {
      @Override
      public <S extends Signal> S leaf(String path, HdlType<S> leafType, boolean flipped) {
        int k = next[0]++;
        List<S> column = new ArrayList<>();
        for (List<Leaf> leaves : perElement) {
          @SuppressWarnings("unchecked")
          S signal = (S) leaves.get(k).signal();
          column.add(signal);
        }
        return Expressions.of(index).vecOf(column).get(index);
      }
    }, "", false);
  }

  public List<B> elements() {
    return elements;
  }

  @Override
  public List<Leaf> leaves() {
    List<Leaf> leaves = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      for (Leaf leaf : elements.get(i).leaves()) {
        leaves.add(new Leaf(DataType.join(Integer.toString(i), leaf.path()), leaf.signal(), leaf.flipped()));
      }
    }
    return leaves;
  }

  /** Connects element by element, as {@link Bundle#connect} does. */
  public void connect(BundleVec<B> source) {
    Connections.connect(this, source);
  }
}
