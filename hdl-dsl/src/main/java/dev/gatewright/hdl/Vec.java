package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A vector of signals of one type, packed into one bit vector with element 0 in the least significant
 * bits. The elements of a wire, output or register may be assigned one by one.
 */
public final class Vec<E extends Signal> extends Signal {

  Vec(ModuleBuilder module, int node, VecType<E> type, Target target, int element) {
    super(module, node, type, target, element);
  }

  @SuppressWarnings("unchecked")
  @Override
  public VecType<E> type() {
    return (VecType<E>) type;
  }

  public int size() {
    return type().size();
  }

  /** Element {@code index}; of an assignable vec, an element that may be assigned on its own. */
  public E get(int index) {
    return Expressions.of(this).element(this, index);
  }

  /** The element {@code index} selects (a multiplexer); an index past the end reads zero. */
  public E get(UInt index) {
    return Expressions.of(this).dynamicElement(this, index);
  }

  /** The elements, element 0 first. */
  public List<E> elements() {
    List<E> elements = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      elements.add(get(i));
    }
    return elements;
  }

  public Bool eq(Vec<E> other) {
    return Expressions.of(this).equality(Op.EQ, this, other);
  }

  public Bool ne(Vec<E> other) {
    return Expressions.of(this).equality(Op.NE, this, other);
  }

  public Vec<E> named(String name) {
    return rename(name);
  }

  public void assign(Vec<E> value) {
    drive(value);
  }

  /** A register's value while reset is asserted, as raw bits (element 0 in the low bits). */
  public Vec<E> init(BigInteger bits) {
    setInit(Expressions.rawBits(UIntType.of(width()), bits));
    return this;
  }

  public Vec<E> enable(Bool enable) {
    setEnable(enable);
    return this;
  }
}
