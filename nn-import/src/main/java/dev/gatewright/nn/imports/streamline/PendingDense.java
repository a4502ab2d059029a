package dev.gatewright.nn.imports.streamline;

import dev.gatewright.hdl.FixedType;

/**
 * A matrix product over the network's current output, not yet built as a layer so that what follows (bias,
 * batch norm, scales) can still fold into it. Exact form: {@code weights[o][i]} integers and the chains of
 * the flow apply to {@code u[o] = Σ_i weights[o][i] · raw[i]}. Float form ({@code floatWeights} non-null):
 * the chains apply to {@code Σ_i floatWeights[o][i] · x[i]} with {@code x} the input's fixed-point value;
 * the precision configuration quantizes the weights when the layer is built.
 */
record PendingDense(String layer, String opType, int inputs, FixedType inputType, long[][] weights,
    double[][] floatWeights) {

  int outputs() {
    return weights != null ? weights.length : floatWeights.length;
  }

  boolean isExact() {
    return weights != null;
  }
}
