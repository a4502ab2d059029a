package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;

/**
 * One step of a feed-forward network: a vector of {@link #inputs()} raw values of {@link #inputType()}
 * in, a vector of {@link #outputs()} raw values of {@link #outputType()} out. What each layer computes,
 * bit for bit, is written down in {@link GoldenModel}.
 */
public sealed interface Layer permits Dense, Activation, Thresholds {

  String name();

  int inputs();

  FixedType inputType();

  int outputs();

  FixedType outputType();
}
