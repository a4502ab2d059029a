package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.SourceLocation;

/**
 * The value a target has after a block of statements, as a decision tree over conditions: the meaning
 * of last-connect, before it becomes multiplexers.
 */
sealed interface Fold permits Fold.Value, Fold.Undriven, Fold.Choice {

  Fold UNDRIVEN = new Undriven();

  /** The value of node {@code node}. */
  record Value(int node) implements Fold {}

  /** No assignment on this path. */
  record Undriven() implements Fold {}

  /** {@code whenTrue} where {@code condition} holds, else {@code whenFalse}; {@code at} is the condition's line. */
  record Choice(int condition, Fold whenTrue, Fold whenFalse, SourceLocation at) implements Fold {}
}
