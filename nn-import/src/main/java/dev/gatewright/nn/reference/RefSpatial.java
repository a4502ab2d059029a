package dev.gatewright.nn.reference;

import dev.gatewright.nn.reference.OnnxReference.Attrs;
import dev.gatewright.nn.reference.OnnxReference.RefTensor;
import java.util.Arrays;

/**
 * The reference's operators over NCHW (or NCW, N-dimensional) feature maps, written from the ONNX
 * specification: Conv (any group and dilation), MaxPool, GlobalAveragePool and constant Pad.
 */
final class RefSpatial {

  private RefSpatial() {}

  /** Geometry of one windowed operator: spatial sizes, kernel, strides, dilations, begin pads, output sizes. */
  private record Geometry(long[] in, long[] kernel, long[] strides, long[] dilations, long[] begin, long[] out) {}

  private static Geometry geometry(Attrs a, long[] inShape, long[] kernel, boolean ceil) {
    int n = inShape.length - 2;
    long[] in = Arrays.copyOfRange(inShape, 2, inShape.length);
    long[] strides = orOnes(a.ints("strides"), n);
    long[] dilations = orOnes(a.ints("dilations"), n);
    long[] pads = a.ints("pads") == null ? new long[2 * n] : a.ints("pads");
    String autoPad = a.s("auto_pad", "NOTSET");
    long[] begin = new long[n];
    long[] out = new long[n];
    for (int d = 0; d < n; d++) {
      long span = (kernel[d] - 1) * dilations[d] + 1;
      switch (autoPad) {
        case "SAME_UPPER", "SAME_LOWER" -> {
          out[d] = (in[d] + strides[d] - 1) / strides[d];
          long total = Math.max((out[d] - 1) * strides[d] + span - in[d], 0);
          begin[d] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
        }
        case "VALID" -> out[d] = (in[d] - span) / strides[d] + 1;
        case "NOTSET" -> {
          begin[d] = pads[d];
          long padded = in[d] + pads[d] + pads[n + d] - span;
          out[d] = (ceil ? Math.floorDiv(padded + strides[d] - 1, strides[d]) : Math.floorDiv(padded, strides[d])) + 1;
          if (ceil && (out[d] - 1) * strides[d] >= in[d] + pads[d]) {
            out[d]--; // the last window must start inside the input or its begin padding
          }
        }
        default -> throw new IllegalArgumentException("auto_pad " + autoPad);
      }
    }
    return new Geometry(in, kernel, strides, dilations, begin, out);
  }

  private static long[] orOnes(long[] values, int n) {
    if (values != null) {
      return values;
    }
    long[] ones = new long[n];
    Arrays.fill(ones, 1);
    return ones;
  }

  /** Calls {@code visit(outputFlat, inputFlatOrMinus1)} for each output position's window element. */
  private interface WindowVisitor {
    void visit(int outPosition, int kernelPosition, long inPosition);
  }

  private static void windows(Geometry g, WindowVisitor v) {
    int n = g.in.length;
    long outCount = RefTensor.count(g.out);
    long kernelCount = RefTensor.count(g.kernel);
    long[] o = new long[n];
    long[] k = new long[n];
    for (int op = 0; op < outCount; op++) {
      unflatten(op, g.out, o);
      for (int kp = 0; kp < kernelCount; kp++) {
        unflatten(kp, g.kernel, k);
        long flat = 0;
        for (int d = 0; d < n && flat >= 0; d++) {
          long at = o[d] * g.strides[d] - g.begin[d] + k[d] * g.dilations[d];
          flat = at < 0 || at >= g.in[d] ? -1 : flat * g.in[d] + at;
        }
        v.visit(op, kp, flat);
      }
    }
  }

  private static void unflatten(long index, long[] shape, long[] into) {
    for (int d = shape.length - 1; d >= 0; d--) {
      into[d] = index % shape[d];
      index /= shape[d];
    }
  }

  static RefTensor conv(RefTensor x, RefTensor w, RefTensor b, Attrs a) {
    long[] shape = x.shape();
    int group = (int) a.i("group", 1);
    int channels = (int) shape[1];
    int outputs = (int) w.shape()[0];
    int perGroup = channels / group;
    if (w.shape()[1] != perGroup || outputs % group != 0) {
      throw new IllegalArgumentException("weights " + Arrays.toString(w.shape()) + " for " + channels
          + " channels in " + group + " group(s)");
    }
    Geometry g = geometry(a, shape, Arrays.copyOfRange(w.shape(), 2, w.shape().length), false);
    int inPixels = (int) RefTensor.count(g.in);
    int outPixels = (int) RefTensor.count(g.out);
    int kernelSize = (int) RefTensor.count(g.kernel);
    double[] y = new double[outputs * outPixels];
    int outPerGroup = outputs / group;
    for (int o = 0; o < outputs; o++) {
      int first = (o / outPerGroup) * perGroup;
      double bias = b == null ? 0 : b.data()[o];
      int oo = o;
      Arrays.fill(y, o * outPixels, (o + 1) * outPixels, bias);
      windows(g, (op, kp, ip) -> {
        if (ip >= 0) {
          double sum = 0;
          for (int c = 0; c < perGroup; c++) {
            sum += w.data()[(oo * perGroup + c) * kernelSize + kp] * x.data()[(first + c) * inPixels + (int) ip];
          }
          y[oo * outPixels + op] += sum;
        }
      });
    }
    return new RefTensor(withSpatial(shape, outputs, g.out), y);
  }

  static RefTensor maxPool(RefTensor x, Attrs a) {
    long[] shape = x.shape();
    Geometry g = geometry(a, shape, a.ints("kernel_shape"), a.i("ceil_mode", 0) != 0);
    int channels = (int) shape[1];
    int inPixels = (int) RefTensor.count(g.in);
    int outPixels = (int) RefTensor.count(g.out);
    double[] y = new double[channels * outPixels];
    Arrays.fill(y, Double.NEGATIVE_INFINITY);
    for (int c = 0; c < channels; c++) {
      int cc = c;
      windows(g, (op, kp, ip) -> {
        if (ip >= 0) {
          y[cc * outPixels + op] = Math.max(y[cc * outPixels + op], x.data()[cc * inPixels + (int) ip]);
        }
      });
    }
    return new RefTensor(withSpatial(shape, channels, g.out), y);
  }

  static RefTensor globalAveragePool(RefTensor x) {
    long[] shape = x.shape();
    int channels = (int) shape[1];
    int pixels = (int) (RefTensor.count(shape) / shape[0] / channels);
    double[] y = new double[channels];
    for (int c = 0; c < channels; c++) {
      double sum = 0;
      for (int p = 0; p < pixels; p++) {
        sum += x.data()[c * pixels + p];
      }
      y[c] = sum / pixels;
    }
    long[] out = shape.clone();
    Arrays.fill(out, 2, out.length, 1);
    return new RefTensor(out, y);
  }

  /** Constant padding (opset 2 attributes or opset 11+ inputs). */
  static RefTensor pad(RefTensor x, RefTensor padsInput, RefTensor valueInput, Attrs a) {
    String mode = a.s("mode", "constant");
    if (!mode.equals("constant")) {
      throw new IllegalArgumentException("mode " + mode + " is not supported by the reference executor");
    }
    long[] pads = padsInput != null ? Arrays.stream(padsInput.data()).mapToLong(v -> (long) v).toArray()
        : a.ints("pads");
    double value = valueInput != null ? valueInput.data()[0] : a.f("value", 0);
    long[] shape = x.shape();
    int rank = shape.length;
    long[] out = new long[rank];
    for (int d = 0; d < rank; d++) {
      out[d] = shape[d] + pads[d] + pads[rank + d];
    }
    double[] y = new double[(int) RefTensor.count(out)];
    long[] index = new long[rank];
    for (int e = 0; e < y.length; e++) {
      unflatten(e, out, index);
      long flat = 0;
      for (int d = 0; d < rank && flat >= 0; d++) {
        long at = index[d] - pads[d];
        flat = at < 0 || at >= shape[d] ? -1 : flat * shape[d] + at;
      }
      y[e] = flat < 0 ? value : x.data()[(int) flat];
    }
    return new RefTensor(out, y);
  }

  private static long[] withSpatial(long[] inShape, int channels, long[] spatial) {
    long[] s = new long[2 + spatial.length];
    s[0] = inShape[0];
    s[1] = channels;
    System.arraycopy(spatial, 0, s, 2, spatial.length);
    return s;
  }
}
