package dev.gatewright.nn.imports;

import dev.gatewright.nn.imports.graph.Graph;
import dev.gatewright.nn.imports.keras.KerasReader;
import dev.gatewright.nn.imports.onnx.OnnxReader;
import dev.gatewright.nn.imports.streamline.Streamliner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Imports a trained model as a bit-exact integer network: ONNX and QONNX ({@code .onnx}), Keras and QKeras
 * ({@code .h5} with the architecture inside, or the architecture {@code .json} beside its
 * {@code <name>_weights.h5}). See {@link Streamliner} for what is folded and what is refused, and
 * {@link PrecisionConfig} for the float parts.
 */
public final class ModelImport {

  private ModelImport() {}

  public static ImportedModel read(Path model) {
    return read(model, PrecisionConfig.defaults());
  }

  public static ImportedModel read(Path model, Path precision) {
    return read(model, precision == null ? PrecisionConfig.defaults() : PrecisionConfig.read(precision));
  }

  public static ImportedModel read(Path model, PrecisionConfig precision) {
    return Streamliner.run(graph(model), precision);
  }

  /** The model's graph as read, before streamlining. */
  public static Graph graph(Path model) {
    if (!Files.isRegularFile(model)) {
      throw ImportException.file(model, "no such file");
    }
    String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".onnx")) {
      return OnnxReader.read(model);
    }
    if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".keras.h5") || name.endsWith(".json")) {
      return KerasReader.read(model);
    }
    throw ImportException.file(model, "unknown model format (expected .onnx, .h5 or a Keras .json)");
  }
}
