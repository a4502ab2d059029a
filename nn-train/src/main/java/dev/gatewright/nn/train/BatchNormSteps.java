package dev.gatewright.nn.train;

/**
 * The training of folded batch norms (see {@link Trainer}): turns the gradient of a layer's effective
 * (folded) weights and biases into gradients of w, b, gamma and beta, steps gamma and beta, and updates the
 * running statistics from the shards' channel sums, in shard order.
 */
final class BatchNormSteps {

  private static final float MOMENTUM = 0.1f;

  private final Mlp mlp;
  private final Optimizer.Step[] gammaSteps;
  private final Optimizer.Step[] betaSteps;

  BatchNormSteps(Mlp mlp, Optimizer optimizer) {
    this.mlp = mlp;
    gammaSteps = new Optimizer.Step[mlp.layers()];
    betaSteps = new Optimizer.Step[mlp.layers()];
    for (int l = 0; l < mlp.layers(); l++) {
      if (mlp.hasBatchNorm(l)) {
        gammaSteps[l] = optimizer.state(mlp.outputs(l));
        betaSteps[l] = optimizer.state(mlp.outputs(l));
      }
    }
  }

  /**
   * Given dL/dw_eff ({@code gw}, transposed) and dL/db_eff ({@code gb}) of layer {@code l}, steps gamma and
   * beta and rewrites {@code gw} and {@code gb} in place into dL/dw and dL/db.
   */
  void unfold(int l, float[] gw, float[] gb, long step, double rate) {
    if (!mlp.hasBatchNorm(l)) {
      return;
    }
    int out = mlp.outputs(l);
    int in = mlp.inputs(l);
    float[] w = mlp.w[l];
    float[] gGamma = new float[out];
    float[] gBeta = gb.clone();
    float[] scale = new float[out];
    float[] sigma = new float[out];
    for (int o = 0; o < out; o++) {
      sigma[o] = (float) Math.sqrt(mlp.runningVariance[l][o] + Mlp.BATCH_NORM_EPSILON);
      scale[o] = mlp.gamma[l][o] / sigma[o];
      gGamma[o] = gb[o] * (mlp.b[l][o] - mlp.runningMean[l][o]) / sigma[o];
    }
    for (int i = 0; i < in; i++) {
      int base = i * out;
      for (int o = 0; o < out; o++) {
        gGamma[o] += gw[base + o] * w[base + o] * mlp.mask[l][base + o] / sigma[o];
        gw[base + o] *= scale[o];
      }
    }
    for (int o = 0; o < out; o++) {
      gb[o] *= scale[o];
    }
    gammaSteps[l].apply(mlp.gamma[l], gGamma, step, rate);
    betaSteps[l].apply(mlp.beta[l], gBeta, step, rate);
  }

  /**
   * Moves the running statistics toward the batch's: the shards' sums of the pre-activations
   * {@code z = s·(u − mean) + beta} give those of the batch norm's input {@code u = x·w + b}.
   */
  void updateStatistics(ShardKernel[] kernels, int shards, int batch) {
    for (int l = 0; l < mlp.layers(); l++) {
      if (!mlp.hasBatchNorm(l)) {
        continue;
      }
      int out = mlp.outputs(l);
      for (int o = 0; o < out; o++) {
        double sum = 0;
        double squares = 0;
        for (int s = 0; s < shards; s++) {
          sum += kernels[s].channelSum[l][o];
          squares += kernels[s].channelSquares[l][o];
        }
        double meanZ = sum / batch;
        double varianceZ = Math.max(0, squares / batch - meanZ * meanZ);
        double scale = mlp.batchNormScale(l, o);
        if (Math.abs(scale) < 1e-12) {
          continue;
        }
        double meanU = (meanZ - mlp.beta[l][o]) / scale + mlp.runningMean[l][o];
        double varianceU = varianceZ / (scale * scale);
        mlp.runningMean[l][o] += MOMENTUM * (float) (meanU - mlp.runningMean[l][o]);
        mlp.runningVariance[l][o] += MOMENTUM * (float) (varianceU - mlp.runningVariance[l][o]);
      }
    }
  }
}
