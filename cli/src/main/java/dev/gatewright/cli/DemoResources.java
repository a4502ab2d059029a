package dev.gatewright.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trained models and digits the demos embed (origins and licences: {@code demo/NOTICE.md} beside them),
 * copied to a temporary folder for the time of a build, since the readers take files; {@link #close()}
 * deletes them.
 */
final class DemoResources implements AutoCloseable {

  static final String JET_TAGGER = "qkeras_jettagging.onnx";
  static final String FINN_TFC = "finn_tfc_w1a1.onnx";
  static final String MNIST_IMAGES = "mnist-npm10k-images-idx3-ubyte.gz";
  static final String MNIST_LABELS = "mnist-npm10k-labels-idx1-ubyte.gz";

  private final Path folder;
  private final List<Path> files = new ArrayList<>();

  private DemoResources(Path folder) {
    this.folder = folder;
  }

  /** Copies the embedded files {@code names} out. */
  static DemoResources extract(String... names) {
    DemoResources resources;
    try {
      resources = new DemoResources(Files.createTempDirectory("gatewright-demo"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the demo's model: " + e.getMessage(), e);
    }
    try {
      for (String name : names) {
        resources.copy(name);
      }
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
    return resources;
  }

  private void copy(String name) {
    Path target = folder.resolve(name);
    try (InputStream in = DemoResources.class.getResourceAsStream("demo/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the demo's file " + name + " is missing from gatewright's jar");
      }
      Files.copy(in, target);
      files.add(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the demo's file " + name + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Where the embedded file {@code name} was copied. */
  Path file(String name) {
    Path file = folder.resolve(name);
    if (!files.contains(file)) {
      throw new IllegalArgumentException(name + " was not extracted");
    }
    return file;
  }

  @Override
  public void close() {
    try {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the demo's temporary files in " + folder + ": " + e.getMessage(), e);
    }
  }
}
