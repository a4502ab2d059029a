package dev.gatewright.nn.imports.streamline;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.nn.FeatureMap;
import dev.gatewright.nn.Window;
import dev.gatewright.nn.LookupTable;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.imports.graph.Node;
import dev.gatewright.nn.imports.graph.Tensor;
import dev.gatewright.nn.imports.onnx.OnnxReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What each operator does to the flowing value (see {@link Streamliner}). */
final class Ops {

  private final Streamliner s;
  private final QuantizerNodes quantizers;
  private final SpatialOps spatial;

  Ops(Streamliner s) {
    this.s = s;
    this.quantizers = new QuantizerNodes(s);
    this.spatial = new SpatialOps(s, this);
  }

  /** The standard operators the streamliner handles (constant-only nodes may use a few more). */
  static final java.util.Set<String> STANDARD = java.util.Set.of("Identity", "Dropout", "Reshape", "Flatten", "Squeeze",
      "Unsqueeze", "Transpose", "Add", "Sub", "Mul", "Div", "BatchNormalization", "Relu", "Clip", "Sigmoid", "Tanh",
      "Sign", "Softmax", "LogSoftmax", "ArgMax", "TopK", "MatMul", "Gemm", "Shape", "Gather", "Concat", "Cast", "Pow",
      "Sqrt", "Neg", "Reciprocal", "Conv", "MaxPool", "GlobalAveragePool", "Pad");
  /** The QONNX/FINN operators it handles. */
  static final java.util.Set<String> CUSTOM = java.util.Set.of("Quant", "IntQuant", "BipolarQuant", "Trunc",
      "MultiThreshold");

  Flow apply(Node node, Flow f, int dynamicInput) {
    String op = node.opType();
    if (f.pads() != null && !op.equals("Conv") && !op.equals("Pad")) {
      throw s.error(node, "follows a Pad; zero padding is taken up by a Conv directly after it, and only there");
    }
    if (!OnnxReader.isStandard(node.domain())) {
      return custom(node, f, dynamicInput);
    }
    if (dynamicInput != 0 && !op.equals("Add") && !op.equals("Mul") && !op.equals("Sub")) {
      throw s.error(node, "the computed value must be its first input");
    }
    return switch (op) {
      case "Identity", "Dropout" -> f;
      case "Reshape" -> f.withShape(reshape(f.shape(), s.constant(node, 1).longs()));
      case "Flatten" -> f.withShape(Tensors.flatten(f.shape(), (int) Attributes.integer(node, "axis", 1)));
      case "Squeeze" -> f.withShape(Tensors.squeeze(f.shape(), axes(node)));
      case "Unsqueeze" -> f.withShape(Tensors.unsqueeze(f.shape(), axes(node)));
      case "Transpose" -> transpose(node, f);
      case "Add", "Sub", "Mul", "Div" -> arithmetic(node, f, dynamicInput);
      case "BatchNormalization" -> batchNorm(node, f);
      case "Relu" -> monotone(node, f, new Chain.Relu());
      case "Clip" -> monotone(node, f, clip(node));
      case "Sigmoid" -> monotone(node, f, new Chain.Curve("sigmoid"));
      case "Tanh" -> monotone(node, f, new Chain.Curve("tanh"));
      case "Sign" -> quantize(node, f, QuantizerNodes.fill(f.size(), new Quantization.Sign()));
      case "Softmax", "LogSoftmax" -> {
        s.finish(node);
        s.notes().add(node.name() + " (" + op + "): dropped; the network outputs the values before it, which order"
            + " the classes the same (a monotone function of each score)");
        yield f;
      }
      case "ArgMax" -> argmax(node, f);
      case "TopK" -> topK(node, f);
      case "MatMul" -> matmul(node, f, s.constant(node, 1), false, 1, null);
      case "Gemm" -> gemm(node, f);
      case "Conv" -> spatial.conv(node, f);
      case "MaxPool" -> spatial.maxPool(node, f);
      case "GlobalAveragePool" -> spatial.globalAveragePool(node, f);
      case "Pad" -> spatial.pad(node, f);
      default -> throw s.error(node, "unsupported operator (supported: MatMul, Gemm, Conv, MaxPool, GlobalAveragePool,"
          + " Pad, Add, Sub, Mul, Div by constants,"
          + " BatchNormalization, Relu, Clip, Sign, Sigmoid, Tanh, Softmax, ArgMax, TopK, Reshape, Flatten, Transpose,"
          + " Squeeze, Unsqueeze, Identity, Dropout, and QONNX/FINN Quant, BipolarQuant, Trunc, MultiThreshold)");
    };
  }

  private Flow custom(Node node, Flow f, int dynamicInput) {
    String op = node.opType();
    String domain = node.domain().toLowerCase(Locale.ROOT);
    if (!domain.contains("finn") && !domain.contains("qonnx") && !domain.contains("brevitas")) {
      throw s.error(node, "operator of unknown domain \"" + node.domain() + "\"");
    }
    if (dynamicInput != 0) {
      throw s.error(node, "the computed value must be its first input");
    }
    return switch (op) {
      case "Quant", "IntQuant" -> quantize(node, f, quantizers.intQuant(node, f));
      case "BipolarQuant" -> {
        double[] scale = Tensors.broadcast(s.constant(node, 1), f.shape());
        Quantization[] q = new Quantization[f.size()];
        for (int e = 0; e < q.length; e++) {
          q[e] = new Quantization.Bipolar(Rational.of(scale[e]));
        }
        yield quantize(node, f, q);
      }
      case "Trunc" -> quantize(node, f, quantizers.trunc(node, f));
      case "MultiThreshold" -> quantize(node, f, quantizers.multiThreshold(node, f));
      default -> throw s.error(node, "unsupported QONNX/FINN operator (supported: Quant, IntQuant, BipolarQuant,"
          + " Trunc, MultiThreshold)");
    };
  }

  // ---------------------------------------------------------------- shapes

  private static long[] reshape(long[] from, long[] target) {
    long[] t = target.clone();
    if (t.length > 0 && t[0] > 1 && Tensor.count(from) % t[0] != 0) {
      t[0] = 1; // a batch size fixed at export
    }
    return Tensors.reshape(from, t);
  }

  private long[] axes(Node node) {
    if (s.hasInput(node, 1)) {
      return s.constant(node, 1).longs();
    }
    long[] axes = Attributes.longs(node, "axes", null);
    if (axes == null && node.opType().equals("Unsqueeze")) {
      throw new IllegalArgumentException("Unsqueeze needs axes");
    }
    return axes;
  }

  /** A transpose moves no value: the network keeps its order and the flow records where each element is. */
  private Flow transpose(Node node, Flow f) {
    long[] perm = Attributes.longs(node, "perm", null);
    long[] shape = f.shape();
    if (perm != null && perm.length != shape.length) {
      throw s.error(node, "perm " + Arrays.toString(perm) + " does not permute the " + shape.length + " axes of "
          + Arrays.toString(shape));
    }
    double[] index = new double[f.size()];
    for (int e = 0; e < index.length; e++) {
      index[e] = e;
    }
    Tensor moved = Tensors.transpose(new Tensor(shape, index), perm);
    int[] from = new int[index.length];
    for (int e = 0; e < from.length; e++) {
      from[e] = (int) moved.get(e);
    }
    return f.permuted(moved.shape(), from);
  }

  // ---------------------------------------------------------------- element-wise affine

  private Flow arithmetic(Node node, Flow f, int dynamicInput) {
    Tensor c = s.constant(node, 1 - dynamicInput);
    long[] shape = Tensors.broadcastShape(f.shape(), c.shape());
    if (Tensor.count(shape) != Tensor.count(f.shape())) {
      throw s.error(node, "the constant of shape " + Arrays.toString(c.shape()) + " would broadcast the computed value "
          + Arrays.toString(f.shape()) + " to " + Arrays.toString(shape));
    }
    double[] v = f.inNetworkOrder(Tensors.broadcast(c, f.shape()));
    Chain[] chains = f.chains();
    for (int e = 0; e < chains.length; e++) {
      Rational k = Rational.of(v[e]);
      Chain.Affine step = switch (node.opType()) {
        case "Add" -> new Chain.Affine(Rational.ONE, k);
        case "Sub" -> dynamicInput == 0 ? new Chain.Affine(Rational.ONE, k.negate())
            : new Chain.Affine(Rational.ONE.negate(), k);
        case "Mul" -> new Chain.Affine(k, Rational.ZERO);
        default -> {
          if (dynamicInput != 0) {
            throw s.error(node, "dividing a constant by the computed value is not supported");
          }
          if (k.signum() == 0) {
            throw s.error(node, "division by zero");
          }
          yield new Chain.Affine(Rational.ONE.divide(k), Rational.ZERO);
        }
      };
      chains[e] = chains[e].then(step);
    }
    return f.withChains(chains);
  }

  private Flow batchNorm(Node node, Flow f) {
    double epsilon = Attributes.real(node, "epsilon", 1e-5);
    Tensor gamma = s.constant(node, 1);
    Tensor beta = s.constant(node, 2);
    Tensor mean = s.constant(node, 3);
    Tensor variance = s.constant(node, 4);
    long[] shape = f.shape();
    int axis = channelAxis(shape, gamma.size());
    if (axis < 0) {
      throw s.error(node, "its " + gamma.size() + " channels match no dimension of " + Arrays.toString(shape));
    }
    int channels = (int) shape[axis];
    int inner = 1;
    for (int d = axis + 1; d < shape.length; d++) {
      inner *= (int) shape[d];
    }
    Rational[] mul = new Rational[channels];
    Rational[] add = new Rational[channels];
    for (int c = 0; c < channels; c++) {
      double g = gamma.get(gamma.size() == 1 ? 0 : c);
      double root = Math.sqrt(variance.get(variance.size() == 1 ? 0 : c) + epsilon);
      // the square root is the one inexact step, rounded once as a float model does; the rest is exact
      mul[c] = Rational.of(g).divide(Rational.of(root));
      add[c] = Rational.of(beta.get(beta.size() == 1 ? 0 : c))
          .subtract(Rational.of(mean.get(mean.size() == 1 ? 0 : c)).multiply(mul[c]));
    }
    Chain[] chains = f.chains();
    for (int e = 0; e < chains.length; e++) {
      int c = (e / inner) % channels;
      chains[f.position(e)] = chains[f.position(e)].then(new Chain.Affine(mul[c], add[c]));
    }
    return f.withChains(chains);
  }

  /**
   * Dimension 1 holds the channels, as ONNX says; an old exporter's transposed {@code [C, 1]} tensor has
   * them in dimension 0 (the reference executor reads such models the same way).
   */
  static int channelAxis(long[] shape, int channels) {
    if (shape.length >= 2 && shape[1] == channels) {
      return 1;
    }
    if (shape.length >= 1 && shape[0] == channels && (shape.length < 2 || shape[1] == 1)) {
      return 0;
    }
    return channels == 1 && shape.length >= 2 ? 1 : -1;
  }

  private Chain.Clip clip(Node node) {
    Rational low = null;
    Rational high = null;
    if (s.hasInput(node, 1)) {
      low = Rational.of(s.constant(node, 1).scalarValue());
    } else if (node.attributes().containsKey("min")) {
      low = Rational.of(Attributes.real(node, "min", 0));
    }
    if (s.hasInput(node, 2)) {
      high = Rational.of(s.constant(node, 2).scalarValue());
    } else if (node.attributes().containsKey("max")) {
      high = Rational.of(Attributes.real(node, "max", 0));
    }
    return new Chain.Clip(low, high);
  }

  // ---------------------------------------------------------------- monotone functions and activations

  private Flow monotone(Node node, Flow f, Chain.Step step) {
    Chain[] chains = f.chains();
    for (int e = 0; e < chains.length; e++) {
      chains[e] = chains[e].then(step);
    }
    Flow next = f.withChains(chains);
    if (f.exact()) {
      return next; // kept for the quantizer after it, which makes it exact
    }
    // a float part of the model: the activation becomes a layer now, at the precision configuration's types
    Flow layer = s.toLayer(node, f, node.layer());
    Chain[] c = layer.chains();
    for (int e = 0; e < c.length; e++) {
      c[e] = c[e].then(step);
    }
    return materializeActivations(node, layer.withChains(c));
  }

  /**
   * Builds the non-affine steps still pending on a built layer's output as activation layers: a ReLU (or a
   * clip at 0 and a ceiling) of a positively scaled value, or a table-based sigmoid/tanh. Exact for ReLU and
   * clips; tables follow the precision configuration and are noted as approximations.
   */
  Flow materializeActivations(Node node, Flow f) {
    Network.Builder net = s.layers().network();
    Chain[] chains = f.chains();
    while (!Arrays.stream(chains).allMatch(Chain::isAffine)) {
      Rational[] scale = new Rational[chains.length];
      Chain.Step step = null;
      Chain[] rest = new Chain[chains.length];
      for (int e = 0; e < chains.length; e++) {
        List<Chain.Step> steps = chains[e].steps();
        int k = 0;
        scale[e] = Rational.ONE;
        if (steps.get(0) instanceof Chain.Affine a) {
          if (a.add().signum() != 0 || a.mul().signum() <= 0) {
            throw s.error(node, "a " + (steps.size() > 1 ? describe(steps.get(1)) : "function") + " of a value with offset " + a.add() + " and scale "
                + a.mul() + " has no exact form without a quantizer after it");
          }
          scale[e] = a.mul();
          k = 1;
        }
        Chain.Step here = k < steps.size() ? steps.get(k) : null;
        if (here == null) {
          throw s.error(node, "the elements need different activations");
        }
        if (step == null) {
          step = here;
        } else if (!step.equals(here)) {
          throw s.error(node, "the elements need different activations (" + describe(step) + ", " + describe(here)
              + ")");
        }
        rest[e] = new Chain(steps.subList(k + 1, steps.size()));
      }
      FixedType in = s.layers().type();
      boolean uniformScale = Arrays.stream(scale).allMatch(scale[0]::equals);
      Quantizer result = f.exact() ? Quantizer.of(in) : s.precision().result(node.layer());
      String name = s.layers().unique(node.layer());
      if (step instanceof Chain.Relu) {
        net.named(name).relu(result);
      } else if (step instanceof Chain.Clip c && uniformScale && c.low() != null && c.low().signum() == 0
          && c.high() != null) {
        net.named(name).clippedRelu(c.high().divide(scale[0]).doubleValue(), result);
        if (!c.high().divide(scale[0]).shift(in.fraction()).isInteger()) {
          throw s.error(node, "clip ceiling " + c.high() + " is not a value of " + in);
        }
      } else if (step instanceof Chain.Curve curve && Arrays.stream(scale).allMatch(Rational.ONE::equals)) {
        int size = s.precision().tableSize(node.layer());
        FixedType type = s.precision().table(node.layer()).type();
        boolean sigmoid = curve.function().equals("sigmoid");
        LookupTable table = sigmoid ? new LookupTable(size, -8, 8, type) : new LookupTable(size, -4, 4, type);
        if (sigmoid) {
          net.named(name).sigmoid(table);
        } else {
          net.named(name).tanh(table);
        }
        s.notes().add(node.name() + " (" + node.opType() + "): " + curve.function() + " by a table " + table
            + " (approximates the model)");
      } else {
        throw s.error(node, "a " + describe(step) + " here has no exact form without a quantizer after it");
      }
      if (!f.exact() && !(step instanceof Chain.Curve)) {
        s.notes().add(node.name() + " (" + node.opType() + "): activation layer " + name + " with result " + result);
      }
      for (int e = 0; e < chains.length; e++) {
        Chain c = Chain.affine(scale[e], Rational.ZERO);
        for (Chain.Step r : rest[e].steps()) {
          c = c.then(r);
        }
        chains[e] = c;
      }
    }
    return f.withChains(chains);
  }

  private static String describe(Chain.Step step) {
    return step instanceof Chain.Relu ? "ReLU" : step instanceof Chain.Clip ? "clip"
        : step instanceof Chain.Curve c ? c.function() : "affine step";
  }

  private Flow argmax(Node node, Flow f) {
    long axis = Attributes.integer(node, "axis", 0);
    if (Attributes.integer(node, "select_last_index", 0) != 0) {
      throw s.error(node, "select_last_index = 1 is not supported (the network's argmax picks the first largest)");
    }
    return classIndex(node, f, axis);
  }

  private Flow topK(Node node, Flow f) {
    long k = (long) s.constant(node, 1).scalarValue();
    if (k != 1 || Attributes.integer(node, "largest", 1) != 1) {
      throw s.error(node, "only TopK with k = 1 and largest = 1 (an argmax) is supported");
    }
    Flow result = classIndex(node, f, Attributes.integer(node, "axis", -1));
    if (node.outputs().size() > 1) {
      s.putFlow(node.outputs().get(1), result);
    }
    return null;
  }

  private Flow classIndex(Node node, Flow f, long axis) {
    if (f.order() != null) {
      throw s.error(node, "the values compared are a feature map the network holds channels-last, so the index of"
          + " the largest would not be the model's; transpose it to NHWC (or flatten it into a dense layer) first");
    }
    long[] shape = f.shape();
    int a = (int) (axis < 0 ? axis + shape.length : axis);
    for (int d = 1; d < shape.length; d++) {
      if (d != a && shape[d] != 1) {
        throw s.error(node, "argmax over axis " + axis + " of " + Arrays.toString(shape) + " is not over all values");
      }
    }
    Flow layer = s.toLayer(node, f, node.layer());
    if (!layer.isAffine()) {
      layer = materializeActivations(node, layer);
    }
    Chain.Affine first = layer.chain(0).asAffine();
    for (int e = 0; e < layer.size(); e++) {
      Chain.Affine a2 = layer.chain(e).asAffine();
      if (!a2.mul().equals(first.mul()) || !a2.add().equals(first.add()) || a2.mul().signum() <= 0) {
        throw s.error(node, "the values compared have different scales or offsets (" + a2 + " vs " + first
            + "), so the class of the largest raw value could differ from the model's");
      }
    }
    s.layers().network().named(s.layers().unique(node.layer())).argmax();
    s.finish(node);
    return new Flow(new long[] {1, 1}, Flow.Stage.LAYER, LayerBuilder.identities(1), null, f.exact());
  }

  // ---------------------------------------------------------------- matrix products

  private Flow gemm(Node node, Flow f) {
    if (Attributes.integer(node, "transA", 0) != 0) {
      throw s.error(node, "transA = 1 is not supported");
    }
    double alpha = Attributes.real(node, "alpha", 1);
    double beta = Attributes.real(node, "beta", 1);
    Tensor c = s.hasInput(node, 2) ? s.constant(node, 2) : null;
    return matmul(node, f, s.constant(node, 1), Attributes.integer(node, "transB", 0) != 0, alpha,
        c == null ? null : new double[] {beta});
  }

  private Flow matmul(Node node, Flow f, Tensor w, boolean transposed, double alpha, double[] beta) {
    if (w.rank() != 2) {
      throw s.error(node, "weights of rank " + w.rank() + " are not supported (a matrix is)");
    }
    Tensor weights = transposed ? Tensors.transpose(w, null) : w;
    int inputs = (int) weights.dim(0);
    int outputs = (int) weights.dim(1);
    if (f.size() != inputs) {
      throw s.error(node, "multiplies " + f.size() + " values by a " + inputs + " x " + outputs + " matrix");
    }
    Flow in = layerInput(node, f);
    // the network's value at position p is the tensor's element elementAt[p]: its row of the matrix
    int[] elementAt = in.elementAt();
    double[][] byPosition = new double[inputs][outputs];
    Chain.Affine[] scales = new Chain.Affine[inputs];
    for (int p = 0; p < inputs; p++) {
      for (int o = 0; o < outputs; o++) {
        byPosition[p][o] = weights.get(elementAt[p] * outputs + o);
      }
      scales[p] = in.chain(p).asAffine();
    }
    Pending product = product(node, in, byPosition, scales, alpha, null, null);
    return bias(node, pendingFlow(new long[] {1, outputs}, null, product, 1), beta);
  }

  /** The flow as a built layer's output whose chains are affine (the input of a matrix product). */
  Flow layerInput(Node node, Flow f) {
    Flow in = s.toLayer(node, f, node.layer());
    return in.isAffine() ? in : materializeActivations(node, in);
  }

  /**
   * The flow of a pending product at {@code positions} positions (1 for a matrix product), its values
   * channels-last in the network ({@code order} maps the model's tensor onto them).
   */
  static Flow pendingFlow(long[] shape, int[] order, Pending pending, int positions) {
    int outputs = pending.dense().outputs();
    Chain[] chains = new Chain[positions * outputs];
    for (int e = 0; e < chains.length; e++) {
      chains[e] = pending.chains()[e % outputs];
    }
    return new Flow(shape, Flow.Stage.PENDING, chains, pending.dense(), pending.exact(), order, null);
  }

  /** A product not yet built and the chains of its outputs. */
  record Pending(PendingDense dense, Chain[] chains, boolean exact) {}

  /**
   * The product {@code Σ_i alpha · weights[i][o] · x[i]} of the layer's values {@code x[i] = scales[i](raw[i])}:
   * exact integer weights times one scale per output when the weights times the input scales allow it,
   * else float weights for the precision configuration. {@code map} and {@code window} make it a
   * convolution's kernel.
   */
  Pending product(Node node, Flow in, double[][] weights, Chain.Affine[] scales, double alpha, FeatureMap map,
      Window window) {
    int inputs = weights.length;
    int outputs = weights[0].length;
    FixedType inputType = s.layers().type();
    Rational[] m = new Rational[inputs];
    Rational[] a = new Rational[inputs];
    boolean offsets = false;
    for (int i = 0; i < inputs; i++) {
      m[i] = scales[i].mul();
      a[i] = scales[i].add();
      offsets |= a[i].signum() != 0;
    }
    Rational ra = Rational.of(alpha);
    Rational[] constant = new Rational[outputs];
    long[][] q = new long[outputs][inputs];
    Rational[] scale = new Rational[outputs];
    boolean exact = true;
    Rational unit = Rational.powerOfTwo(-inputType.fraction());
    for (int o = 0; o < outputs && exact; o++) {
      Rational[] e = new Rational[inputs];
      BigInteger numGcd = BigInteger.ZERO;
      BigInteger denLcm = BigInteger.ONE;
      constant[o] = Rational.ZERO;
      for (int i = 0; i < inputs; i++) {
        Rational wi = Rational.of(weights[i][o]).multiply(ra);
        e[i] = wi.multiply(m[i]).multiply(unit);
        if (offsets) {
          constant[o] = constant[o].add(wi.multiply(a[i]));
        }
        if (e[i].signum() != 0) {
          numGcd = numGcd.gcd(e[i].num());
          denLcm = denLcm.divide(denLcm.gcd(e[i].den())).multiply(e[i].den());
        }
      }
      scale[o] = numGcd.signum() == 0 ? Rational.ONE : new Rational(numGcd, denLcm);
      for (int i = 0; i < inputs && exact; i++) {
        Rational qi = e[i].divide(scale[o]);
        exact = qi.num().bitLength() < LayerBuilder.MAX_EXACT_WEIGHT_BITS;
        q[o][i] = exact ? qi.num().longValueExact() : 0;
      }
      // an odd integer factor common to a column's weights stays in the weights, so that a power-of-two
      // scale remains (weights 3, 6, -9 at scale 2^-5, not 1, 2, -3 at scale 3·2^-5)
      BigInteger odd = scale[o].num().shiftRight(scale[o].num().getLowestSetBit());
      if (exact && scale[o].den().bitCount() == 1 && odd.bitLength() > 1) {
        long widest = 0;
        for (long v : q[o]) {
          widest = Math.max(widest, Math.abs(v));
        }
        if (BigInteger.valueOf(widest).multiply(odd).bitLength() < LayerBuilder.MAX_EXACT_WEIGHT_BITS) {
          long k = odd.longValueExact();
          for (int i = 0; i < inputs; i++) {
            q[o][i] *= k;
          }
          scale[o] = scale[o].divide(Rational.of(k));
        }
      }
    }
    Chain[] chains = new Chain[outputs];
    if (!exact) {
      double[][] fw = new double[outputs][inputs];
      for (int o = 0; o < outputs; o++) {
        constant[o] = Rational.ZERO;
        for (int i = 0; i < inputs; i++) {
          Rational wi = Rational.of(weights[i][o]).multiply(ra);
          fw[o][i] = wi.multiply(m[i]).doubleValue();
          if (offsets) {
            constant[o] = constant[o].add(wi.multiply(a[i]));
          }
        }
        chains[o] = Chain.affine(Rational.ONE, constant[o]);
      }
      return new Pending(new PendingDense(node.layer(), node.opType(), inputs, inputType, null, fw, map, window),
          chains, false);
    }
    for (int o = 0; o < outputs; o++) {
      chains[o] = Chain.affine(scale[o], constant[o]);
    }
    return new Pending(new PendingDense(node.layer(), node.opType(), inputs, inputType, q, null, map, window),
        chains, in.exact());
  }

  /** Gemm's {@code beta · C}. */
  private Flow bias(Node node, Flow f, double[] beta) {
    if (beta == null) {
      return f;
    }
    double[] c = f.inNetworkOrder(Tensors.broadcast(s.constant(node, 2), f.shape()));
    Chain[] chains = f.chains();
    for (int e = 0; e < chains.length; e++) {
      chains[e] = chains[e].then(new Chain.Affine(Rational.ONE, Rational.of(c[e]).multiply(Rational.of(beta[0]))));
    }
    return f.withChains(chains);
  }

  // ---------------------------------------------------------------- quantizers

  Flow quantize(Node node, Flow given, Quantization[] modelOrder) {
    LayerBuilder layers = s.layers();
    Quantization[] q = given.inNetworkOrder(modelOrder);
    Flow f = given;
    if (f.stage() == Flow.Stage.HOST) {
      Chain[] decode = layers.startQuantized(node.name(), f.chains(), q);
      return f.at(Flow.Stage.LAYER, decode, null);
    }
    Quantizer fixed = LayerBuilder.fixedPoint(q);
    Flow layer = f;
    if (f.stage() == Flow.Stage.PENDING) {
      boolean plain = Arrays.stream(f.chains()).allMatch(c -> c.steps().size() <= 1 && c.isAffine());
      LayerBuilder.Built built = s.buildPending(f, plain ? fixed : null);
      layer = f.at(Flow.Stage.LAYER, built.after(), null);
      if (built.fused()) {
        return layer;
      }
    }
    if (fixed != null && Arrays.stream(layer.chains()).allMatch(Chain::isIdentity)) {
      layers.network().named(layers.unique(node.name())).linear(fixed);
      s.notes().add(node.name() + " (" + node.opType() + "): requantization to " + fixed);
      return layer.withChains(LayerBuilder.identities(layer.size()));
    }
    if (fixed != null && Arrays.stream(layer.chains()).allMatch(c -> c.equals(Chain.IDENTITY.then(new Chain.Relu())))) {
      layers.network().named(layers.unique(node.name())).relu(fixed);
      s.notes().add(node.name() + " (" + node.opType() + "): ReLU and requantization to " + fixed);
      return layer.withChains(LayerBuilder.identities(layer.size()));
    }
    try {
      Chain[] decode = layers.thresholds(node.name(), node.opType(), layer.chains(), q);
      return layer.at(Flow.Stage.LAYER, decode, null);
    } catch (IllegalArgumentException e) {
      throw s.error(node, "scale " + q[0].mul() + ": " + e.getMessage());
    }
  }
}
