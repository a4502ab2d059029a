package dev.gatewright.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkFormatException;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.imports.ImportException;
import dev.gatewright.nn.imports.ImportedModel;
import dev.gatewright.nn.imports.ModelImport;
import dev.gatewright.nn.imports.PrecisionConfig;
import dev.gatewright.nn.reference.ModelReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a build builds: a network, and where it came from — a trained model imported from its file (which
 * also gives the model's reference executor, so the hardware can be compared with the model's own
 * arithmetic), a gatewright-network/1 file, or a network made in Java.
 *
 * @param file the model or network file; null for a network made in Java
 * @param reference the model's reference executor; null unless the network was imported from a model
 * @param notes what the import folded, dropped or approximated
 */
public record ModelSource(Network network, Path file, ModelReference reference, List<String> notes) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelSource {
    Objects.requireNonNull(network, "network");
    notes = List.copyOf(notes);
  }

  /** A network made in Java. */
  public static ModelSource of(Network network) {
    return new ModelSource(network, null, null, List.of());
  }

  /** An imported model with its reference executor. */
  public static ModelSource of(ImportedModel model, ModelReference reference) {
    return new ModelSource(model.network(), model.source(), reference, model.notes());
  }

  /**
   * Reads {@code file}: a gatewright-network/1 file, or a model to import (ONNX/QONNX {@code .onnx},
   * Keras/QKeras {@code .h5}, or a Keras architecture {@code .json}), whose float parts take the precisions
   * in {@code precision} (an hls4ml configuration; null: hls4ml's defaults). A file that cannot be read or
   * built from is a {@link BuildRequestException} naming the file and what is wrong.
   */
  public static ModelSource read(Path file, Path precision) {
    if (!Files.isRegularFile(file)) {
      throw new BuildRequestException("no model or network file at " + file.toAbsolutePath());
    }
    if (isNetworkFile(file)) {
      if (precision != null) {
        throw new BuildRequestException("--precision " + precision + " sets the precisions of a model's float parts;"
            + " " + file + " is a gatewright network file, whose precisions are in it");
      }
      try {
        return new ModelSource(NetworkJson.read(file), file, null, List.of());
      } catch (NetworkFormatException e) {
        throw new BuildRequestException(file + ": " + e.getMessage());
      } catch (java.io.UncheckedIOException e) {
        throw new BuildRequestException("cannot read " + file + ": " + e.getCause().getMessage());
      }
    }
    ImportedModel imported;
    try {
      imported = ModelImport.read(file, precision == null ? PrecisionConfig.defaults() : PrecisionConfig.read(precision));
    } catch (ImportException | IllegalArgumentException e) {
      throw new BuildRequestException(e.getMessage());
    }
    ModelReference reference;
    try {
      reference = ModelReference.load(file);
    } catch (RuntimeException e) {
      throw new BuildRequestException(file + ": the model imports, but its reference executor cannot run it: "
          + e.getMessage());
    }
    return of(imported, reference);
  }

  /** A network file, not a model: any {@code .json} that is not a Keras architecture (a "class_name", "config" or "modelTopology"). */
  private static boolean isNetworkFile(Path file) {
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      return false;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      return root == null || !root.isObject() || root.has("format")
          || !(root.has("class_name") || root.has("config") || root.has("modelTopology"));
    } catch (IOException e) {
      return true; // not valid JSON: the network reader says where
    }
  }
}
