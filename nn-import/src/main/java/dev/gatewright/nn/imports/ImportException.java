package dev.gatewright.nn.imports;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model that cannot be imported: malformed, or using an operator or a form that gatewright cannot compute
 * exactly. The message names the file, and where it can the node and its operator type:
 * {@code model.onnx: node "Conv_3" (Conv): unsupported operator ...}.
 */
public final class ImportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String node;
  private final String opType;
  private final String problem;

  public ImportException(Path file, String node, String opType, String problem) {
    this(file, node, opType, problem, null);
  }

  public ImportException(Path file, String node, String opType, String problem, Throwable cause) {
    super(format(file, node, opType, problem), cause);
    this.file = file;
    this.node = node;
    this.opType = opType;
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** A problem with the file as a whole. */
  public static ImportException file(Path file, String problem) {
    return new ImportException(file, null, null, problem);
  }

  public Path file() {
    return file;
  }

  /** The node (or Keras layer) at fault, or null for the file as a whole. */
  public String node() {
    return node;
  }

  /** Its operator type (or Keras class), or null. */
  public String opType() {
    return opType;
  }

  /** The problem without the location. */
  public String problem() {
    return problem;
  }

  private static String format(Path file, String node, String opType, String problem) {
    StringBuilder s = new StringBuilder(file == null ? "<model>" : file.toString()).append(": ");
    if (node != null) {
      s.append("node \"").append(node).append('"');
      if (opType != null) {
        s.append(" (").append(opType).append(')');
      }
      s.append(": ");
    } else if (opType != null) {
      s.append(opType).append(": ");
    }
    return s.append(problem).toString();
  }
}
