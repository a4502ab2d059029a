package dev.gatewright.nn.train;

import dev.gatewright.nn.FaultModel;

/**
 * Chooses a quantized {@link Mlp}'s power-of-two scales: each layer's weight fraction for least squared
 * error, then layer by layer the activation fraction for least squared error on the pre-activations the
 * calibration samples produce (with the earlier layers already quantized), and records each hidden layer's
 * largest activation (the precision search sizes activation bits from it).
 */
final class Calibration {

  private Calibration() {}

  /** Calibrates {@code mlp} on {@code data}; with {@code chooseFractions} false only the ceilings change. */
  static void run(Mlp mlp, Dataset data, boolean chooseFractions) {
    if (chooseFractions) {
      for (int l = 0; l < mlp.layers(); l++) {
        mlp.weightFraction[l] = mlp.bestWeightFraction(l);
      }
    }
    int[] order = new int[data.count()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    ShardKernel kernel = new ShardKernel(mlp.widths);
    for (int h = 0; h < mlp.layers() - 1; h++) {
      int width = mlp.outputs(h);
      float[] values = new float[data.count() * width];
      StepWeights weights = new StepWeights(mlp, FaultModel.none(), 0);
      for (int first = 0; first < data.count(); first += TrainConfig.SHARD) {
        int last = Math.min(data.count(), first + TrainConfig.SHARD);
        int n = kernel.load(data, order, first, last);
        kernel.forward(weights, n, FaultModel.none(), null);
        System.arraycopy(kernel.preActivations[h], 0, values, first * width, n * width);
      }
      float max = 0;
      for (float v : values) {
        max = Math.max(max, v);
      }
      mlp.activationCeiling[h] = max;
      if (chooseFractions) {
        mlp.activationFraction[h] = mlp.bestActivationFraction(h, values, values.length);
      }
    }
  }
}
