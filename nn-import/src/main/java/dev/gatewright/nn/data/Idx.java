package dev.gatewright.nn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of the MNIST images and labels, plain or gzipped (detected by content): a
 * zero word, a type byte (unsigned/signed byte, short, int, float, double), the rank, the big-endian
 * dimensions, then the values. Small enough that a library would add more than it saves; every check names
 * what it found.
 */
public final class Idx {

  private Idx() {}

  public static NumericArray read(Path file) {
    byte[] bytes;
    try (InputStream raw = Files.newInputStream(file)) {
      byte[] all = raw.readAllBytes();
      bytes = all.length >= 2 && (all[0] & 0xff) == 0x1f && (all[1] & 0xff) == 0x8b ? gunzip(all) : all;
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    try {
      return parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  static NumericArray parse(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    if (in.remaining() < 4 || in.get() != 0 || in.get() != 0) {
      throw new IllegalArgumentException("not an IDX file (it must start with two zero bytes)");
    }
    int type = Byte.toUnsignedInt(in.get());
    int rank = Byte.toUnsignedInt(in.get());
    int size = switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default -> throw new IllegalArgumentException("unknown IDX value type 0x" + Integer.toHexString(type));
    };
    if (rank < 1 || in.remaining() < 4 * rank) {
      throw new IllegalArgumentException("bad rank " + rank + " or truncated dimensions");
    }
    long[] shape = new long[rank];
    long count = 1;
    for (int d = 0; d < rank; d++) {
      shape[d] = Integer.toUnsignedLong(in.getInt());
      count = Math.multiplyExact(count, shape[d]);
    }
    if ((long) in.remaining() != count * size) {
      throw new IllegalArgumentException("dimensions " + java.util.Arrays.toString(shape) + " need " + count * size
          + " data bytes, the file has " + in.remaining());
    }
    double[] data = new double[(int) count];
    for (int k = 0; k < data.length; k++) {
      data[k] = switch (type) {
        case 0x08 -> Byte.toUnsignedInt(in.get());
        case 0x09 -> in.get();
        case 0x0B -> in.getShort();
        case 0x0C -> in.getInt();
        case 0x0D -> in.getFloat();
        default -> in.getDouble();
      };
    }
    return new NumericArray(shape, data);
  }
}
