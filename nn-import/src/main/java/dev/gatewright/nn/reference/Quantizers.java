package dev.gatewright.nn.reference;

import dev.gatewright.nn.reference.OnnxReference.Attrs;
import dev.gatewright.nn.reference.OnnxReference.RefTensor;
import java.util.List;

/** The QONNX and FINN quantizers as their specifications' sample implementations compute them, in double. */
final class Quantizers {

  private Quantizers() {}

  /** QONNX Quant (IntQuant): scale, add the zero point, clamp, round, subtract it, rescale. */
  static RefTensor quant(RefTensor x, RefTensor scale, RefTensor zero, RefTensor bits, boolean signed, boolean narrow,
      String mode) {
    int b = (int) bits.data()[0];
    double min = minInt(signed, narrow, b);
    double max = maxInt(signed, narrow, b);
    RefTensor scaled = RefOps.binary(RefOps.binary(x, scale, (v, s) -> v / s), zero, Double::sum);
    RefTensor clamped = new RefTensor(scaled.shape(), scaled.data().clone());
    for (int k = 0; k < clamped.size(); k++) {
      clamped.data()[k] = round(Math.min(Math.max(clamped.data()[k], min), max), mode);
    }
    RefTensor shifted = RefOps.binary(clamped, zero, (v, z) -> v - z);
    return RefOps.binary(shifted, scale, (v, s) -> v * s);
  }

  static double minInt(boolean signed, boolean narrow, int bits) {
    if (!signed) {
      return 0;
    }
    return -Math.pow(2, bits - 1) + (narrow ? 1 : 0);
  }

  static double maxInt(boolean signed, boolean narrow, int bits) {
    if (!signed) {
      return Math.pow(2, bits) - 1 - (narrow ? 1 : 0);
    }
    return Math.pow(2, bits - 1) - 1;
  }

  /** The QONNX rounding modes (ROUND is half to even; UP/DOWN away from/toward zero; HALF_* for ties). */
  static double round(double v, String mode) {
    double a = Math.abs(v);
    double sign = Math.signum(v);
    return switch (mode.toUpperCase(java.util.Locale.ROOT)) {
      case "ROUND" -> Math.rint(v);
      case "CEIL" -> Math.ceil(v);
      case "FLOOR" -> Math.floor(v);
      case "UP" -> sign * Math.ceil(a);
      case "DOWN", "ROUND_TO_ZERO" -> sign * Math.floor(a);
      case "HALF_UP" -> sign * Math.floor(a + 0.5);
      case "HALF_DOWN" -> sign * Math.ceil(a - 0.5);
      default -> throw new IllegalArgumentException("unknown rounding mode " + mode);
    };
  }

  /** QONNX Trunc, version 1 (5 inputs) or 2 (6 inputs, with the output scale). */
  static RefTensor trunc(RefTensor x, List<RefTensor> in, Attrs a) {
    boolean v2 = in.size() >= 6;
    double scale = in.get(1).data()[0];
    double zero = in.get(2).data()[0];
    int inBits = (int) in.get(3).data()[0];
    double outScale = v2 ? in.get(4).data()[0] : scale;
    int outBits = (int) in.get(v2 ? 5 : 4).data()[0];
    String mode = a.s("rounding_mode", "FLOOR");
    boolean signed = a.i("signed", 1) != 0;
    boolean narrow = a.i("narrow", 0) != 0;
    double truncScale = v2 ? Math.pow(2, Math.rint(Math.log(outScale / scale) / Math.log(2)))
        : Math.pow(2, inBits - outBits);
    double[] v = new double[x.size()];
    for (int k = 0; k < v.length; k++) {
      double y = Math.rint(x.data()[k] / scale + zero) / truncScale;
      if (v2) {
        y = Math.min(Math.max(y, minInt(signed, narrow, outBits)), maxInt(signed, narrow, outBits));
      }
      y = round(y, mode);
      v[k] = v2 ? (y - zero / truncScale) * outScale : (y - zero) * scale;
    }
    return new RefTensor(x.shape(), v);
  }

  /** FINN MultiThreshold: the count of thresholds reached, times out_scale, plus out_bias. */
  static RefTensor multiThreshold(RefTensor x, RefTensor thresholds, double outScale, double outBias, String layout) {
    long[] s = x.shape();
    boolean nhwc = layout.equals("NHWC") && s.length == 4;
    int channels = s.length < 2 ? 1 : (int) (nhwc ? s[3] : s[1]);
    int inner = 1;
    for (int d = nhwc ? 4 : 2; d < s.length; d++) {
      inner *= (int) s[d];
    }
    int steps = (int) thresholds.shape()[1];
    boolean global = thresholds.shape()[0] == 1;
    double[] v = new double[x.size()];
    for (int n = 0; n < v.length; n++) {
      int c = nhwc ? n % channels : (n / inner) % channels;
      int row = global ? 0 : c;
      int count = 0;
      for (int k = 0; k < steps; k++) {
        count += x.data()[n] >= thresholds.data()[row * steps + k] ? 1 : 0;
      }
      v[n] = outScale * count + outBias;
    }
    return new RefTensor(s, v);
  }
}
