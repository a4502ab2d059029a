package dev.gatewright.nn.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A trained model's own arithmetic, run op by op in double precision from its file: the independent
 * reference an imported network and its hardware are compared with. {@link OnnxReference} runs ONNX and
 * QONNX graphs, {@link KerasReference} Keras and QKeras models.
 */
public interface ModelReference {

  /**
   * The model's values that the imported network's (decoded) outputs stand for: its output, or the values
   * before a final softmax, which the import leaves out because it orders the classes the same.
   */
  double[] scores(double[] input);

  /** What runs, for reports, e.g. {@code "ONNX reference executor (model.onnx)"}. */
  String description();

  /** The reference for a model file: {@code .onnx}, {@code .h5} / {@code .hdf5}, or a Keras architecture {@code .json}. */
  static ModelReference load(Path model) {
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("no model file at " + model);
    }
    String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".onnx")) {
      return OnnxReference.load(model);
    }
    if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".json")) {
      return KerasReference.load(model);
    }
    throw new IllegalArgumentException(model + ": unknown model format (expected .onnx, .h5 or a Keras .json)");
  }
}
