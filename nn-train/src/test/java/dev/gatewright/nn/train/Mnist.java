package dev.gatewright.nn.train;

import java.nio.file.Path;

/** The shared MNIST digits and the project's split: the first 8,000 of a seeded shuffle train, 2,000 test. */
final class Mnist {

  /** {@code ../shared/data/mnist} from the project root; tests run in the module directory. */
  static final Path FOLDER = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/mnist").normalize();
  static final Path IMAGES = FOLDER.resolve("mnist-npm10k-images-idx3-ubyte.gz");
  static final Path LABELS = FOLDER.resolve("mnist-npm10k-labels-idx1-ubyte.gz");

  private static Dataset.Split split;

  private Mnist() {}

  static synchronized Dataset.Split split() {
    if (split == null) {
      split = Dataset.readIdx(IMAGES, LABELS).shuffledSplit(2026, 8000);
    }
    return split;
  }
}
