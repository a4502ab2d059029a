package dev.gatewright.pipeline;

import dev.gatewright.nn.Network;
import dev.gatewright.nn.reference.ModelReference;
import dev.gatewright.pipeline.NetworkBuildReport.Accuracy;
import dev.gatewright.pipeline.NetworkBuildReport.ReferenceAgreement;

/**
 * How the hardware's outputs on the user's inputs compare with the model's reference executor ({@code agreement},
 * null without one) and with the labels ({@code accuracy}, null without labels). Both builds score their inputs
 * this way once the hardware proved bit-exact, so its outputs are the golden model's.
 */
record InputScore(ReferenceAgreement agreement, Accuracy accuracy) {

  /** Scores {@code outputs}, the network's raw output vector for each input of {@code data} in order. */
  static InputScore of(Network network, ModelReference reference, InputData data, long[][] outputs) {
    ReferenceTally tally = reference == null ? null : new ReferenceTally(network, reference);
    long correct = 0;
    long referenceCorrect = 0;
    for (int k = 0; k < outputs.length; k++) {
      double[] decoded = network.outputDecoding().decode(outputs[k]);
      if (tally != null) {
        double[] theirs = tally.add(data.sample(k), decoded);
        referenceCorrect += data.hasLabels() && OutputClasses.of(network, theirs) == data.label(k) ? 1 : 0;
      }
      correct += data.hasLabels() && OutputClasses.of(network, decoded) == data.label(k) ? 1 : 0;
    }
    Accuracy accuracy = data.hasLabels()
        ? new Accuracy(data.labelsDescription(), outputs.length, correct, tally == null ? null : referenceCorrect)
        : null;
    return new InputScore(tally == null ? null : tally.result(), accuracy);
  }
}
