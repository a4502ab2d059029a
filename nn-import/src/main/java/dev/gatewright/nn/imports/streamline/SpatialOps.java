package dev.gatewright.nn.imports.streamline;

import dev.gatewright.nn.FeatureMap;
import dev.gatewright.nn.GlobalPool;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.Window;
import dev.gatewright.nn.imports.graph.Node;
import dev.gatewright.nn.imports.graph.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The operators over feature maps: Conv (1-D and 2-D), MaxPool, GlobalAveragePool and Pad. The model's
 * tensors are NCHW (NCW); the network streams them channels-last, so each of these requires its input to
 * be channels-last in the network (a Transpose from an NHWC input is, see {@link Flow#order()}) and makes
 * its output so.
 */
final class SpatialOps {

  private final Streamliner s;
  private final Ops ops;

  SpatialOps(Streamliner s, Ops ops) {
    this.s = s;
    this.ops = ops;
  }

  /** A convolution: the kernel becomes a pending product, so bias, batch norm and scales fold into it. */
  Flow conv(Node node, Flow f) {
    Tensor w = s.constant(node, 1);
    long group = Attributes.integer(node, "group", 1);
    if (group != 1) {
      throw s.error(node, "group = " + group + " (a grouped or depthwise convolution) is not supported; only"
          + " group = 1");
    }
    long[] shape = f.shape();
    Geometry g = geometry(node, shape);
    if (w.rank() != shape.length || w.dim(1) != g.map.channels()) {
      throw s.error(node, "weights of shape " + Arrays.toString(w.shape()) + " do not convolve an input of shape "
          + Arrays.toString(shape) + " (expected [outputs, " + g.map.channels() + ", kernel...])");
    }
    int kh = shape.length == 4 ? (int) w.dim(2) : 1;
    int kw = (int) w.dim(w.rank() - 1);
    Window window = window(node, g, kh, kw, f.pads());
    Flow in = ops.layerInput(node, f.withPads(null));
    FeatureMap map = channelsLast(node, in, g);
    Chain[] perChannel = uniformPerChannel(node, in, map.channels());
    int channels = map.channels();
    Chain.Affine[] scales = new Chain.Affine[window.size(channels)];
    int outputs = (int) w.dim(0);
    double[][] weights = new double[scales.length][outputs];
    for (int c = 0; c < channels; c++) {
      Chain.Affine a = perChannel[c].asAffine();
      if (window.padded() && a.add().signum() != 0) {
        throw s.error(node, "zero padding of channel " + c + ", whose values carry the offset " + a.add()
            + ": the network pads raw 0, which stands for " + a.add() + " here, not for 0");
      }
      for (int y = 0; y < kh; y++) {
        for (int x = 0; x < kw; x++) {
          int i = (y * kw + x) * channels + c;
          scales[i] = a;
          for (int o = 0; o < outputs; o++) {
            weights[i][o] = w.get(((o * channels + c) * kh + y) * kw + x);
          }
        }
      }
    }
    Ops.Pending product = ops.product(node, in, weights, scales, 1, map, window);
    FeatureMap out = window.output(map, outputs);
    Flow result = Ops.pendingFlow(nchw(shape.length, out), channelsLastOrder(out), product, out.pixels());
    if (s.hasInput(node, 2)) {
      Tensor bias = s.constant(node, 2);
      if (bias.size() != outputs) {
        throw s.error(node, bias.size() + " biases for " + outputs + " output channels");
      }
      Chain[] chains = result.chains();
      for (int e = 0; e < chains.length; e++) {
        chains[e] = chains[e].then(new Chain.Affine(Rational.ONE, Rational.of(bias.get(e % outputs))));
      }
      result = result.withChains(chains);
    }
    return result;
  }

  /** A max pool of the raw values: exact when each channel's values share one non-decreasing chain. */
  Flow maxPool(Node node, Flow f) {
    if (node.outputs().size() > 1 && !node.outputs().get(1).isEmpty()) {
      throw s.error(node, "the Indices output is not supported");
    }
    long[] shape = f.shape();
    Geometry g = geometry(node, shape);
    long[] kernel = Attributes.longs(node, "kernel_shape", null);
    if (kernel == null || kernel.length != g.spatial) {
      throw s.error(node, "kernel_shape " + Arrays.toString(kernel) + " does not give " + g.spatial
          + " spatial dimension(s)");
    }
    Window window = window(node, g, g.spatial == 2 ? (int) kernel[0] : 1, (int) kernel[g.spatial - 1], null);
    if (Attributes.integer(node, "ceil_mode", 0) != 0 && !ceilModeChangesNothing(g, window)) {
      throw s.error(node, "ceil_mode = 1 adds a partial window at the end here, which is not supported");
    }
    Flow in = s.toLayer(node, f, node.layer());
    FeatureMap map = channelsLast(node, in, g);
    Chain[] perChannel = uniformPerChannel(node, in, map.channels());
    for (int c = 0; c < perChannel.length; c++) {
      if (perChannel[c].direction() < 0) {
        throw s.error(node, "channel " + c + " is a decreasing function of the network's values (" + perChannel[c]
            + "), so the largest value is not the largest raw value");
      }
    }
    s.layers().network().named(s.layers().unique(node.layer())).maxPool(map, window);
    FeatureMap out = window.output(map, map.channels());
    return spatialLayer(nchw(shape.length, out), channelsLastOrder(out), perChannel, out.pixels(), in.exact());
  }

  /**
   * A global average pool as the exact sum over the positions (a {@link GlobalPool} with divisor 1); the
   * division by the number of positions goes into the chain, for the next layer to fold.
   */
  Flow globalAveragePool(Node node, Flow f) {
    long[] shape = f.shape();
    Geometry g = geometry(node, shape);
    Flow in = ops.layerInput(node, f);
    FeatureMap map = channelsLast(node, in, g);
    Chain[] perChannel = uniformPerChannel(node, in, map.channels());
    Chain[] chains = new Chain[map.channels()];
    Rational positions = Rational.of(map.pixels());
    for (int c = 0; c < chains.length; c++) {
      Chain.Affine a = perChannel[c].asAffine();
      chains[c] = Chain.affine(a.mul().divide(positions), a.add());
    }
    Quantizer sum = Quantizer.of(GlobalPool.sumType(map, s.layers().type()));
    String name = s.layers().unique(node.layer());
    s.layers().network().named(name).globalPool(map, 1, sum);
    s.notes().add(node.name() + " (" + node.opType() + "): global pool " + name + ", the exact sum over " + map.pixels()
        + " positions as " + sum.type() + "; the division is folded into what follows");
    long[] outShape = shape.clone();
    for (int d = 2; d < outShape.length; d++) {
      outShape[d] = 1;
    }
    return spatialLayer(outShape, null, chains, 1, in.exact());
  }

  /** Zero padding over the spatial axes, taken up by the convolution that must follow. */
  Flow pad(Node node, Flow f) {
    String mode = Attributes.string(node, "mode", "constant");
    if (!mode.equals("constant")) {
      throw s.error(node, "mode \"" + mode + "\" is not supported; only constant (zero) padding");
    }
    if (node.inputs().size() > 3 && !node.input(3).isEmpty()) {
      throw s.error(node, "the axes input is not supported; give pads for every axis");
    }
    long[] pads = s.hasInput(node, 1) ? s.constant(node, 1).longs() : Attributes.longs(node, "pads", null);
    double value = node.inputs().size() > 2 && s.hasInput(node, 2) ? s.constant(node, 2).scalarValue()
        : Attributes.real(node, "value", 0);
    long[] shape = f.shape();
    if (pads == null || pads.length != 2 * shape.length) {
      throw s.error(node, "pads " + Arrays.toString(pads) + " do not give a begin and an end for each of the "
          + shape.length + " axes");
    }
    if (value != 0) {
      throw s.error(node, "padding with " + value + " is not supported; only with zeros (taken up by a convolution)");
    }
    long[] total = f.pads() == null ? new long[pads.length] : f.pads();
    for (int d = 0; d < pads.length; d++) {
      int axis = d % shape.length;
      if (pads[d] < 0 || (axis < 2 && pads[d] != 0)) {
        throw s.error(node, "pads " + Arrays.toString(pads) + ": only non-negative padding of the spatial axes"
            + " (after batch and channel) is supported");
      }
      total[d] += pads[d];
    }
    return f.withPads(total);
  }

  // ---------------------------------------------------------------- geometry and layout

  /** An NCHW (or NCW) input: its map and number of spatial axes. */
  private record Geometry(FeatureMap map, int spatial) {}

  private Geometry geometry(Node node, long[] shape) {
    if (shape.length != 3 && shape.length != 4) {
      throw s.error(node, "an input of shape " + Arrays.toString(shape) + "; gatewright takes NCW (1-D) and NCHW (2-D)"
          + " feature maps");
    }
    int height = shape.length == 4 ? (int) shape[2] : 1;
    return new Geometry(new FeatureMap(height, (int) shape[shape.length - 1], (int) shape[1]), shape.length - 2);
  }

  /** The window of a Conv or MaxPool node from its attributes (strides, pads, auto_pad, dilations). */
  private Window window(Node node, Geometry g, int kh, int kw, long[] padded) {
    int n = g.spatial;
    long[] kernel = Attributes.longs(node, "kernel_shape", null);
    long[] expected = n == 2 ? new long[] {kh, kw} : new long[] {kw};
    if (kernel != null && !Arrays.equals(kernel, expected)) {
      throw s.error(node, "kernel_shape " + Arrays.toString(kernel) + " differs from the weights' " + Arrays.toString(expected));
    }
    long[] dilations = Attributes.longs(node, "dilations", null);
    if (dilations != null && Arrays.stream(dilations).anyMatch(d -> d != 1)) {
      throw s.error(node, "dilations " + Arrays.toString(dilations) + " are not supported; only 1");
    }
    long[] strides = Attributes.longs(node, "strides", null);
    strides = strides == null ? filled(n, 1) : strides;
    if (strides.length != n) {
      throw s.error(node, "strides " + Arrays.toString(strides) + " for " + n + " spatial dimension(s)");
    }
    long[] size = n == 2 ? new long[] {g.map.height(), g.map.width()} : new long[] {g.map.width()};
    String autoPad = Attributes.string(node, "auto_pad", "NOTSET").toUpperCase(Locale.ROOT);
    long[] pads = switch (autoPad) {
      case "NOTSET" -> {
        long[] p = Attributes.longs(node, "pads", null);
        yield p == null ? filled(2 * n, 0) : p;
      }
      case "VALID" -> filled(2 * n, 0);
      case "SAME_UPPER", "SAME_LOWER" -> {
        long[] p = new long[2 * n];
        for (int d = 0; d < n; d++) {
          long out = (size[d] + strides[d] - 1) / strides[d];
          long total = Math.max((out - 1) * strides[d] + expected[d] - size[d], 0);
          long small = total / 2;
          p[d] = autoPad.equals("SAME_UPPER") ? small : total - small;
          p[n + d] = total - p[d];
        }
        yield p;
      }
      default -> throw s.error(node, "auto_pad \"" + autoPad + "\" is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
    };
    if (pads.length != 2 * n || Arrays.stream(pads).anyMatch(p -> p < 0)) {
      throw s.error(node, "pads " + Arrays.toString(pads) + " are not " + 2 * n + " non-negative values");
    }
    if (padded != null) {
      for (int d = 0; d < n; d++) {
        pads[d] += padded[2 + d];
        pads[n + d] += padded[padded.length / 2 + 2 + d];
      }
    }
    try {
      return n == 2
          ? new Window(kh, kw, (int) strides[0], (int) strides[1], (int) pads[0], (int) pads[1], (int) pads[2],
              (int) pads[3])
          : new Window(1, kw, 1, (int) strides[0], 0, (int) pads[0], 0, (int) pads[1]);
    } catch (IllegalArgumentException e) {
      throw s.error(node, e.getMessage());
    }
  }

  private static boolean ceilModeChangesNothing(Geometry g, Window w) {
    int paddedHeight = g.map.height() + w.padTop() + w.padBottom();
    int paddedWidth = g.map.width() + w.padLeft() + w.padRight();
    return (paddedHeight - w.kernelHeight()) % w.strideHeight() == 0
        && (paddedWidth - w.kernelWidth()) % w.strideWidth() == 0;
  }

  private static long[] filled(int n, long value) {
    long[] a = new long[n];
    Arrays.fill(a, value);
    return a;
  }

  /** The feature map of an NCHW flow, after checking that the network holds it channels-last. */
  private FeatureMap channelsLast(Node node, Flow in, Geometry g) {
    FeatureMap map = g.map;
    int[] expected = channelsLastOrder(map);
    for (int e = 0; e < expected.length; e++) {
      if (in.position(e) != expected[e]) {
        throw s.error(node, "its " + map.channels() + "-channel input reaches it in an order that is not channels-last"
            + " (gatewright streams feature maps channels-last and does not reorder values; an NHWC input transposed"
            + " to NCHW, a one-channel input or the output of a convolution or pool is channels-last)");
      }
    }
    return map;
  }

  /** The network position of each element of an NCHW tensor of {@code map} held channels-last. */
  static int[] channelsLastOrder(FeatureMap map) {
    int[] order = new int[map.size()];
    int e = 0;
    for (int c = 0; c < map.channels(); c++) {
      for (int y = 0; y < map.height(); y++) {
        for (int x = 0; x < map.width(); x++) {
          order[e++] = map.index(y, x, c);
        }
      }
    }
    return order;
  }

  private static long[] nchw(int rank, FeatureMap map) {
    return rank == 4 ? new long[] {1, map.channels(), map.height(), map.width()}
        : new long[] {1, map.channels(), map.width()};
  }

  /** Each channel's chain, after checking that every position of the channel has the same one. */
  private Chain[] uniformPerChannel(Node node, Flow in, int channels) {
    Chain[] chains = in.chains();
    for (int e = channels; e < chains.length; e++) {
      if (!chains[e].equals(chains[e % channels])) {
        throw s.error(node, "channel " + (e % channels) + " has different scales or functions at different positions ("
            + chains[e % channels] + " and " + chains[e] + "); a kernel or pool treats every position alike");
      }
    }
    return Arrays.copyOf(chains, channels);
  }

  private static Flow spatialLayer(long[] shape, int[] order, Chain[] perChannel, int positions, boolean exact) {
    Chain[] chains = new Chain[positions * perChannel.length];
    for (int e = 0; e < chains.length; e++) {
      chains[e] = perChannel[e % perChannel.length];
    }
    return new Flow(shape, Flow.Stage.LAYER, chains, null, exact, order, null);
  }
}
