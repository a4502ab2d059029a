package dev.gatewright.nn.train;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.nn.FaultModel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Forward and backward pass over one shard of at most {@link TrainConfig#SHARD} samples, into the shard's
 * own gradient buffers. Inner loops are AXPYs over contiguous rows ({@code y[0..n) += a · x[0..n)}), which
 * HotSpot's C2 compiles to SIMD; zero inputs (most MNIST pixels, every ReLU-clipped activation) are
 * skipped. The straight-through estimator passes gradients through the weight quantizer unchanged and
 * through the activation quantizer where the pre-activation lies inside its range.
 */
final class ShardKernel {

  final int layers;
  final int[] widths;
  final float[][] activations; // [l] inputs of layer l: SHARD x widths[l]
  final float[][] preActivations; // [l] SHARD x widths[l+1]
  final float[] delta;
  final float[] deltaPrevious;
  final float[][] weightGradient; // [l][i * out + o]
  final float[][] biasGradient;
  final double[] activationErrorGradient; // [h] Σ dL/da · (a − relu(z)), for precision search
  final int[] codes;
  final double[][] channelSum; // [h] Σ pre-activation per channel, for batch-norm statistics
  final double[][] channelSquares;
  double loss;
  int correct;

  ShardKernel(int[] widths) {
    this.widths = widths.clone();
    layers = widths.length - 1;
    int maxWidth = Arrays.stream(widths).max().orElseThrow();
    activations = new float[layers][];
    preActivations = new float[layers][];
    weightGradient = new float[layers][];
    biasGradient = new float[layers][];
    for (int l = 0; l < layers; l++) {
      activations[l] = new float[TrainConfig.SHARD * widths[l]];
      preActivations[l] = new float[TrainConfig.SHARD * widths[l + 1]];
      weightGradient[l] = new float[widths[l] * widths[l + 1]];
      biasGradient[l] = new float[widths[l + 1]];
    }
    delta = new float[TrainConfig.SHARD * maxWidth];
    deltaPrevious = new float[TrainConfig.SHARD * maxWidth];
    activationErrorGradient = new double[Math.max(0, layers - 1)];
    codes = new int[TrainConfig.SHARD * maxWidth];
    channelSum = new double[Math.max(0, layers - 1)][];
    channelSquares = new double[channelSum.length][];
    for (int h = 0; h < channelSum.length; h++) {
      channelSum[h] = new double[widths[h + 1]];
      channelSquares[h] = new double[widths[h + 1]];
    }
  }

  /** Loads samples {@code order[from..to)} of {@code data} as layer 0's inputs. */
  int load(Dataset data, int[] order, int from, int to) {
    int n = to - from;
    int in = widths[0];
    byte[] pixels = data.pixelsView();
    float[] x = activations[0];
    for (int r = 0; r < n; r++) {
      int base = order[from + r] * in;
      for (int i = 0; i < in; i++) {
        x[r * in + i] = (pixels[base + i] & 0xff) * (1f / 256);
      }
    }
    return n;
  }

  /** The forward pass over the {@code n} loaded samples; returns the logits (n x classes). */
  float[] forward(StepWeights s, int n, FaultModel faults, SplittableRandom random) {
    for (int l = 0; l < layers; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      float[] x = activations[l];
      float[] z = preActivations[l];
      float[] w = s.forward[l];
      for (int r = 0; r < n; r++) {
        int zr = r * out;
        System.arraycopy(s.bias[l], 0, z, zr, out);
        int xr = r * in;
        for (int i = 0; i < in; i++) {
          float xi = x[xr + i];
          if (xi != 0) {
            int wi = i * out;
            for (int o = 0; o < out; o++) {
              z[zr + o] += xi * w[wi + o];
            }
          }
        }
      }
      if (l < layers - 1) {
        double[] sum = channelSum[l];
        double[] squares = channelSquares[l];
        for (int r = 0; r < n; r++) {
          for (int o = 0; o < out; o++) {
            double v = z[r * out + o];
            sum[o] += v;
            squares[o] += v * v;
          }
        }
        activate(s, l, z, activations[l + 1], n * out, faults, random);
      }
    }
    return preActivations[layers - 1];
  }

  private void activate(StepWeights s, int h, float[] z, float[] a, int count, FaultModel faults,
      SplittableRandom random) {
    if (!s.quantized) {
      for (int k = 0; k < count; k++) {
        a[k] = Math.max(0f, z[k]);
      }
      return;
    }
    float scale = s.activationScale[h];
    float top = s.activationTop[h];
    float step = 1f / scale;
    if (!faults.hits(FaultModel.Site.ACTIVATIONS)) {
      for (int k = 0; k < count; k++) {
        a[k] = Math.min(top, Math.max(0f, (float) Math.rint(z[k] * scale))) * step;
      }
      return;
    }
    for (int k = 0; k < count; k++) {
      codes[k] = (int) Math.min(top, Math.max(0f, (float) Math.rint(z[k] * scale)));
    }
    int[] view = count == codes.length ? codes : Arrays.copyOf(codes, count);
    faults.inject(view, new FixedType(false, s.activationBits[h], s.activationFraction[h]), random);
    for (int k = 0; k < count; k++) {
      a[k] = view[k] * step;
    }
  }

  /**
   * Softmax cross-entropy on the logits against the labels, then the backward pass; gradients are scaled
   * by {@code 1 / batch} so that shard gradients add up to the batch mean.
   */
  void backward(StepWeights s, int n, int[] labels, float gradientScale) {
    int classes = widths[layers];
    float[] logits = preActivations[layers - 1];
    loss = 0;
    correct = 0;
    for (int r = 0; r < n; r++) {
      int base = r * classes;
      int best = 0;
      float max = logits[base];
      for (int c = 1; c < classes; c++) {
        if (logits[base + c] > max) {
          max = logits[base + c];
          best = c;
        }
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(logits[base + c] - max);
      }
      int y = labels[r];
      loss += Math.log(sum) - (logits[base + y] - max);
      correct += best == y ? 1 : 0;
      for (int c = 0; c < classes; c++) {
        double p = Math.exp(logits[base + c] - max) / sum;
        delta[base + c] = (float) (p - (c == y ? 1 : 0)) * gradientScale;
      }
    }
    float[] dz = delta;
    float[] da = deltaPrevious;
    for (int l = layers - 1; l >= 0; l--) {
      int in = widths[l];
      int out = widths[l + 1];
      float[] x = activations[l];
      float[] gw = weightGradient[l];
      float[] gb = biasGradient[l];
      for (int r = 0; r < n; r++) {
        int zr = r * out;
        for (int o = 0; o < out; o++) {
          gb[o] += dz[zr + o];
        }
        int xr = r * in;
        for (int i = 0; i < in; i++) {
          float xi = x[xr + i];
          if (xi != 0) {
            int wi = i * out;
            for (int o = 0; o < out; o++) {
              gw[wi + o] += xi * dz[zr + o];
            }
          }
        }
      }
      if (l == 0) {
        break;
      }
      float[] wb = s.backward[l];
      Arrays.fill(da, 0, n * in, 0f);
      for (int r = 0; r < n; r++) {
        int zr = r * out;
        int ar = r * in;
        for (int o = 0; o < out; o++) {
          float d = dz[zr + o];
          if (d != 0) {
            int wo = o * in;
            for (int i = 0; i < in; i++) {
              da[ar + i] += d * wb[wo + i];
            }
          }
        }
      }
      // through the activation of hidden layer l-1 (straight-through inside the quantizer's range)
      int h = l - 1;
      float[] z = preActivations[h];
      float[] a = activations[l];
      if (s.quantized) {
        float ceiling = (s.activationTop[h] + 0.5f) / s.activationScale[h];
        double errorGradient = 0;
        for (int k = 0; k < n * in; k++) {
          float zk = z[k];
          boolean inside = zk > 0 && zk < ceiling;
          if (inside) {
            errorGradient += (double) da[k] * (a[k] - zk);
          }
          da[k] = inside ? da[k] : 0f;
        }
        activationErrorGradient[h] += errorGradient;
      } else {
        for (int k = 0; k < n * in; k++) {
          da[k] = z[k] > 0 ? da[k] : 0f;
        }
      }
      float[] t = dz;
      dz = da;
      da = t;
    }
  }

  void clearGradients() {
    for (int l = 0; l < layers; l++) {
      Arrays.fill(weightGradient[l], 0f);
      Arrays.fill(biasGradient[l], 0f);
    }
    Arrays.fill(activationErrorGradient, 0);
    for (int h = 0; h < channelSum.length; h++) {
      Arrays.fill(channelSum[h], 0);
      Arrays.fill(channelSquares[h], 0);
    }
  }
}
