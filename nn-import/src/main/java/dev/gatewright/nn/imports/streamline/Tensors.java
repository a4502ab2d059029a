package dev.gatewright.nn.imports.streamline;

import dev.gatewright.nn.imports.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/** Shape arithmetic and the few operations the streamliner evaluates on constant tensors. */
final class Tensors {

  private Tensors() {}

  /** Numpy broadcasting of two shapes. */
  static long[] broadcastShape(long[] a, long[] b) {
    int rank = Math.max(a.length, b.length);
    long[] s = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
            + " do not broadcast");
      }
      s[i] = da == 1 ? db : da;
    }
    return s;
  }

  /** The values of {@code t} broadcast to {@code shape} (which must contain its broadcast), row-major. */
  static double[] broadcast(Tensor t, long[] shape) {
    long[] ts = t.shape();
    if (ts.length > shape.length) {
      // leading ones of the constant beyond the target's rank are harmless
      for (int i = 0; i < ts.length - shape.length; i++) {
        if (ts[i] != 1) {
          throw new IllegalArgumentException("shape " + Arrays.toString(ts) + " does not broadcast to "
              + Arrays.toString(shape));
        }
      }
      ts = Arrays.copyOfRange(ts, ts.length - shape.length, ts.length);
    }
    int rank = shape.length;
    int offset = rank - ts.length;
    for (int i = 0; i < ts.length; i++) {
      if (ts[i] != 1 && ts[i] != shape[offset + i]) {
        throw new IllegalArgumentException("shape " + Arrays.toString(t.shape()) + " does not broadcast to "
            + Arrays.toString(shape));
      }
    }
    int n = Math.toIntExact(Tensor.count(shape));
    double[] out = new double[n];
    long[] strides = new long[rank];
    long stride = 1;
    for (int i = ts.length - 1; i >= 0; i--) {
      strides[offset + i] = ts[i] == 1 ? 0 : stride;
      stride *= ts[i];
    }
    long[] index = new long[rank];
    for (int k = 0; k < n; k++) {
      long src = 0;
      for (int d = 0; d < rank; d++) {
        src += index[d] * strides[d];
      }
      out[k] = t.get((int) src);
      for (int d = rank - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          break;
        }
        index[d] = 0;
      }
    }
    return out;
  }

  static Tensor elementwise(Tensor a, Tensor b, DoubleBinaryOperator op) {
    long[] shape = broadcastShape(a.shape(), b.shape());
    double[] x = broadcast(a, shape);
    double[] y = broadcast(b, shape);
    double[] z = new double[x.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = op.applyAsDouble(x[i], y[i]);
    }
    return new Tensor(shape, z);
  }

  /** ONNX Reshape's target shape: 0 copies the input's dimension, -1 is inferred. */
  static long[] reshape(long[] from, long[] target) {
    long[] s = target.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == 0) {
        s[i] = from[i];
      }
      if (s[i] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException("two -1 dimensions in " + Arrays.toString(target));
        }
        infer = i;
      } else {
        known *= s[i];
      }
    }
    long total = Tensor.count(from);
    if (infer >= 0) {
      if (known == 0 || total % known != 0) {
        throw new IllegalArgumentException("cannot reshape " + Arrays.toString(from) + " to " + Arrays.toString(target));
      }
      s[infer] = total / known;
    } else if (known != total) {
      throw new IllegalArgumentException("cannot reshape " + Arrays.toString(from) + " to " + Arrays.toString(target));
    }
    return s;
  }

  static long[] flatten(long[] from, int axis) {
    int a = axis < 0 ? axis + from.length : axis;
    long outer = 1;
    long inner = 1;
    for (int i = 0; i < from.length; i++) {
      if (i < a) {
        outer *= from[i];
      } else {
        inner *= from[i];
      }
    }
    return new long[] {outer, inner};
  }

  static long[] squeeze(long[] from, long[] axes) {
    List<Long> s = new ArrayList<>();
    for (int i = 0; i < from.length; i++) {
      boolean drop = false;
      if (axes == null) {
        drop = from[i] == 1;
      } else {
        for (long a : axes) {
          drop |= (a < 0 ? a + from.length : a) == i;
        }
      }
      if (drop && from[i] != 1) {
        throw new IllegalArgumentException("cannot squeeze dimension " + i + " of size " + from[i]);
      }
      if (!drop) {
        s.add(from[i]);
      }
    }
    return s.stream().mapToLong(Long::longValue).toArray();
  }

  static long[] unsqueeze(long[] from, long[] axes) {
    int rank = from.length + axes.length;
    boolean[] inserted = new boolean[rank];
    for (long a : axes) {
      inserted[(int) (a < 0 ? a + rank : a)] = true;
    }
    long[] s = new long[rank];
    int k = 0;
    for (int i = 0; i < rank; i++) {
      s[i] = inserted[i] ? 1 : from[k++];
    }
    return s;
  }

  /** Transpose of a constant; {@code perm} null reverses the axes. */
  static Tensor transpose(Tensor t, long[] perm) {
    int rank = t.rank();
    int[] p = new int[rank];
    for (int i = 0; i < rank; i++) {
      p[i] = perm == null ? rank - 1 - i : (int) perm[i];
    }
    long[] shape = t.shape();
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      out[i] = shape[p[i]];
    }
    long[] inStrides = strides(shape);
    double[] v = new double[t.size()];
    long[] index = new long[rank];
    for (int k = 0; k < v.length; k++) {
      long src = 0;
      for (int d = 0; d < rank; d++) {
        src += index[d] * inStrides[p[d]];
      }
      v[k] = t.get((int) src);
      for (int d = rank - 1; d >= 0; d--) {
        if (++index[d] < out[d]) {
          break;
        }
        index[d] = 0;
      }
    }
    return new Tensor(out, v);
  }

  /** Whether a transpose only moves dimensions of size 1 (so the row-major order of elements is kept). */
  static boolean keepsOrder(long[] shape, long[] perm) {
    int last = -1;
    for (long p : perm) {
      if (shape[(int) p] != 1) {
        if (p < last) {
          return false;
        }
        last = (int) p;
      }
    }
    return true;
  }

  static long[] strides(long[] shape) {
    long[] s = new long[shape.length];
    long stride = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = stride;
      stride *= shape[i];
    }
    return s;
  }

  static Tensor concat(List<Tensor> parts, int axis) {
    Tensor first = parts.get(0);
    int rank = first.rank();
    int a = axis < 0 ? axis + rank : axis;
    long[] shape = first.shape();
    long total = 0;
    for (Tensor t : parts) {
      total += t.dim(a);
    }
    shape[a] = total;
    long outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= shape[i];
    }
    List<Double> v = new ArrayList<>();
    for (long o = 0; o < outer; o++) {
      for (Tensor t : parts) {
        long chunk = t.size() / outer;
        for (long j = 0; j < chunk; j++) {
          v.add(t.get((int) (o * chunk + j)));
        }
      }
    }
    return new Tensor(shape, v.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static Tensor gather(Tensor data, Tensor indices, int axis) {
    long[] ds = data.shape();
    int a = axis < 0 ? axis + ds.length : axis;
    long[] idx = indices.longs();
    long outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= ds[i];
    }
    long inner = 1;
    for (int i = a + 1; i < ds.length; i++) {
      inner *= ds[i];
    }
    List<Long> shape = new ArrayList<>();
    for (int i = 0; i < a; i++) {
      shape.add(ds[i]);
    }
    for (long d : indices.shape()) {
      shape.add(d);
    }
    for (int i = a + 1; i < ds.length; i++) {
      shape.add(ds[i]);
    }
    double[] v = new double[Math.toIntExact(outer * idx.length * inner)];
    int k = 0;
    for (long o = 0; o < outer; o++) {
      for (long i : idx) {
        long j = i < 0 ? i + ds[a] : i;
        for (long in = 0; in < inner; in++) {
          v[k++] = data.get((int) ((o * ds[a] + j) * inner + in));
        }
      }
    }
    return new Tensor(shape.stream().mapToLong(Long::longValue).toArray(), v);
  }
}
