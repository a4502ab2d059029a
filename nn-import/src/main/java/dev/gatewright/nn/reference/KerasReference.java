package dev.gatewright.nn.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewright.nn.data.KerasModelFile;
import dev.gatewright.nn.data.QKerasQuantizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Runs a Keras/QKeras model layer by layer in double precision, as Keras and QKeras compute at inference:
 * the independent reference for Keras imports. It shares no code with the importer beyond reading the
 * files ({@link KerasModelFile}); QKeras quantizers are QKeras's own formulas (round half to even,
 * {@code clip(round(x · 2^(bits − keep_negative − integer)), …)}), not the importer's QONNX translation.
 */
public final class KerasReference implements ModelReference {

  private final List<DoubleArrayOp> layers = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final String description;

  private interface DoubleArrayOp {
    double[] apply(double[] x);
  }

  private KerasReference(KerasModelFile model, String description) {
    this.description = description;
    for (JsonNode layer : model.layers()) {
      String cls = layer.get("class_name").asText();
      JsonNode c = layer.get("config");
      String name = c.get("name").asText();
      switch (cls) {
        case "InputLayer", "Dropout", "Flatten" -> { }
        case "Dense", "QDense" -> {
          List<double[]> w = model.weights(name);
          long[] shape = model.shapes(name).get(0);
          int in = (int) shape[0];
          int out = (int) shape[1];
          DoubleUnaryOperator kq = cls.equals("QDense") ? quantizer(c.get("kernel_quantizer")) : v -> v;
          DoubleUnaryOperator bq = cls.equals("QDense") ? quantizer(c.get("bias_quantizer")) : v -> v;
          double[] kernel = map(w.get(0), kq);
          double[] bias = w.size() > 1 ? map(w.get(1), bq) : new double[out];
          add(name, x -> {
            double[] y = new double[out];
            for (int o = 0; o < out; o++) {
              double sum = bias[o];
              for (int i = 0; i < in; i++) {
                sum += x[i] * kernel[i * out + o];
              }
              y[o] = sum;
            }
            return y;
          });
          if (c.has("activation") && !c.get("activation").isNull()) {
            add(name + "_activation", activation(c.get("activation")));
          }
        }
        case "Activation", "QActivation" -> add(name, activation(c.get("activation")));
        case "ReLU" -> add(name, elementwise(v -> Math.max(v, 0)));
        case "BatchNormalization" -> {
          List<double[]> w = model.weights(name);
          boolean scale = !c.has("scale") || c.get("scale").asBoolean();
          boolean center = !c.has("center") || c.get("center").asBoolean();
          int k = 0;
          double[] mean = w.get(w.size() - 2);
          double[] gamma = scale ? w.get(k++) : null;
          double[] beta = center ? w.get(k) : null;
          double[] variance = w.get(w.size() - 1);
          double eps = c.has("epsilon") ? c.get("epsilon").asDouble() : 1e-3;
          add(name, x -> {
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
              y[i] = (x[i] - mean[i]) / Math.sqrt(variance[i] + eps) * (gamma == null ? 1 : gamma[i])
                  + (beta == null ? 0 : beta[i]);
            }
            return y;
          });
        }
        default -> throw new IllegalArgumentException(name + ": layer class " + cls + " is not supported by the reference");
      }
    }
  }

  public static KerasReference load(Path model) {
    return new KerasReference(KerasModelFile.read(model), "Keras reference executor (" + model.getFileName() + ")");
  }

  @Override
  public String description() {
    return description;
  }

  /** The model's output (after its last layer, softmax included) for one input. */
  public double[] infer(double[] input) {
    double[] x = input.clone();
    for (DoubleArrayOp op : layers) {
      x = op.apply(x);
    }
    return x;
  }

  /** The values before a final softmax (or the output when there is none): the scores a network compares. */
  @Override
  public double[] scores(double[] input) {
    double[] x = input.clone();
    for (int k = 0; k < layers.size(); k++) {
      if (k == layers.size() - 1 && layers.get(k) instanceof SoftmaxOp) {
        break;
      }
      x = layers.get(k).apply(x);
    }
    return x;
  }

  private void add(String name, DoubleArrayOp op) {
    names.add(name);
    layers.add(op);
  }

  private DoubleArrayOp activation(JsonNode a) {
    if (a.isTextual() && !a.textValue().contains("(") && !a.textValue().startsWith("quantized")) {
      String f = a.textValue();
      if (f.equals("softmax")) {
        return new SoftmaxOp();
      }
      return elementwise(switch (f) {
        case "linear" -> v -> v;
        case "relu" -> v -> Math.max(v, 0);
        case "sigmoid" -> v -> 1 / (1 + Math.exp(-v));
        case "tanh" -> Math::tanh;
        default -> throw new IllegalArgumentException("activation " + f + " is not supported by the reference");
      });
    }
    return elementwise(quantizer(a));
  }

  private static final class SoftmaxOp implements DoubleArrayOp {
      @Override
      public double[] apply(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
          max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          e[i] = Math.exp(x[i] - max);
          sum += e[i];
        }
        for (int i = 0; i < x.length; i++) {
          e[i] /= sum;
        }
        return e;
      }
  }

  @Override
  public String toString() {
    return "keras reference " + names;
  }

  private static DoubleArrayOp elementwise(DoubleUnaryOperator f) {
    return x -> map(x, f);
  }

  private static double[] map(double[] x, DoubleUnaryOperator f) {
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = f.applyAsDouble(x[i]);
    }
    return y;
  }

  /** QKeras's quantizers at inference, written from QKeras's definitions. */
  static DoubleUnaryOperator quantizer(JsonNode node) {
    QKerasQuantizer q = QKerasQuantizer.of(node);
    if (q == null) {
      return v -> v;
    }
    return switch (q.name()) {
      case "quantized_bits" -> {
        int bits = (int) q.number("bits", 8);
        int integer = (int) q.number("integer", 0);
        double symmetric = q.number("symmetric", 0);
        double keep = q.number("keep_negative", 1);
        double alpha = q.number("alpha", 1);
        double m = Math.pow(2, bits - keep);
        double mi = Math.pow(2, integer);
        if (bits - keep <= 0) {
          yield v -> alpha * (v >= 0 ? 1 : -1);
        }
        yield v -> alpha * mi * Math.min(Math.max(Math.rint(v * m / mi), keep * (-m + symmetric)), m - 1) / m;
      }
      case "quantized_relu" -> {
        int bits = (int) q.number("bits", 8);
        int integer = (int) q.number("integer", 0);
        double m = Math.pow(2, bits);
        double mi = Math.pow(2, integer);
        yield v -> mi * Math.min(Math.max(Math.rint(v * m / mi) / m, 0), 1 - 1 / m);
      }
      case "quantized_tanh" -> {
        int bits = (int) q.number("bits", 8);
        double symmetric = q.number("symmetric", 0);
        boolean real = q.number("use_real_tanh", 0) != 0;
        double m = Math.pow(2, bits - 1);
        yield v -> {
          double p = real ? Math.tanh(v) : 2 * Math.min(Math.max(0.5 * v + 0.5, 0), 1) - 1;
          return Math.min(Math.max(Math.rint(p * m) / m, -1 + symmetric / m), 1 - 1 / m);
        };
      }
      default -> throw new IllegalArgumentException("quantizer " + q.name() + " is not supported by the reference");
    };
  }
}
