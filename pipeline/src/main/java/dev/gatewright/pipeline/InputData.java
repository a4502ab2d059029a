package dev.gatewright.pipeline;

import dev.gatewright.nn.Network;
import dev.gatewright.nn.data.Idx;
import dev.gatewright.nn.data.Npy;
import dev.gatewright.nn.data.NumericArray;
import dev.gatewright.nn.hw.VectorPorts;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Inputs a build checks the hardware on, beside its random vectors: model input values (one sample per
 * entry of the first dimension of a {@code .npy} or IDX array, such as MNIST's images; one sample of 16 values
 * is an array of shape (1, 16), while shape (16) is 16 samples of one value), multiplied by an
 * {@link InputScale} and then encoded by the network's own input stage ({@link Network#inputEncoding()}), and
 * optionally each sample's class label, for the accuracy. Files are read by their content: NumPy {@code .npy}
 * or IDX, gzipped or not. Whatever does not fit — a missing or unreadable file, a sample of the wrong size, a
 * value the model's input stage cannot take, labels that are not class numbers or not one per input — is a
 * {@link BuildRequestException} that names the file and what was expected, before anything is built.
 *
 * @param description where the inputs come from, for reports: the file, or what a demo embeds
 * @param labelsDescription where the labels come from; null without labels
 * @param labels one class per sample, or null
 */
public record InputData(String description, NumericArray values, InputScale scale, String labelsDescription,
    long[] labels) {

  public InputData {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(scale, "scale");
    if (labels != null) {
      labels = labels.clone();
      Objects.requireNonNull(labelsDescription, "labelsDescription");
      if (labels.length != count(values)) {
        throw new BuildRequestException(labelsDescription + ": " + String.format("%,d", labels.length) + " labels for "
            + String.format("%,d", count(values)) + " inputs in " + description + "; give one label per input");
      }
    }
  }

  /**
   * The inputs in {@code inputs} (a {@code .npy} or IDX file), scaled by {@code scale}, with the labels in
   * {@code labels} (null: none): class numbers of shape (N) or (N, 1), or one-hot rows of shape (N, classes).
   */
  public static InputData read(Path inputs, InputScale scale, Path labels) {
    NumericArray values = array(inputs, "inputs");
    if (values.data().length == 0) {
      throw new BuildRequestException(inputs + ": holds no inputs (shape " + shape(values) + ")");
    }
    long[] classes = labels == null ? null : classes(array(labels, "labels"), labels.toString());
    return new InputData(inputs.toString(), values, scale, labels == null ? null : labels.toString(), classes);
  }

  /** The same inputs and labels, described as {@code inputs} and {@code labels} in reports (for files a demo embeds). */
  public InputData describedAs(String inputs, String labels) {
    return new InputData(inputs, values, scale, this.labels == null ? null : labels, this.labels);
  }

  /** How many inputs there are. */
  public int count() {
    return count(values);
  }

  public boolean hasLabels() {
    return labels != null;
  }

  /** The label of input {@code k}. */
  public long label(int k) {
    return labels[k];
  }

  @Override
  public long[] labels() {
    return labels == null ? null : labels.clone();
  }

  /** The model input values of sample {@code k}, scaled. */
  public double[] sample(int k) {
    double[] x = values.sample(k);
    if (!scale.isOne()) {
      for (int i = 0; i < x.length; i++) {
        x[i] = scale.apply(x[i]);
      }
    }
    return x;
  }

  /**
   * Each sample encoded by the network's input stage and packed as the value of its input port {@code x}; a
   * sample of the wrong size, a value the encoding refuses, a label that is not one of the network's classes
   * is a {@link BuildRequestException}.
   */
  public BigInteger[] encode(Network network) {
    int per = count() == 0 ? 0 : values.data().length / count();
    if (per != network.inputs()) {
      throw new BuildRequestException(description + ": each input holds " + per + " values (array shape " + shape(values)
          + "), but network " + network.name() + " takes " + network.inputs() + " values per input"
          + " (an array of shape (N, " + network.inputs() + ") or (N, ...) with " + network.inputs() + " values after N)");
    }
    if (labels != null) {
      int classes = OutputClasses.count(network);
      for (int k = 0; k < labels.length; k++) {
        if (labels[k] < 0 || labels[k] >= classes) {
          throw new BuildRequestException(labelsDescription + ": label " + labels[k] + " of input " + k + " is not a"
              + " class of network " + network.name() + ", which has " + classes + " (0.." + (classes - 1) + ")");
        }
      }
    }
    BigInteger[] packed = new BigInteger[count()];
    for (int k = 0; k < packed.length; k++) {
      long[] raw;
      try {
        raw = network.inputEncoding().encode(sample(k));
      } catch (IllegalArgumentException e) {
        throw new BuildRequestException(description + ": input " + k + (scale.isOne() ? "" : " times " + scale) + ": "
            + e.getMessage());
      }
      packed[k] = VectorPorts.pack(raw, network.inputType());
    }
    return packed;
  }

  private static int count(NumericArray values) {
    return values.samples();
  }

  /** A {@code .npy} or IDX file, by its first bytes. */
  static NumericArray array(Path file, String role) {
    if (!Files.isRegularFile(file)) {
      throw new BuildRequestException("no " + role + " file at " + file.toAbsolutePath()
          + (Files.isDirectory(file) ? " (it is a folder)" : ""));
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(6);
    } catch (IOException e) {
      throw new BuildRequestException("cannot read the " + role + " file " + file + ": " + e.getMessage());
    }
    boolean npy = head.length == 6 && (head[0] & 0xff) == 0x93 && new String(head, 1, 5, java.nio.charset.StandardCharsets
        .ISO_8859_1).equals("NUMPY");
    boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    boolean idx = head.length >= 4 && head[0] == 0 && head[1] == 0;
    if (!npy && !gzip && !idx) {
      throw new BuildRequestException(file + ": the " + role + " file is neither a NumPy .npy file nor an IDX file"
          + " (gzipped or not)");
    }
    try {
      return npy ? Npy.read(file) : Idx.read(file);
    } catch (IllegalArgumentException | ArithmeticException e) {
      String message = e.getMessage();
      throw new BuildRequestException(message != null && message.startsWith(file.toString()) ? message
          : file + ": " + message);
    }
  }

  /** Class numbers from a labels array of shape (N), (N, 1) or one-hot (N, C). */
  static long[] classes(NumericArray array, String file) {
    long[] shape = array.shape();
    double[] data = array.data();
    boolean column = shape.length == 1 || shape.length == 2 && shape[1] == 1;
    if (column) {
      long[] labels = new long[data.length];
      for (int k = 0; k < data.length; k++) {
        double v = data[k];
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
          throw new BuildRequestException(file + ": label " + k + " is " + v + "; labels are class numbers 0, 1, 2, ..."
              + " (an integer array of shape (N) or (N, 1), or one-hot rows of shape (N, classes))");
        }
        labels[k] = (long) v;
      }
      return labels;
    }
    if (shape.length == 2) {
      int rows = (int) shape[0];
      int classes = (int) shape[1];
      long[] labels = new long[rows];
      for (int k = 0; k < rows; k++) {
        int hot = -1;
        for (int c = 0; c < classes; c++) {
          double v = data[k * classes + c];
          if (v == 1 && hot < 0) {
            hot = c;
          } else if (v != 0) {
            hot = -2;
            break;
          }
        }
        if (hot < 0) {
          throw new BuildRequestException(file + ": row " + k + " of the labels (shape " + shape(array) + ") is not"
              + " one-hot; labels are class numbers of shape (N) or (N, 1), or one-hot rows of shape (N, classes)");
        }
        labels[k] = hot;
      }
      return labels;
    }
    throw new BuildRequestException(file + ": labels of shape " + shape(array) + "; labels are class numbers of shape"
        + " (N) or (N, 1), or one-hot rows of shape (N, classes)");
  }

  private static String shape(NumericArray array) {
    long[] shape = array.shape();
    String inner = String.join(", ", Arrays.stream(shape).mapToObj(Long::toString).toList());
    return "(" + inner + (shape.length == 1 ? ",)" : ")");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputData d && description.equals(d.description) && values.equals(d.values)
        && scale.equals(d.scale) && Objects.equals(labelsDescription, d.labelsDescription)
        && Arrays.equals(labels, d.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(description, values, scale) * 31 + Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return description + " (" + count() + " inputs" + (scale.isOne() ? "" : " times " + scale)
        + (labels == null ? "" : ", labels " + labelsDescription) + ")";
  }
}
