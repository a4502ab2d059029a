package dev.gatewright.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes networks in the {@link NetworkJson} format (see {@link NetworkJson#write(Network)}). */
final class NetworkJsonWriter {

  private NetworkJsonWriter() {}

  static String write(Network network, ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("format", NetworkJson.FORMAT);
    root.put("name", network.name());
    ObjectNode input = root.putObject("input");
    input.put("size", network.inputs());
    input.put("type", network.inputType().toString());
    ArrayNode layers = root.putArray("layers");
    for (Layer layer : network.layers()) {
      ObjectNode l = layers.addObject();
      if (layer instanceof Dense d) {
        l.put("kind", "dense");
        l.put("name", d.name());
        l.put("outputs", d.outputs());
        l.put("weightType", d.weightType().toString());
        l.put("biasType", d.biasType().toString());
        ObjectNode acc = l.putObject("accumulator");
        acc.put("type", d.accumulatorType().toString());
        acc.put("overflow", d.accumulatorOverflow().name());
        l.set("result", quantizer(d.result(), mapper));
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
        continue;
      }
      if (layer instanceof Thresholds t) {
        l.put("kind", "thresholds");
        l.put("name", t.name());
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
        continue;
      }
      l.put("kind", kind((Activation) layer));
      l.put("name", layer.name());
      if (layer instanceof Activation.Linear a) {
        l.set("result", quantizer(a.result(), mapper));
      } else if (layer instanceof Activation.Relu a) {
        l.set("result", quantizer(a.result(), mapper));
      } else if (layer instanceof Activation.HardTanh a) {
        l.set("result", quantizer(a.result(), mapper));
      } else if (layer instanceof Activation.ClippedRelu a) {
        l.put("ceiling", a.ceiling());
        l.set("result", quantizer(a.result(), mapper));
      } else if (layer instanceof Activation.Sigmoid a) {
        l.set("table", table(a.table(), mapper));
      } else if (layer instanceof Activation.Tanh a) {
        l.set("table", table(a.table(), mapper));
      } else if (layer instanceof Activation.Softmax a) {
        l.set("exp", table(a.exp(), mapper));
        l.set("reciprocal", table(a.reciprocal(), mapper));
        l.set("result", quantizer(a.result(), mapper));
      }
    }
    try {
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
          .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
      return mapper.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String kind(Activation a) {
    if (a instanceof Activation.Linear) {
      return "linear";
    } else if (a instanceof Activation.Relu) {
      return "relu";
    } else if (a instanceof Activation.ClippedRelu) {
      return "clipped_relu";
    } else if (a instanceof Activation.HardTanh) {
      return "hard_tanh";
    } else if (a instanceof Activation.Sigmoid) {
      return "sigmoid";
    } else if (a instanceof Activation.Tanh) {
      return "tanh";
    } else if (a instanceof Activation.Softmax) {
      return "softmax";
    }
    return "argmax";
  }

  private static ObjectNode quantizer(Quantizer q, ObjectMapper mapper) {
    ObjectNode n = mapper.createObjectNode();
    n.put("type", q.type().toString());
    n.put("rounding", q.rounding().name());
    n.put("overflow", q.overflow().name());
    return n;
  }

  private static ObjectNode table(LookupTable t, ObjectMapper mapper) {
    ObjectNode n = mapper.createObjectNode();
    n.put("size", t.size());
    n.put("low", t.low());
    n.put("high", t.high());
    n.put("type", t.type().toString());
    return n;
  }
}
