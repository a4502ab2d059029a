package dev.gatewright.nn.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Labelled samples for classification: {@code count} rows of {@code features} unsigned 8-bit values (pixels)
 * and a class label each. The network sees a pixel {@code p} as {@code p / 256}, which is exactly the raw
 * value {@code p} of the input type {@code ufix(8,8)}.
 */
public record Dataset(String name, int count, int features, int classes, byte[] pixels, int[] labels) {

  public Dataset {
    Objects.requireNonNull(name, "name");
    if (pixels.length != (long) count * features || labels.length != count) {
      throw new IllegalArgumentException(name + ": " + count + " samples of " + features + " features need "
          + (long) count * features + " values and " + count + " labels, got " + pixels.length + " and "
          + labels.length);
    }
    for (int i = 0; i < count; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i + " is not in 0.."
            + (classes - 1));
      }
    }
  }

  /** Reads an IDX image file and an IDX label file (MNIST's format, plain or gzipped). */
  public static Dataset readIdx(Path images, Path labels) {
    IdxFile x = IdxFile.read(images);
    IdxFile y = IdxFile.read(labels);
    if (x.count() != y.count()) {
      throw new IllegalArgumentException(images + " holds " + x.count() + " images but " + labels + " holds "
          + y.count() + " labels");
    }
    if (y.itemSize() != 1) {
      throw new IllegalArgumentException(labels + ": a label file has one byte per item, this one "
          + y.itemSize());
    }
    int[] classes = new int[y.count()];
    int max = 0;
    for (int i = 0; i < classes.length; i++) {
      classes[i] = y.data()[i] & 0xff;
      max = Math.max(max, classes[i]);
    }
    return new Dataset(images.getFileName().toString(), x.count(), x.itemSize(), max + 1, x.data(), classes);
  }

  /** Parses {@code mnist:IMAGES-IDX:LABELS-IDX}, the form the commands take. */
  public static Dataset parse(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length != 3 || !parts[0].equals("mnist") || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new IllegalArgumentException("dataset \"" + spec + "\": expected mnist:IMAGES-IDX:LABELS-IDX");
    }
    return readIdx(Path.of(parts[1]), Path.of(parts[2]));
  }

  /** The pixel of sample {@code i}, feature {@code j}, as an unsigned byte. */
  public int pixel(int i, int j) {
    return pixels[i * features + j] & 0xff;
  }

  /** The label of sample {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /**
   * The samples at {@code indices}, in that order (a copy), e.g. one part of a {@link #shuffledSplit}.
   */
  public Dataset select(String name, int[] indices) {
    byte[] p = new byte[indices.length * features];
    int[] l = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * features, p, k * features, features);
      l[k] = labels[indices[k]];
    }
    return new Dataset(name, indices.length, features, classes, p, l);
  }

  /** The first {@code n} samples. */
  public Dataset head(int n) {
    int[] indices = new int[Math.min(n, count)];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = i;
    }
    return select(name + "[:" + indices.length + "]", indices);
  }

  /**
   * A seeded shuffle (Fisher–Yates on {@link SplittableRandom}) cut in two: the first {@code trainCount}
   * samples train, the rest test. The same seed gives the same split on every machine.
   */
  public Split shuffledSplit(long seed, int trainCount) {
    if (trainCount < 1 || trainCount >= count) {
      throw new IllegalArgumentException(name + ": cannot take " + trainCount + " of " + count
          + " samples for training and leave some for testing");
    }
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] train = java.util.Arrays.copyOfRange(order, 0, trainCount);
    int[] test = java.util.Arrays.copyOfRange(order, trainCount, count);
    return new Split(select(name + ":train", train), select(name + ":test", test));
  }

  /** A training and a test set. */
  public record Split(Dataset train, Dataset test) {}

  /** The pixels without a copy, for the kernels in this package; never written to. */
  byte[] pixelsView() {
    return pixels;
  }

  @Override
  public byte[] pixels() {
    return pixels.clone();
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }
}
