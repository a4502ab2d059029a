package dev.gatewright.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the shared MNIST digits and splitting them. */
class DatasetTest {

  @TempDir
  Path directory;

  @Test
  void readsTheSharedMnistDigitsWithTheirClassCounts() {
    Dataset all = Dataset.readIdx(Mnist.IMAGES, Mnist.LABELS);
    assertEquals(10_000, all.count());
    assertEquals(784, all.features());
    assertEquals(10, all.classes());
    int[] counts = new int[10];
    for (int i = 0; i < all.count(); i++) {
      counts[all.label(i)]++;
    }
    assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, counts, "README's counts");
  }

  @Test
  void theSeededSplitIsEightThousandAndTwoThousandAndTheSameEveryTime() {
    Dataset all = Dataset.readIdx(Mnist.IMAGES, Mnist.LABELS);
    Dataset.Split a = all.shuffledSplit(2026, 8000);
    Dataset.Split b = all.shuffledSplit(2026, 8000);
    assertEquals(8000, a.train().count());
    assertEquals(2000, a.test().count());
    assertArrayEquals(a.test().labels(), b.test().labels());
    assertArrayEquals(a.test().pixels(), b.test().pixels());
    long classesInTest = Arrays.stream(a.test().labels()).distinct().count();
    assertEquals(10, classesInTest, "shuffled, not the sorted file's tail");
  }

  @Test
  void parsesTheCommandLineForm() {
    Dataset d = Dataset.parse("mnist:" + Mnist.IMAGES + ":" + Mnist.LABELS);
    assertEquals(10_000, d.count());
    var e = assertThrows(IllegalArgumentException.class, () -> Dataset.parse("cifar:a:b"));
    assertTrue(e.getMessage().contains("expected mnist:IMAGES-IDX:LABELS-IDX"), e.getMessage());
  }

  @Test
  void aFileThatIsNotIdxIsRejectedNamingTheFile() throws IOException {
    Path bad = directory.resolve("bad.idx");
    Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    var e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(bad));
    assertTrue(e.getMessage().startsWith(bad + ": not an IDX file"), e.getMessage());
    Path floats = directory.resolve("floats.idx");
    Files.write(floats, new byte[] {0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0});
    e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(floats));
    assertTrue(e.getMessage().contains("element type 0x0d is not supported"), e.getMessage());
    Path truncated = directory.resolve("truncated.idx");
    Files.write(truncated, new byte[] {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2});
    e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(truncated));
    assertTrue(e.getMessage().contains("truncated: the header [2, 3] promises 6 bytes"), e.getMessage());
  }

  @Test
  void labelsAndImagesMustAgreeInCount() throws IOException {
    Path labels = directory.resolve("labels.idx");
    Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 3, 4});
    var e = assertThrows(IllegalArgumentException.class, () -> Dataset.readIdx(Mnist.IMAGES, labels));
    assertTrue(e.getMessage().contains("holds 10000 images but " + labels + " holds 2 labels"), e.getMessage());
  }
}
