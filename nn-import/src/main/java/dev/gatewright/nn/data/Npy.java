package dev.gatewright.nn.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format versions 1–3): C-ordered arrays of booleans, integers of 1–8 bytes
 * and floats of 4 or 8 bytes, either byte order. No Java library for the format is both small and kept up,
 * and the format is a fixed header and raw values, so this reader checks each part and names what is wrong.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([biuf])(\\d+)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  public static NumericArray read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    try {
      return parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  static NumericArray parse(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (byte b : MAGIC) {
      if (!in.hasRemaining() || in.get() != b) {
        throw new IllegalArgumentException("not a .npy file (no \\x93NUMPY magic)");
      }
    }
    if (in.remaining() < 2) {
      throw new IllegalArgumentException("truncated header");
    }
    int major = in.get();
    in.get(); // minor
    int headerLength = switch (major) {
      case 1 -> Short.toUnsignedInt(in.getShort());
      case 2, 3 -> in.getInt();
      default -> throw new IllegalArgumentException("unknown .npy format version " + major);
    };
    if (headerLength < 0 || headerLength > in.remaining()) {
      throw new IllegalArgumentException("header length " + headerLength + " exceeds the file");
    }
    byte[] h = new byte[headerLength];
    in.get(h);
    String header = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher o = ORDER.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !o.find() || !s.find()) {
      throw new IllegalArgumentException("header lacks descr, fortran_order or shape, or uses a dtype other than"
          + " bool, int, uint or float: " + header.strip());
    }
    if (o.group(1).equals("True")) {
      throw new IllegalArgumentException("Fortran-ordered arrays are not supported");
    }
    char kind = d.group(2).charAt(0);
    int size = Integer.parseInt(d.group(3));
    in.order(d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    String dims = s.group(1).strip();
    long[] shape = dims.isEmpty() ? new long[0]
        : java.util.Arrays.stream(dims.split(",")).map(String::strip).filter(t -> !t.isEmpty())
            .mapToLong(Long::parseLong).toArray();
    long count = 1;
    for (long dim : shape) {
      count = Math.multiplyExact(count, dim);
    }
    boolean valid = switch (kind) {
      case 'b' -> size == 1;
      case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
      default -> size == 4 || size == 8;
    };
    if (!valid) {
      throw new IllegalArgumentException("unsupported dtype " + d.group(0));
    }
    if ((long) in.remaining() != count * size) {
      throw new IllegalArgumentException("shape " + dims + " of " + d.group(2) + size + " needs " + count * size
          + " data bytes, the file has " + in.remaining());
    }
    double[] data = new double[(int) count];
    for (int k = 0; k < data.length; k++) {
      data[k] = switch (kind) {
        case 'b' -> in.get() != 0 ? 1 : 0;
        case 'f' -> size == 4 ? in.getFloat() : in.getDouble();
        case 'u' -> switch (size) {
          case 1 -> Byte.toUnsignedInt(in.get());
          case 2 -> Short.toUnsignedInt(in.getShort());
          case 4 -> Integer.toUnsignedLong(in.getInt());
          default -> unsignedLong(in.getLong());
        };
        default -> switch (size) {
          case 1 -> in.get();
          case 2 -> in.getShort();
          case 4 -> in.getInt();
          default -> in.getLong();
        };
      };
    }
    return new NumericArray(shape, data);
  }

  private static double unsignedLong(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
  }
}
