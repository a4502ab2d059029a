package dev.gatewright.nn;

/**
 * Double-precision inference for accuracy comparisons: the same network computed with real arithmetic,
 * the exact functions instead of tables and no intermediate quantization. Argmax returns the index as a
 * double.
 */
public final class ReferenceModel {

  /** Which weights the reference multiplies with. */
  public enum Weights {
    /** The quantized weights and biases, as doubles: isolates the error of activations and accumulators. */
    QUANTIZED,
    /** The weights before quantization ({@link Dense#sourceWeights()}): the float model. */
    SOURCE
  }

  private final Network network;
  private final Weights weights;

  public ReferenceModel(Network network, Weights weights) {
    this.network = network;
    this.weights = weights;
  }

  public double[] infer(double[] input) {
    if (input.length != network.inputs()) {
      throw new IllegalArgumentException(network.name() + ": expected " + network.inputs() + " inputs, got "
          + input.length);
    }
    double[] x = input.clone();
    for (Layer layer : network.layers()) {
      x = evaluate(layer, x);
    }
    return x;
  }

  private double[] evaluate(Layer layer, double[] x) {
    if (layer instanceof Dense d) {
      double[][] w = weights == Weights.SOURCE ? d.sourceWeights() : null;
      double[] b = weights == Weights.SOURCE ? d.sourceBias() : null;
      double[] y = new double[d.outputs()];
      for (int o = 0; o < y.length; o++) {
        double sum = b != null ? b[o] : d.biasType().toDouble(java.math.BigInteger.valueOf(d.bias(o)));
        for (int i = 0; i < x.length; i++) {
          double wi = w != null ? w[o][i] : d.weightType().toDouble(java.math.BigInteger.valueOf(d.weight(o, i)));
          sum += wi * x[i];
        }
        y[o] = sum;
      }
      return y;
    }
    if (layer instanceof Thresholds t) {
      double[] y = new double[x.length];
      for (int c = 0; c < y.length; c++) {
        int count = 0;
        for (int k = 0; k < t.steps(); k++) {
          count += x[c] >= t.inputType().toDouble(java.math.BigInteger.valueOf(t.threshold(c, k))) ? 1 : 0;
        }
        y[c] = t.outputType().toDouble(java.math.BigInteger.valueOf(t.base(c) + t.step(c) * count));
      }
      return y;
    }
    if (layer instanceof Activation.Linear) {
      return x;
    }
    if (layer instanceof Activation.Relu) {
      return map(x, v -> Math.max(v, 0));
    }
    if (layer instanceof Activation.ClippedRelu c) {
      return map(x, v -> Math.min(Math.max(v, 0), c.ceiling()));
    }
    if (layer instanceof Activation.HardTanh) {
      return map(x, v -> Math.min(Math.max(v, -1), 1));
    }
    if (layer instanceof Activation.Sigmoid) {
      return map(x, Activation.Sigmoid::function);
    }
    if (layer instanceof Activation.Tanh) {
      return map(x, Math::tanh);
    }
    if (layer instanceof Activation.Softmax) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : x) {
        max = Math.max(max, v);
      }
      double m = max;
      double[] e = map(x, v -> Math.exp(v - m));
      double sum = 0;
      for (double v : e) {
        sum += v;
      }
      double s = sum;
      return map(e, v -> v / s);
    }
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > x[best]) {
        best = i;
      }
    }
    return new double[] {best};
  }

  private static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = f.applyAsDouble(x[i]);
    }
    return y;
  }
}
