package dev.gatewright.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/** Writes small .npy and IDX files for tests (the product only reads them). */
final class ArrayFiles {

  private ArrayFiles() {}

  /** A little-endian .npy file of {@code dtype} ("f4", "f8", "i8", "u1", "i4") and {@code shape}. */
  static Path npy(Path file, String dtype, long[] shape, double[] data) throws IOException {
    String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
    String header = "{'descr': '" + (dtype.equals("u1") ? "|" : "<") + dtype + "', 'fortran_order': False, 'shape': ("
        + dims + (shape.length == 1 ? "," : "") + "), }";
    int total = 10 + header.length() + 1;
    header = header + " ".repeat((64 - total % 64) % 64) + "\n";
    int size = Integer.parseInt(dtype.substring(1));
    ByteBuffer values = ByteBuffer.allocate(data.length * size).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : data) {
      switch (dtype) {
        case "f4" -> values.putFloat((float) v);
        case "f8" -> values.putDouble(v);
        case "i8" -> values.putLong((long) v);
        case "i4" -> values.putInt((int) v);
        case "u1" -> values.put((byte) v);
        default -> throw new IllegalArgumentException(dtype);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length() & 0xff);
    out.write(header.length() >> 8);
    out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    out.write(values.array());
    return Files.write(file, out.toByteArray());
  }

  /** A gzipped IDX file of unsigned bytes. */
  static Path idx(Path file, int[] shape, byte[] data) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(4 + 4 * shape.length);
    head.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) shape.length);
    for (int d : shape) {
      head.putInt(d);
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(head.array());
      out.write(data);
    }
    return file;
  }
}
