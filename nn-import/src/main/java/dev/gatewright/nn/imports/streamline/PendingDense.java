package dev.gatewright.nn.imports.streamline;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.nn.FeatureMap;
import dev.gatewright.nn.Window;

/**
 * A matrix product over the network's current output, not yet built as a layer so that what follows (bias,
 * batch norm, scales) can still fold into it. Exact form: {@code weights[o][i]} integers and the chains of
 * the flow apply to {@code u[o] = Σ_i weights[o][i] · raw[i]}. Float form ({@code floatWeights} non-null):
 * the chains apply to {@code Σ_i floatWeights[o][i] · x[i]} with {@code x} the input's fixed-point value;
 * the precision configuration quantizes the weights when the layer is built. With a {@code window}, the product
 * is a convolution's kernel over the channels-last {@code map}: its inputs are one window's values (kernel
 * row, kernel column, channel) and the flow's values are its outputs at every position, channels-last.
 */
record PendingDense(String layer, String opType, int inputs, FixedType inputType, long[][] weights,
    double[][] floatWeights, FeatureMap map, Window window) {

  PendingDense(String layer, String opType, int inputs, FixedType inputType, long[][] weights,
      double[][] floatWeights) {
    this(layer, opType, inputs, inputType, weights, floatWeights, null, null);
  }

  int outputs() {
    return weights != null ? weights.length : floatWeights.length;
  }

  boolean isExact() {
    return weights != null;
  }
}
