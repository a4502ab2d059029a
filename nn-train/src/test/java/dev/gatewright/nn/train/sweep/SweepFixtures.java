package dev.gatewright.nn.train.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small sweep configs over the shared MNIST digits for the tests. */
final class SweepFixtures {

  static final Path MNIST = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/mnist").normalize();

  private SweepFixtures() {}

  /** A config file in {@code folder}: 784-8-10, one epoch on {@code trainCount} digits, the given grid. */
  static Path config(Path folder, int trainCount, String grid, String extra) throws IOException {
    Path file = folder.resolve("sweep.json");
    Files.writeString(file, """
        { "dataset": "mnist:%s:%s",
          "layers": [784, 8, 10], "epochs": 1, "batchSize": 32, "trainCount": %d,
          "grid": %s %s }
        """.formatted(MNIST.resolve("mnist-npm10k-images-idx3-ubyte.gz"),
        MNIST.resolve("mnist-npm10k-labels-idx1-ubyte.gz"), trainCount, grid, extra));
    return file;
  }
}
