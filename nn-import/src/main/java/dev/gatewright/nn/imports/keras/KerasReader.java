package dev.gatewright.nn.imports.keras;

import dev.gatewright.nn.imports.ImportException;
import dev.gatewright.nn.imports.graph.Graph;
import java.nio.file.Path;

/** Reads Keras and QKeras models. */
public final class KerasReader {

  private KerasReader() {}

  public static Graph read(Path file) {
    throw ImportException.file(file, "Keras import is not available yet");
  }
}
