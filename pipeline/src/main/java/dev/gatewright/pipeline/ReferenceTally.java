package dev.gatewright.pipeline;

import dev.gatewright.nn.Network;
import dev.gatewright.nn.reference.ModelReference;
import dev.gatewright.pipeline.NetworkBuildReport.ReferenceAgreement;

/** Counts how the network's decoded outputs compare with the model's reference executor, input by input. */
final class ReferenceTally {

  private final Network network;
  private final ModelReference reference;
  private long inputs;
  private long identical;
  private long sameClass;
  private double maxDifference;

  ReferenceTally(Network network, ModelReference reference) {
    this.network = network;
    this.reference = reference;
  }

  /** Runs the reference on the model input {@code values} and compares its scores with the network's {@code decoded} outputs. */
  double[] add(double[] values, double[] decoded) {
    double[] theirs = reference.scores(values);
    inputs++;
    if (theirs.length == decoded.length) {
      boolean same = true;
      for (int o = 0; o < decoded.length; o++) {
        double d = Math.abs(decoded[o] - theirs[o]);
        same &= decoded[o] == theirs[o];
        maxDifference = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(maxDifference, d);
      }
      identical += same ? 1 : 0;
    } else {
      maxDifference = Double.POSITIVE_INFINITY; // not the same values at all
    }
    sameClass += OutputClasses.of(network, decoded) == OutputClasses.of(network, theirs) ? 1 : 0;
    return theirs;
  }

  ReferenceAgreement result() {
    return new ReferenceAgreement(reference.description(), inputs, identical, sameClass, maxDifference);
  }
}
