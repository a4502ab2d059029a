package dev.gatewright.hdl.ir;

import java.math.BigInteger;
import java.util.List;

/**
 * The statements of a {@link Process}: the user's {@code when} and {@code switchOn} structure, kept so
 * that control logic is emitted as readable {@code if} and {@code case}. Values are node ids.
 */
public sealed interface Statement {

  /** Adds to {@code into} every node this statement reads: values, conditions and selectors, nested ones too. */
  default void collectReads(List<Integer> into) {
    if (this instanceof Assign assign) {
      into.add(assign.value());
    } else if (this instanceof If branch) {
      into.add(branch.condition());
      branch.then().forEach(s -> s.collectReads(into));
      branch.otherwise().forEach(s -> s.collectReads(into));
    } else {
      Case choice = (Case) this;
      into.add(choice.selector());
      choice.items().forEach(item -> item.body().forEach(s -> s.collectReads(into)));
      if (choice.otherwise() != null) {
        choice.otherwise().forEach(s -> s.collectReads(into));
      }
    }
  }

  /** {@code target} (or its element {@code element}, -1 for the whole) takes {@code value}. */
  record Assign(int target, int element, int value) implements Statement {}

  /** {@code if (condition) then else otherwise}; an empty {@code otherwise} is left out. */
  record If(int condition, List<Statement> then, List<Statement> otherwise) implements Statement {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /**
   * {@code case (selector)}: the first item whose labels hold the selector's bits runs, else
   * {@code otherwise} (null: no default). {@code otherwiseNames} names the states a default stands for
   * when it is the last item of a complete switch.
   */
  record Case(int selector, List<Item> items, List<Statement> otherwise, List<String> otherwiseNames)
      implements Statement {
    public Case {
      items = List.copyOf(items);
      otherwise = otherwise == null ? null : List.copyOf(otherwise);
      otherwiseNames = List.copyOf(otherwiseNames);
    }

    /** Whether the case has a default branch. */
    public boolean hasDefault() {
      return otherwise != null;
    }
  }

  /** One item of a case: its labels (raw bits of the selector's width) and body; {@code names} label them. */
  record Item(List<BigInteger> labels, List<String> names, List<Statement> body) {
    public Item {
      labels = List.copyOf(labels);
      names = List.copyOf(names);
      body = List.copyOf(body);
    }
  }
}
