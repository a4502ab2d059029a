package dev.gatewright.nn.lut;

import dev.gatewright.hdl.FixedType;
import java.util.Arrays;
import java.util.Objects;

/**
 * One neuron as a truth table: the raw output for every combination of its inputs' raw values. The
 * address of a combination puts the two's-complement bits of input {@code sources[k]} at bits
 * {@code k·b .. k·b + b − 1} ({@code b} the input type's width), so {@code entries} has
 * {@code 2^(F·b)} raw values of {@link #outputType()} for fan-in {@code F}. A neuron without inputs
 * (every weight pruned) is a constant: one entry.
 */
public record NeuronTable(int neuron, int[] sources, FixedType inputType, FixedType outputType, long[] entries) {

  public NeuronTable {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(outputType, "outputType");
    Objects.requireNonNull(entries, "entries");
    long expected = 1L << (sources.length * inputType.width());
    if (entries.length != expected) {
      throw new IllegalArgumentException("neuron " + neuron + " with " + sources.length + " inputs of " + inputType
          + " needs " + expected + " entries, not " + entries.length);
    }
    sources = sources.clone();
    entries = entries.clone();
  }

  /** Address bits: fan-in times input width. */
  public int addressBits() {
    return sources.length * inputType.width();
  }

  public int fanIn() {
    return sources.length;
  }

  @Override
  public int[] sources() {
    return sources.clone();
  }

  @Override
  public long[] entries() {
    return entries.clone();
  }

  public long entry(int address) {
    return entries[address];
  }

  /** The output for the layer's raw input vector {@code x}. */
  public long evaluate(long[] x) {
    return entries[address(x)];
  }

  /** Where {@code x}'s values of this neuron's sources meet in the table. */
  public int address(long[] x) {
    int b = inputType.width();
    long mask = (1L << b) - 1;
    int address = 0;
    for (int k = 0; k < sources.length; k++) {
      address |= (int) ((x[sources[k]] & mask) << (k * b));
    }
    return address;
  }

  /** The raw value of input {@code k} at {@code address}. */
  public long inputAt(int address, int k) {
    int b = inputType.width();
    long bits = (address >>> (k * b)) & ((1L << b) - 1);
    return inputType.signed() && (bits >>> (b - 1)) == 1 ? bits - (1L << b) : bits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NeuronTable t && neuron == t.neuron && Arrays.equals(sources, t.sources)
        && inputType.equals(t.inputType) && outputType.equals(t.outputType) && Arrays.equals(entries, t.entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(neuron, Arrays.hashCode(sources), inputType, outputType, Arrays.hashCode(entries));
  }

  @Override
  public String toString() {
    return "neuron " + neuron + ": inputs " + Arrays.toString(sources) + " x " + inputType + " -> " + outputType
        + " (" + entries.length + " entries)";
  }
}
