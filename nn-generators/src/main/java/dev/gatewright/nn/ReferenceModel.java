package dev.gatewright.nn;

import java.math.BigInteger;

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
    return layer.accept(new Layer.Visitor<double[]>() {
      @Override
      public double[] dense(Dense d) {
        return ReferenceModel.this.dense(d, x);
      }

      @Override
      public double[] thresholds(Thresholds t) {
        double[] y = new double[x.length];
        for (int c = 0; c < y.length; c++) {
          int count = 0;
          for (int k = 0; k < t.steps(); k++) {
            count += x[c] >= t.inputType().toDouble(BigInteger.valueOf(t.threshold(c, k))) ? 1 : 0;
          }
          y[c] = t.outputType().toDouble(BigInteger.valueOf(t.base(c) + t.step(c) * count));
        }
        return y;
      }

      @Override
      public double[] conv(Conv c) {
        FeatureMap in = c.input();
        FeatureMap out = c.output();
        Window win = c.window();
        Dense d = c.kernel();
        double[] y = new double[out.size()];
        for (int oy = 0; oy < out.height(); oy++) {
          for (int ox = 0; ox < out.width(); ox++) {
            double[] window = new double[d.inputs()];
            int k = 0;
            for (int ky = 0; ky < win.kernelHeight(); ky++) {
              int iy = oy * win.strideHeight() - win.padTop() + ky;
              for (int kx = 0; kx < win.kernelWidth(); kx++) {
                int ix = ox * win.strideWidth() - win.padLeft() + kx;
                boolean inside = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width();
                for (int ch = 0; ch < in.channels(); ch++) {
                  window[k++] = inside ? x[in.index(iy, ix, ch)] : 0;
                }
              }
            }
            System.arraycopy(ReferenceModel.this.dense(d, window), 0, y, out.index(oy, ox, 0), d.outputs());
          }
        }
        return y;
      }

      @Override
      public double[] maxPool(MaxPool p) {
        FeatureMap in = p.input();
        FeatureMap out = p.output();
        Window win = p.window();
        double[] y = new double[out.size()];
        for (int oy = 0; oy < out.height(); oy++) {
          for (int ox = 0; ox < out.width(); ox++) {
            for (int ch = 0; ch < in.channels(); ch++) {
              double best = Double.NEGATIVE_INFINITY;
              for (int ky = 0; ky < win.kernelHeight(); ky++) {
                for (int kx = 0; kx < win.kernelWidth(); kx++) {
                  int iy = oy * win.strideHeight() - win.padTop() + ky;
                  int ix = ox * win.strideWidth() - win.padLeft() + kx;
                  if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                    best = Math.max(best, x[in.index(iy, ix, ch)]);
                  }
                }
              }
              y[out.index(oy, ox, ch)] = best;
            }
          }
        }
        return y;
      }

      @Override
      public double[] globalPool(GlobalPool p) {
        FeatureMap in = p.input();
        double[] y = new double[in.channels()];
        for (int i = 0; i < x.length; i++) {
          y[i % in.channels()] += x[i];
        }
        return map(y, v -> v / p.divisor());
      }

      @Override
      public double[] linear(Activation.Linear a) {
        return x;
      }

      @Override
      public double[] relu(Activation.Relu a) {
        return map(x, v -> Math.max(v, 0));
      }

      @Override
      public double[] clippedRelu(Activation.ClippedRelu a) {
        return map(x, v -> Math.min(Math.max(v, 0), a.ceiling()));
      }

      @Override
      public double[] hardTanh(Activation.HardTanh a) {
        return map(x, v -> Math.min(Math.max(v, -1), 1));
      }

      @Override
      public double[] sigmoid(Activation.Sigmoid a) {
        return map(x, Activation.Sigmoid::function);
      }

      @Override
      public double[] tanh(Activation.Tanh a) {
        return map(x, Math::tanh);
      }

      @Override
      public double[] softmax(Activation.Softmax a) {
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

      @Override
      public double[] argmax(Activation.Argmax a) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
          if (x[i] > x[best]) {
            best = i;
          }
        }
        return new double[] {best};
      }
    });
  }

  /** A dense layer (or a convolution's kernel on one window) in double precision. */
  private double[] dense(Dense d, double[] x) {
    double[][] w = weights == Weights.SOURCE ? d.sourceWeights() : null;
    double[] b = weights == Weights.SOURCE ? d.sourceBias() : null;
    double[] y = new double[d.outputs()];
    for (int o = 0; o < y.length; o++) {
      double sum = b != null ? b[o] : d.biasType().toDouble(BigInteger.valueOf(d.bias(o)));
      for (int i = 0; i < x.length; i++) {
        double wi = w != null ? w[o][i] : d.weightType().toDouble(BigInteger.valueOf(d.weight(o, i)));
        sum += wi * x[i];
      }
      y[o] = sum;
    }
    return y;
  }

  private static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = f.applyAsDouble(x[i]);
    }
    return y;
  }
}
