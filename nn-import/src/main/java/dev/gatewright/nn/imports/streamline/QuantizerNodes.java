package dev.gatewright.nn.imports.streamline;

import dev.gatewright.nn.imports.graph.Node;
import dev.gatewright.nn.imports.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The per-element {@link Quantization}s of QONNX/FINN quantizer nodes, with their constants broadcast. */
final class QuantizerNodes {

  private final Streamliner s;

  QuantizerNodes(Streamliner s) {
    this.s = s;
  }

  Quantization[] intQuant(Node node, Flow f) {
    double[] scale = Tensors.broadcast(s.constant(node, 1), f.shape());
    double[] zero = Tensors.broadcast(s.constant(node, 2), f.shape());
    int bits = bits(node, s.constant(node, 3));
    boolean signed = Attributes.integer(node, "signed", 1) != 0;
    boolean narrow = Attributes.integer(node, "narrow", 0) != 0;
    Quantization.Mode mode = Quantization.Mode.parse(Attributes.string(node, "rounding_mode", "ROUND"));
    Quantization[] q = new Quantization[f.size()];
    for (int e = 0; e < q.length; e++) {
      q[e] = new Quantization.IntQuant(Rational.of(scale[e]), Rational.of(zero[e]), bits, signed, narrow, mode);
    }
    return intern(q);
  }

  Quantization[] trunc(Node node, Flow f) {
    boolean v2 = node.inputs().size() >= 6;
    double[] scale = Tensors.broadcast(s.constant(node, 1), f.shape());
    double[] zero = Tensors.broadcast(s.constant(node, 2), f.shape());
    int inBits = bits(node, s.constant(node, 3));
    double[] outScale = v2 ? Tensors.broadcast(s.constant(node, 4), f.shape()) : scale;
    int outBits = bits(node, s.constant(node, v2 ? 5 : 4));
    boolean signed = Attributes.integer(node, "signed", 1) != 0;
    boolean narrow = Attributes.integer(node, "narrow", 0) != 0;
    Quantization.Mode mode = Quantization.Mode.parse(Attributes.string(node, "rounding_mode", "FLOOR"));
    Quantization[] q = new Quantization[f.size()];
    for (int e = 0; e < q.length; e++) {
      int shift = v2 ? (int) Math.round(Math.log(outScale[e] / scale[e]) / Math.log(2)) : inBits - outBits;
      Rational zp = Rational.of(zero[e]);
      q[e] = new Quantization.Trunc(Rational.of(scale[e]), zp, shift, outBits, signed, narrow, Rational.of(outScale[e]),
          v2 ? zp.shift(-shift) : zp, mode);
    }
    return intern(q);
  }

  Quantization[] multiThreshold(Node node, Flow f) {
    Tensor t = s.constant(node, 1);
    if (t.rank() != 2) {
      throw s.error(node, "thresholds must be a matrix [channels, steps], not of shape " + Arrays.toString(t.shape()));
    }
    long[] shape = f.shape();
    boolean nhwc = Attributes.string(node, "data_layout", "NCHW").equals("NHWC") && shape.length == 4;
    int channels = shape.length < 2 ? 1 : (int) (nhwc ? shape[3] : shape[1]);
    int steps = (int) t.dim(1);
    if (t.dim(0) != 1 && t.dim(0) != channels) {
      throw s.error(node, t.dim(0) + " threshold rows for " + channels + " channels");
    }
    Rational outScale = Rational.of(Attributes.real(node, "out_scale", 1));
    Rational outBias = Rational.of(Attributes.real(node, "out_bias", 0));
    if (outScale.signum() <= 0) {
      throw s.error(node, "out_scale " + outScale + " must be > 0");
    }
    List<Quantization> perChannel = new ArrayList<>();
    for (int c = 0; c < (t.dim(0) == 1 ? 1 : channels); c++) {
      List<Rational> row = new ArrayList<>();
      for (int k = 0; k < steps; k++) {
        row.add(Rational.of(t.get(c * steps + k)));
      }
      row.sort(null);
      perChannel.add(new Quantization.MultiThreshold(row, outScale, outBias));
    }
    int inner = 1;
    for (int d = nhwc ? 4 : 2; d < shape.length; d++) {
      inner *= (int) shape[d];
    }
    Quantization[] q = new Quantization[f.size()];
    for (int e = 0; e < q.length; e++) {
      int c = nhwc ? e % channels : (e / inner) % channels;
      q[e] = perChannel.get(perChannel.size() == 1 ? 0 : c);
    }
    return q;
  }

  private int bits(Node node, Tensor t) {
    double b = t.scalarValue();
    if (b != Math.rint(b) || b < 1 || b > 32) {
      throw s.error(node, "bit width " + b + " is not an integer in 1..32");
    }
    return (int) b;
  }

  /** Equal quantizers as one instance, so per-element work is done once per distinct quantizer. */
  private static Quantization[] intern(Quantization[] q) {
    java.util.Map<Quantization, Quantization> seen = new java.util.HashMap<>();
    for (int e = 0; e < q.length; e++) {
      q[e] = seen.computeIfAbsent(q[e], x -> x);
    }
    return q;
  }

  static Quantization[] fill(int n, Quantization q) {
    Quantization[] a = new Quantization[n];
    Arrays.fill(a, q);
    return a;
  }
}
