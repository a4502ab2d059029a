package dev.gatewright.nn.imports.onnx;

import com.google.protobuf.ByteString;
import dev.gatewright.nn.imports.graph.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import onnx.OnnxMl.TensorProto;

/** Decodes ONNX {@code TensorProto}s, raw or typed, into {@link Tensor}s. */
final class OnnxTensors {

  private OnnxTensors() {}

  /** The tensor's values; fails with a message (no location) on data it cannot hold exactly. */
  static Tensor decode(TensorProto t) {
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      throw new IllegalArgumentException("tensor \"" + t.getName() + "\" keeps its data in an external file,"
          + " which is not supported (save the model with its data inside)");
    }
    long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    int n = Math.toIntExact(Tensor.count(shape));
    double[] v = new double[n];
    TensorProto.DataType type = TensorProto.DataType.forNumber(t.getDataType());
    if (type == null) {
      throw new IllegalArgumentException("tensor \"" + t.getName() + "\" has unknown data type " + t.getDataType());
    }
    ByteString raw = t.getRawData();
    boolean isRaw = !raw.isEmpty();
    ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    int stored = switch (type) {
      case FLOAT -> isRaw ? raw.size() / 4 : t.getFloatDataCount();
      case DOUBLE -> isRaw ? raw.size() / 8 : t.getDoubleDataCount();
      case INT64 -> isRaw ? raw.size() / 8 : t.getInt64DataCount();
      case UINT32, UINT64 -> isRaw ? raw.size() / (type == TensorProto.DataType.UINT32 ? 4 : 8) : t.getUint64DataCount();
      case INT32 -> isRaw ? raw.size() / 4 : t.getInt32DataCount();
      case INT16, UINT16, FLOAT16 -> isRaw ? raw.size() / 2 : t.getInt32DataCount();
      case INT8, UINT8, BOOL -> isRaw ? raw.size() : t.getInt32DataCount();
      default -> throw new IllegalArgumentException("tensor \"" + t.getName() + "\" has data type " + type
          + ", which is not supported");
    };
    if (stored != n) {
      throw new IllegalArgumentException("tensor \"" + t.getName() + "\" has shape " + t.getDimsList() + " ("
          + n + " values) but holds " + stored);
    }
    for (int i = 0; i < n; i++) {
      v[i] = switch (type) {
        case FLOAT -> isRaw ? b.getFloat() : t.getFloatData(i);
        case DOUBLE -> isRaw ? b.getDouble() : t.getDoubleData(i);
        case INT64 -> exact(isRaw ? b.getLong() : t.getInt64Data(i), t);
        case UINT32 -> isRaw ? Integer.toUnsignedLong(b.getInt()) : t.getUint64Data(i);
        case UINT64 -> exact(isRaw ? b.getLong() : t.getUint64Data(i), t);
        case INT32 -> isRaw ? b.getInt() : t.getInt32Data(i);
        case INT16 -> isRaw ? b.getShort() : (short) t.getInt32Data(i);
        case UINT16 -> isRaw ? Short.toUnsignedInt(b.getShort()) : t.getInt32Data(i) & 0xffff;
        case FLOAT16 -> halfToFloat(isRaw ? b.getShort() : (short) t.getInt32Data(i));
        case INT8 -> isRaw ? b.get() : (byte) t.getInt32Data(i);
        case UINT8 -> isRaw ? Byte.toUnsignedInt(b.get()) : t.getInt32Data(i) & 0xff;
        case BOOL -> (isRaw ? b.get() : t.getInt32Data(i)) != 0 ? 1 : 0;
        default -> throw new IllegalStateException();
      };
    }
    return new Tensor(shape, v);
  }

  /** IEEE 754 binary16 to float, exactly. */
  static float halfToFloat(short bits) {
    int sign = (bits >> 15) & 1;
    int exponent = (bits >> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    float magnitude;
    if (exponent == 0) {
      magnitude = Math.scalb((float) mantissa, -24);
    } else if (exponent == 31) {
      magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      magnitude = Math.scalb((float) (mantissa | 0x400), exponent - 25);
    }
    return sign == 1 ? -magnitude : magnitude;
  }

  private static double exact(long value, TensorProto t) {
    if (Math.abs(value) > (1L << 53)) {
      throw new IllegalArgumentException("tensor \"" + t.getName() + "\" holds " + value
          + ", too large to compute with exactly");
    }
    return value;
  }
}
