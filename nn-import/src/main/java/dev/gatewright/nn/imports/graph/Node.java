package dev.gatewright.nn.imports.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation of a model graph: an ONNX node, or one step of a Keras layer. {@code layer} is the name the
 * user knows it by (an ONNX node name, a Keras layer name), used for precision settings and for naming
 * the network's layers. An empty input name is an omitted optional input.
 */
public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
    Map<String, Object> attributes, String layer) {

  public Node {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(opType, "opType");
    Objects.requireNonNull(domain, "domain");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(layer, "layer");
  }

  public Node(String name, String opType, List<String> inputs, List<String> outputs, Map<String, Object> attributes) {
    this(name, opType, "", inputs, outputs, attributes, name);
  }

  /** Input {@code index}, or "" when the node has fewer inputs. */
  public String input(int index) {
    return index < inputs.size() ? inputs.get(index) : "";
  }

  public String output() {
    return outputs.get(0);
  }
}
