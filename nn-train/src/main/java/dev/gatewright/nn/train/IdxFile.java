package dev.gatewright.nn.train;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes (the MNIST format: magic {@code 0x00 0x00 0x08 D}, then {@code D} big-endian
 * dimension sizes, then the data), plain or gzipped. Only the unsigned-byte element type is read; others fail
 * with a message naming the file and the type found.
 *
 * <p>Kept small on purpose: a general IDX/.npy reader is being written in {@code nn-import}; this one goes
 * when that one lands.
 */
public record IdxFile(Path file, int[] dimensions, byte[] data) {

  private static final int UNSIGNED_BYTE = 0x08;

  public IdxFile {
    dimensions = dimensions.clone();
  }

  /** Reads {@code file}; a name ending in {@code .gz} is gunzipped. */
  public static IdxFile read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
      DataInputStream data = new DataInputStream(in);
      int magic;
      try {
        magic = data.readInt();
      } catch (EOFException e) {
        throw new IllegalArgumentException(file + ": not an IDX file (shorter than its 4-byte header)");
      }
      if ((magic >>> 16) != 0) {
        throw new IllegalArgumentException(file + ": not an IDX file (magic " + String.format("0x%08x", magic)
            + ", expected 0x0000TTDD)");
      }
      int type = (magic >>> 8) & 0xff;
      int rank = magic & 0xff;
      if (type != UNSIGNED_BYTE) {
        throw new IllegalArgumentException(file + ": IDX element type " + String.format("0x%02x", type)
            + " is not supported, only unsigned bytes (0x08)");
      }
      if (rank < 1) {
        throw new IllegalArgumentException(file + ": IDX file with no dimensions");
      }
      int[] dims = new int[rank];
      long total = 1;
      for (int d = 0; d < rank; d++) {
        dims[d] = data.readInt();
        if (dims[d] < 0) {
          throw new IllegalArgumentException(file + ": dimension " + d + " is negative (" + dims[d] + ")");
        }
        total *= dims[d];
      }
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(file + ": " + total + " elements are more than one array holds");
      }
      byte[] bytes = new byte[(int) total];
      try {
        data.readFully(bytes);
      } catch (EOFException e) {
        throw new IllegalArgumentException(file + ": truncated: the header " + Arrays.toString(dims) + " promises "
            + total + " bytes of data");
      }
      return new IdxFile(file, dims, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The number of items: the first dimension. */
  public int count() {
    return dimensions[0];
  }

  /** The bytes of one item: the product of the other dimensions. */
  public int itemSize() {
    int size = 1;
    for (int d = 1; d < dimensions.length; d++) {
      size *= dimensions[d];
    }
    return size;
  }

  @Override
  public int[] dimensions() {
    return dimensions.clone();
  }
}
