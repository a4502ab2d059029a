package dev.gatewright.nn.hw;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a pipelined module: each is computed in a stage, and a reader in a later stage reads a
 * copy delayed by one register per stage between them ({@code <name>_s<stage>}). Copies are made once,
 * when first read, and shared by every reader of that stage.
 */
final class StagedValues<S extends Signal> {

  private final ModuleBuilder m;
  private final List<String> names = new ArrayList<>();
  private final List<Integer> stages = new ArrayList<>();
  private final List<List<S>> copies = new ArrayList<>();

  StagedValues(ModuleBuilder m) {
    this.m = m;
  }

  /** Adds {@code value}, computed in {@code stage}; returns its key. */
  int put(String name, S value, int stage) {
    names.add(name);
    stages.add(stage);
    List<S> list = new ArrayList<>();
    list.add(value);
    copies.add(list);
    return names.size() - 1;
  }

  /** The value of {@code key} as read in {@code stage} (not before the stage it is computed in). */
  S at(int key, int stage) {
    int own = stages.get(key);
    if (stage < own) {
      throw new IllegalStateException(names.get(key) + " is computed in stage " + own + " and cannot be read in stage "
          + stage);
    }
    List<S> list = copies.get(key);
    while (list.size() <= stage - own) {
      list.add(m.reg(names.get(key) + "_s" + (own + list.size()), list.get(list.size() - 1)));
    }
    return list.get(stage - own);
  }

  /** {@code valid} delayed from stage {@code from} to stage {@code to}, through registers reset to false. */
  static Bool valid(ModuleBuilder m, Bool valid, int from, int to) {
    Bool v = valid;
    for (int s = from + 1; s <= to; s++) {
      v = m.reg("valid_s" + s, v).init(false);
    }
    return v;
  }
}
