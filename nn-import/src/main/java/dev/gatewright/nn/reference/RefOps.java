package dev.gatewright.nn.reference;

import dev.gatewright.nn.reference.OnnxReference.Attrs;
import dev.gatewright.nn.reference.OnnxReference.RefTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** The reference's operators, each written from its specification, in double precision. */
final class RefOps {

  private RefOps() {}

  static List<RefTensor> apply(String op, Attrs a, List<RefTensor> in) {
    RefTensor x = in.isEmpty() ? null : in.get(0);
    return switch (op) {
      case "Identity", "Cast" -> List.of(x);
      case "Dropout" -> List.of(x);
      case "Constant" -> List.of(constant(a));
      case "Shape" -> List.of(vector(Arrays.stream(x.shape()).asDoubleStream().toArray()));
      case "Reshape" -> List.of(new RefTensor(reshape(x.shape(), longs(in.get(1))), x.data()));
      case "Flatten" -> {
        long axis = a.i("axis", 1);
        int ax = (int) (axis < 0 ? axis + x.shape().length : axis);
        long outer = 1;
        for (int d = 0; d < ax; d++) {
          outer *= x.shape()[d];
        }
        yield List.of(new RefTensor(new long[] {outer, x.size() / Math.max(outer, 1)}, x.data()));
      }
      case "Squeeze" -> List.of(new RefTensor(squeeze(x.shape(), axes(a, in)), x.data()));
      case "Unsqueeze" -> List.of(new RefTensor(unsqueeze(x.shape(), axes(a, in)), x.data()));
      case "Transpose" -> List.of(transpose(x, a.ints("perm")));
      case "Concat" -> List.of(concat(in, a.i("axis", 0)));
      case "Gather" -> List.of(gather(x, in.get(1), a.i("axis", 0)));
      case "Add" -> List.of(binary(x, in.get(1), Double::sum));
      case "Sub" -> List.of(binary(x, in.get(1), (p, q) -> p - q));
      case "Mul" -> List.of(binary(x, in.get(1), (p, q) -> p * q));
      case "Div" -> List.of(binary(x, in.get(1), (p, q) -> p / q));
      case "Pow" -> List.of(binary(x, in.get(1), Math::pow));
      case "Sqrt" -> List.of(unary(x, Math::sqrt));
      case "Neg" -> List.of(unary(x, v -> -v));
      case "Relu" -> List.of(unary(x, v -> v > 0 ? v : 0));
      case "Sigmoid" -> List.of(unary(x, v -> 1 / (1 + Math.exp(-v))));
      case "Tanh" -> List.of(unary(x, Math::tanh));
      case "Sign" -> List.of(unary(x, Math::signum));
      case "Clip" -> {
        double low = in.size() > 1 && in.get(1) != null ? in.get(1).data()[0] : a.f("min", Double.NEGATIVE_INFINITY);
        double high = in.size() > 2 && in.get(2) != null ? in.get(2).data()[0] : a.f("max", Double.POSITIVE_INFINITY);
        yield List.of(unary(x, v -> Math.min(Math.max(v, low), high)));
      }
      case "Softmax", "LogSoftmax" -> List.of(softmax(x, a.i("axis", -1), op.equals("LogSoftmax")));
      case "ArgMax" -> List.of(argmax(x, a.i("axis", 0), a.i("keepdims", 1) != 0, a.i("select_last_index", 0) != 0));
      case "TopK" -> topK(x, (int) in.get(1).data()[0], a.i("axis", -1), a.i("largest", 1) != 0);
      case "MatMul" -> List.of(matmul(x, in.get(1)));
      case "Gemm" -> List.of(gemm(x, in.get(1), in.size() > 2 ? in.get(2) : null, a));
      case "Conv" -> List.of(RefSpatial.conv(x, in.get(1), in.size() > 2 ? in.get(2) : null, a));
      case "MaxPool" -> List.of(RefSpatial.maxPool(x, a));
      case "GlobalAveragePool" -> List.of(RefSpatial.globalAveragePool(x));
      case "Pad" -> List.of(RefSpatial.pad(x, in.size() > 1 ? in.get(1) : null, in.size() > 2 ? in.get(2) : null, a));
      case "BatchNormalization" -> List.of(batchNorm(x, in, a.f("epsilon", 1e-5)));
      case "Quant", "IntQuant" -> List.of(Quantizers.quant(x, in.get(1), in.get(2), in.get(3), a.i("signed", 1) != 0,
          a.i("narrow", 0) != 0, a.s("rounding_mode", "ROUND")));
      case "BipolarQuant" -> {
        RefTensor scale = in.get(1);
        yield List.of(binary(x, scale, (v, s) -> (v >= 0 ? 1 : -1) * s));
      }
      case "Trunc" -> List.of(Quantizers.trunc(x, in, a));
      case "MultiThreshold" -> List.of(Quantizers.multiThreshold(x, in.get(1), a.f("out_scale", 1), a.f("out_bias", 0),
          a.s("data_layout", "NCHW")));
      default -> throw new IllegalArgumentException("operator not supported by the reference executor");
    };
  }

  static RefTensor vector(double[] v) {
    return new RefTensor(new long[] {v.length}, v);
  }

  private static RefTensor constant(Attrs a) {
    if (a.has("value")) {
      return a.tensor("value");
    }
    if (a.has("value_float")) {
      return new RefTensor(new long[0], new double[] {a.f("value_float", 0)});
    }
    if (a.has("value_int")) {
      return new RefTensor(new long[0], new double[] {a.i("value_int", 0)});
    }
    if (a.has("value_floats")) {
      return vector(a.floats("value_floats"));
    }
    return vector(Arrays.stream(a.ints("value_ints")).asDoubleStream().toArray());
  }

  private static long[] longs(RefTensor t) {
    long[] v = new long[t.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = (long) t.data()[k];
    }
    return v;
  }

  private static long[] axes(Attrs a, List<RefTensor> in) {
    return in.size() > 1 && in.get(1) != null ? longs(in.get(1)) : a.ints("axes");
  }

  static long[] reshape(long[] from, long[] target) {
    long[] s = target.clone();
    long total = RefTensor.count(from);
    long known = 1;
    int infer = -1;
    for (int k = 0; k < s.length; k++) {
      if (s[k] == 0) {
        s[k] = from[k];
      }
      if (s[k] == -1) {
        infer = k;
      } else {
        known *= s[k];
      }
    }
    if (infer >= 0) {
      s[infer] = total / known;
    } else if (known != total && s.length > 0) {
      s[0] = total / (known / s[0]); // a batch size fixed at export: keep the sample count
    }
    return s;
  }

  private static long[] squeeze(long[] shape, long[] axes) {
    List<Long> s = new ArrayList<>();
    for (int k = 0; k < shape.length; k++) {
      boolean drop = false;
      if (axes == null) {
        drop = shape[k] == 1;
      } else {
        for (long ax : axes) {
          drop |= (ax < 0 ? ax + shape.length : ax) == k;
        }
      }
      if (!drop) {
        s.add(shape[k]);
      }
    }
    return s.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] unsqueeze(long[] shape, long[] axes) {
    int rank = shape.length + axes.length;
    boolean[] ins = new boolean[rank];
    for (long ax : axes) {
      ins[(int) (ax < 0 ? ax + rank : ax)] = true;
    }
    long[] s = new long[rank];
    for (int k = 0, j = 0; k < rank; k++) {
      s[k] = ins[k] ? 1 : shape[j++];
    }
    return s;
  }

  private static int[] strides(long[] shape) {
    int[] st = new int[shape.length];
    int s = 1;
    for (int k = shape.length - 1; k >= 0; k--) {
      st[k] = s;
      s *= (int) shape[k];
    }
    return st;
  }

  private static RefTensor transpose(RefTensor x, long[] perm) {
    int rank = x.shape().length;
    int[] p = new int[rank];
    for (int k = 0; k < rank; k++) {
      p[k] = perm == null ? rank - 1 - k : (int) perm[k];
    }
    long[] out = new long[rank];
    for (int k = 0; k < rank; k++) {
      out[k] = x.shape()[p[k]];
    }
    int[] st = strides(x.shape());
    double[] v = new double[x.size()];
    int[] idx = new int[rank];
    for (int n = 0; n < v.length; n++) {
      int src = 0;
      for (int d = 0; d < rank; d++) {
        src += idx[d] * st[p[d]];
      }
      v[n] = x.data()[src];
      for (int d = rank - 1; d >= 0; d--) {
        if (++idx[d] < out[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return new RefTensor(out, v);
  }

  private static RefTensor concat(List<RefTensor> parts, long axis) {
    int rank = parts.get(0).shape().length;
    int ax = (int) (axis < 0 ? axis + rank : axis);
    long[] shape = parts.get(0).shape().clone();
    shape[ax] = parts.stream().mapToLong(t -> t.shape()[ax]).sum();
    long outer = 1;
    for (int d = 0; d < ax; d++) {
      outer *= shape[d];
    }
    double[] v = new double[(int) RefTensor.count(shape)];
    int n = 0;
    for (int o = 0; o < outer; o++) {
      for (RefTensor t : parts) {
        int chunk = (int) (t.size() / outer);
        System.arraycopy(t.data(), o * chunk, v, n, chunk);
        n += chunk;
      }
    }
    return new RefTensor(shape, v);
  }

  private static RefTensor gather(RefTensor x, RefTensor indices, long axis) {
    long[] s = x.shape();
    int ax = (int) (axis < 0 ? axis + s.length : axis);
    int outer = 1;
    for (int d = 0; d < ax; d++) {
      outer *= (int) s[d];
    }
    int inner = 1;
    for (int d = ax + 1; d < s.length; d++) {
      inner *= (int) s[d];
    }
    List<Long> shape = new ArrayList<>();
    for (int d = 0; d < ax; d++) {
      shape.add(s[d]);
    }
    for (long d : indices.shape()) {
      shape.add(d);
    }
    for (int d = ax + 1; d < s.length; d++) {
      shape.add(s[d]);
    }
    double[] v = new double[outer * indices.size() * inner];
    int n = 0;
    for (int o = 0; o < outer; o++) {
      for (double id : indices.data()) {
        int j = (int) (id < 0 ? id + s[ax] : id);
        for (int i = 0; i < inner; i++) {
          v[n++] = x.data()[(o * (int) s[ax] + j) * inner + i];
        }
      }
    }
    return new RefTensor(shape.stream().mapToLong(Long::longValue).toArray(), v);
  }

  private static RefTensor unary(RefTensor x, DoubleUnaryOperator f) {
    double[] v = new double[x.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = f.applyAsDouble(x.data()[k]);
    }
    return new RefTensor(x.shape(), v);
  }

  /** Numpy-broadcast element-wise operation. */
  static RefTensor binary(RefTensor x, RefTensor y, DoubleBinaryOperator f) {
    long[] a = x.shape();
    long[] b = y.shape();
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int d = 0; d < rank; d++) {
      long da = d < rank - a.length ? 1 : a[d - rank + a.length];
      long db = d < rank - b.length ? 1 : b[d - rank + b.length];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
      }
      out[d] = Math.max(da, db);
    }
    int[] sa = broadcastStrides(a, rank);
    int[] sb = broadcastStrides(b, rank);
    double[] v = new double[(int) RefTensor.count(out)];
    int[] idx = new int[rank];
    for (int n = 0; n < v.length; n++) {
      int ia = 0;
      int ib = 0;
      for (int d = 0; d < rank; d++) {
        ia += idx[d] * sa[d];
        ib += idx[d] * sb[d];
      }
      v[n] = f.applyAsDouble(x.data()[ia], y.data()[ib]);
      for (int d = rank - 1; d >= 0; d--) {
        if (++idx[d] < out[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return new RefTensor(out, v);
  }

  private static int[] broadcastStrides(long[] shape, int rank) {
    int[] st = new int[rank];
    int s = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      st[d + rank - shape.length] = shape[d] == 1 ? 0 : s;
      s *= (int) shape[d];
    }
    return st;
  }

  private static RefTensor softmax(RefTensor x, long axis, boolean log) {
    long[] s = x.shape();
    int ax = (int) (axis < 0 ? axis + s.length : axis);
    int inner = 1;
    for (int d = ax + 1; d < s.length; d++) {
      inner *= (int) s[d];
    }
    int n = (int) s[ax];
    int outer = x.size() / (n * inner);
    double[] v = new double[x.size()];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
          max = Math.max(max, x.data()[(o * n + k) * inner + i]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += Math.exp(x.data()[(o * n + k) * inner + i] - max);
        }
        for (int k = 0; k < n; k++) {
          double d = x.data()[(o * n + k) * inner + i] - max;
          v[(o * n + k) * inner + i] = log ? d - Math.log(sum) : Math.exp(d) / sum;
        }
      }
    }
    return new RefTensor(s, v);
  }

  private static RefTensor argmax(RefTensor x, long axis, boolean keep, boolean last) {
    long[] s = x.shape();
    int ax = (int) (axis < 0 ? axis + s.length : axis);
    int inner = 1;
    for (int d = ax + 1; d < s.length; d++) {
      inner *= (int) s[d];
    }
    int n = (int) s[ax];
    int outer = x.size() / (n * inner);
    double[] v = new double[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = 0;
        for (int k = 1; k < n; k++) {
          double c = x.data()[(o * n + k) * inner + i];
          double b = x.data()[(o * n + best) * inner + i];
          if (c > b || (last && c == b)) {
            best = k;
          }
        }
        v[o * inner + i] = best;
      }
    }
    long[] shape = s.clone();
    shape[ax] = 1;
    return new RefTensor(keep ? shape : squeeze(shape, new long[] {ax}), v);
  }

  private static List<RefTensor> topK(RefTensor x, int k, long axis, boolean largest) {
    long[] s = x.shape();
    int ax = (int) (axis < 0 ? axis + s.length : axis);
    if (ax != s.length - 1) {
      throw new IllegalArgumentException("TopK only over the last axis");
    }
    int n = (int) s[ax];
    int outer = x.size() / n;
    double[] values = new double[outer * k];
    double[] indices = new double[outer * k];
    for (int o = 0; o < outer; o++) {
      Integer[] order = new Integer[n];
      for (int j = 0; j < n; j++) {
        order[j] = j;
      }
      final int base = o * n;
      // larger (or smaller) first; equal values keep the lower index first, as the spec requires
      Arrays.sort(order, (p, q) -> {
        int c = Double.compare(x.data()[base + q], x.data()[base + p]);
        return largest ? (c != 0 ? c : Integer.compare(p, q)) : (c != 0 ? -c : Integer.compare(p, q));
      });
      for (int j = 0; j < k; j++) {
        values[o * k + j] = x.data()[base + order[j]];
        indices[o * k + j] = order[j];
      }
    }
    long[] shape = s.clone();
    shape[ax] = k;
    return List.of(new RefTensor(shape, values), new RefTensor(shape, indices));
  }

  private static RefTensor matmul(RefTensor x, RefTensor w) {
    long[] s = x.shape();
    long[] ws = w.shape();
    if (ws.length != 2) {
      throw new IllegalArgumentException("MatMul with a weight of rank " + ws.length);
    }
    int k = (int) ws[0];
    int m = (int) ws[1];
    int rows = x.size() / k;
    double[] v = new double[rows * m];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < m; j++) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
          sum += x.data()[r * k + i] * w.data()[i * m + j];
        }
        v[r * m + j] = sum;
      }
    }
    long[] out = s.clone();
    out[out.length - 1] = m;
    return new RefTensor(out, v);
  }

  private static RefTensor gemm(RefTensor a, RefTensor b, RefTensor c, Attrs attrs) {
    RefTensor aa = attrs.i("transA", 0) != 0 ? transpose(a, null) : a;
    RefTensor bb = attrs.i("transB", 0) != 0 ? transpose(b, null) : b;
    double alpha = attrs.f("alpha", 1);
    double beta = attrs.f("beta", 1);
    RefTensor y = unary(matmul(aa, bb), v -> alpha * v);
    return c == null ? y : binary(y, unary(c, v -> beta * v), Double::sum);
  }

  private static RefTensor batchNorm(RefTensor x, List<RefTensor> in, double epsilon) {
    long[] s = x.shape();
    int count = in.get(1).size();
    // channels are dimension 1; old exporters' transposed [C, 1] tensors have them in dimension 0
    int axis = s.length >= 2 && s[1] == count ? 1 : s[0] == count && (s.length < 2 || s[1] == 1) ? 0 : 1;
    int channels = (int) s[axis];
    int inner = 1;
    for (int d = axis + 1; d < s.length; d++) {
      inner *= (int) s[d];
    }
    double[] v = new double[x.size()];
    for (int n = 0; n < v.length; n++) {
      int c = (n / inner) % channels;
      double g = in.get(1).data()[c];
      double b = in.get(2).data()[c];
      double mean = in.get(3).data()[c];
      double var = in.get(4).data()[c];
      v[n] = (x.data()[n] - mean) / Math.sqrt(var + epsilon) * g + b;
    }
    return new RefTensor(s, v);
  }
}
