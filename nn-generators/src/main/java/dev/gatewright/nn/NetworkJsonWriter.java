package dev.gatewright.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes the network file format that {@link NetworkJson} describes and reads. */
final class NetworkJsonWriter {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private NetworkJsonWriter() {}

  /**
   * The network as a file: weights and biases as raw integers ({@code rawWeights}, {@code rawBias}),
   * pruned weights as zeros, every type and mode explicit. Reading the text gives a network that computes
   * exactly the same; writing is deterministic.
   */
  static String write(Network network) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", NetworkJson.FORMAT);
    root.put("name", network.name());
    ObjectNode input = root.putObject("input");
    input.put("size", network.inputs());
    input.put("type", network.inputType().toString());
    input.set("encoding", encoding(network.inputEncoding()));
    if (!network.outputDecoding().isIdentity()) {
      ObjectNode output = root.putObject("output");
      output.set("scale", numbersOrOne(network.outputDecoding().mul()));
      output.set("offset", numbersOrOne(network.outputDecoding().add()));
    }
    ArrayNode layers = root.putArray("layers");
    for (Layer layer : network.layers()) {
      ObjectNode l = layers.addObject();
      l.put("kind", kind(layer));
      l.put("name", layer.name());
      layer.accept(new LayerFields(l));
    }
    try {
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
          .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
      return MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code "kind"} of a layer in the file. */
  static String kind(Layer layer) {
    return layer.accept(new Layer.Visitor<>() {
      @Override
      public String dense(Dense layer) {
        return "dense";
      }

      @Override
      public String thresholds(Thresholds layer) {
        return "thresholds";
      }

      @Override
      public String conv(Conv layer) {
        return "conv";
      }

      @Override
      public String maxPool(MaxPool layer) {
        return "max_pool";
      }

      @Override
      public String globalPool(GlobalPool layer) {
        return "global_pool";
      }

      @Override
      public String linear(Activation.Linear layer) {
        return "linear";
      }

      @Override
      public String relu(Activation.Relu layer) {
        return "relu";
      }

      @Override
      public String clippedRelu(Activation.ClippedRelu layer) {
        return "clipped_relu";
      }

      @Override
      public String hardTanh(Activation.HardTanh layer) {
        return "hard_tanh";
      }

      @Override
      public String sigmoid(Activation.Sigmoid layer) {
        return "sigmoid";
      }

      @Override
      public String tanh(Activation.Tanh layer) {
        return "tanh";
      }

      @Override
      public String softmax(Activation.Softmax layer) {
        return "softmax";
      }

      @Override
      public String argmax(Activation.Argmax layer) {
        return "argmax";
      }
    });
  }

  /** Writes the fields of each kind of layer after its kind and name. */
  private record LayerFields(ObjectNode l) implements Layer.Visitor<Void> {
    @Override
    public Void dense(Dense d) {
      l.put("outputs", d.outputs());
      l.put("weightType", d.weightType().toString());
      l.put("biasType", d.biasType().toString());
      ObjectNode acc = l.putObject("accumulator");
      acc.put("type", d.accumulatorType().toString());
      acc.put("overflow", d.accumulatorOverflow().name());
      l.set("result", quantizer(d.result()));
      ArrayNode w = l.putArray("rawWeights");
      for (long[] row : d.weights()) {
        ArrayNode r = w.addArray();
        for (long v : row) {
          r.add(v);
        }
      }
      ArrayNode b = l.putArray("rawBias");
      for (long v : d.bias()) {
        b.add(v);
      }
      return null;
    }

    @Override
    public Void conv(Conv c) {
      l.set("input", map(c.input()));
      l.set("window", window(c.window()));
      return dense(c.kernel());
    }

    @Override
    public Void maxPool(MaxPool p) {
      l.set("input", map(p.input()));
      l.set("window", window(p.window()));
      return null;
    }

    @Override
    public Void globalPool(GlobalPool p) {
      l.set("input", map(p.input()));
      l.put("divisor", p.divisor());
      l.set("result", quantizer(p.result()));
      return null;
    }

    @Override
    public Void thresholds(Thresholds t) {
      l.put("outputType", t.outputType().toString());
      ArrayNode rows = l.putArray("thresholds");
      for (long[] row : t.thresholds()) {
        ArrayNode r = rows.addArray();
        for (long v : row) {
          r.add(v);
        }
      }
      ArrayNode base = l.putArray("base");
      for (long v : t.base()) {
        base.add(v);
      }
      ArrayNode step = l.putArray("step");
      for (long v : t.step()) {
        step.add(v);
      }
      return null;
    }

    @Override
    public Void linear(Activation.Linear a) {
      l.set("result", quantizer(a.result()));
      return null;
    }

    @Override
    public Void relu(Activation.Relu a) {
      l.set("result", quantizer(a.result()));
      return null;
    }

    @Override
    public Void clippedRelu(Activation.ClippedRelu a) {
      l.put("ceiling", a.ceiling());
      l.set("result", quantizer(a.result()));
      return null;
    }

    @Override
    public Void hardTanh(Activation.HardTanh a) {
      l.set("result", quantizer(a.result()));
      return null;
    }

    @Override
    public Void sigmoid(Activation.Sigmoid a) {
      l.set("table", table(a.table()));
      return null;
    }

    @Override
    public Void tanh(Activation.Tanh a) {
      l.set("table", table(a.table()));
      return null;
    }

    @Override
    public Void softmax(Activation.Softmax a) {
      l.set("exp", table(a.exp()));
      l.set("reciprocal", table(a.reciprocal()));
      l.set("result", quantizer(a.result()));
      return null;
    }

    @Override
    public Void argmax(Activation.Argmax a) {
      return null;
    }
  }

  /** The input encoding; a thresholds encoding that is the same for every input is written once. */
  private static ObjectNode encoding(InputEncoding encoding) {
    ObjectNode n = MAPPER.createObjectNode();
    encoding.accept(new InputEncoding.Visitor<Void>() {
      @Override
      public Void fixedPoint(InputEncoding.FixedPoint f) {
        n.put("kind", "fixed");
        n.put("rounding", f.quantizer().rounding().name());
        n.put("overflow", f.quantizer().overflow().name());
        return null;
      }

      @Override
      public Void integers(InputEncoding.Integers i) {
        n.put("kind", "integers");
        n.put("min", i.min());
        n.put("max", i.max());
        return null;
      }

      @Override
      public Void thresholded(InputEncoding.Thresholded t) {
        n.put("kind", "thresholds");
        boolean uniform = t.isUniform();
        double[][] rows = t.thresholds();
        ArrayNode all = n.putArray("thresholds");
        for (int i = 0; i < (uniform ? 1 : rows.length); i++) {
          ArrayNode row = all.addArray();
          for (double v : rows[i]) {
            if (Double.isInfinite(v)) {
              row.add(v > 0 ? "Infinity" : "-Infinity");
            } else {
              row.add(v);
            }
          }
        }
        if (uniform) {
          n.put("base", t.base()[0]);
          n.put("step", t.step()[0]);
        } else {
          ArrayNode base = n.putArray("base");
          for (long v : t.base()) {
            base.add(v);
          }
          ArrayNode step = n.putArray("step");
          for (long v : t.step()) {
            step.add(v);
          }
        }
        return null;
      }
    });
    return n;
  }

  /** One number when all are equal, else the array. */
  private static com.fasterxml.jackson.databind.JsonNode numbersOrOne(double[] values) {
    boolean same = java.util.Arrays.stream(values).allMatch(v -> Double.compare(v, values[0]) == 0);
    if (same) {
      return MAPPER.getNodeFactory().numberNode(values[0]);
    }
    ArrayNode a = MAPPER.createArrayNode();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }

  private static ObjectNode quantizer(Quantizer q) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("type", q.type().toString());
    n.put("rounding", q.rounding().name());
    n.put("overflow", q.overflow().name());
    return n;
  }

  private static ObjectNode map(FeatureMap m) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("height", m.height());
    n.put("width", m.width());
    n.put("channels", m.channels());
    return n;
  }

  private static ObjectNode window(Window w) {
    ObjectNode n = MAPPER.createObjectNode();
    ArrayNode kernel = n.putArray("kernel");
    kernel.add(w.kernelHeight()).add(w.kernelWidth());
    ArrayNode strides = n.putArray("strides");
    strides.add(w.strideHeight()).add(w.strideWidth());
    ArrayNode pads = n.putArray("pads");
    pads.add(w.padTop()).add(w.padLeft()).add(w.padBottom()).add(w.padRight());
    return n;
  }

  private static ObjectNode table(LookupTable t) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("size", t.size());
    n.put("low", t.low());
    n.put("high", t.high());
    n.put("type", t.type().toString());
    return n;
  }
}
