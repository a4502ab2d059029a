package dev.gatewright.nn.hw;

import java.util.Arrays;

/**
 * Where the registers of an element-wise or vector layer go in a pipeline: its inputs arrive in stage
 * {@code input}, element {@code i} is computed in stage {@code elements[i]} (a vector layer has one
 * entry, for all of it) and its outputs leave in stage {@code output}; the layer's latency is
 * {@code output - input}. A layer that registers internally (softmax) has its results one stage after
 * its element's.
 */
public record LayerStages(int input, int output, int[] elements) {

  public LayerStages {
    elements = elements.clone();
    if (input < 0 || output < input) {
      throw new IllegalArgumentException("stages run forward: input " + input + ", output " + output);
    }
    for (int s : elements) {
      if (s < input || s > output) {
        throw new IllegalArgumentException("an element's stage " + s + " is outside " + input + ".." + output);
      }
    }
  }

  /** Element {@code i}'s stage (for a vector layer, the one stage of all). */
  public int element(int i) {
    return elements.length == 1 ? elements[0] : elements[i];
  }

  @Override
  public int[] elements() {
    return elements.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerStages s && input == s.input && output == s.output && Arrays.equals(elements, s.elements);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * input + output) + Arrays.hashCode(elements);
  }

  @Override
  public String toString() {
    return "LayerStages[input=" + input + ", output=" + output + ", elements=" + Arrays.toString(elements) + "]";
  }
}
