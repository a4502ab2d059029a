package dev.gatewright.nn.imports.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model as read from its file, before any interpretation: named constants, the graph inputs and outputs,
 * and the nodes in an order where every node comes after the producers of its inputs.
 */
public record Graph(Path file, String name, List<Input> inputs, List<String> outputs, Map<String, Tensor> constants,
    List<Node> nodes) {

  public Graph {
    Objects.requireNonNull(name, "name");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    constants = Map.copyOf(constants);
    nodes = List.copyOf(nodes);
  }

  /**
   * A graph input: its name, its shape (a dimension of -1 is unknown, e.g. the batch) and, when the model
   * declares one, the integer type of its values (FINN's {@code finn_datatype} annotation, e.g. UINT8).
   */
  public record Input(String name, long[] shape, IntegerType declaredType) {
    public Input {
      Objects.requireNonNull(name, "name");
      shape = shape.clone();
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }
  }

  /** An integer value range a model declares for a tensor: {@code min..max}, integers only. */
  public record IntegerType(String name, long min, long max) {}
}
