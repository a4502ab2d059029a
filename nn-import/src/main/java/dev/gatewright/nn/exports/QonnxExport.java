package dev.gatewright.nn.exports;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Conv;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GlobalPool;
import dev.gatewright.nn.MaxPool;
import dev.gatewright.nn.InputEncoding;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.OutputDecoding;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.Thresholds;
import dev.gatewright.tool.AtomicFiles;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.OperatorSetIdProto;

/**
 * A network as a QONNX model that computes exactly what its golden model computes, so other tools (FINN,
 * hls4ml, the QONNX utilities) can read it and gatewright's importer reads it back to an equivalent network.
 *
 * <p>The graph takes the model's input values (shape (1, inputs), float32) and follows the network layer by
 * layer, each raw value {@code r} of a fixed-point type with {@code f} fraction bits standing for the real
 * value {@code r · 2^-f}:
 * <ul>
 *   <li>the input stage: a fixed-point encoding is a {@code Quant} (scale {@code 2^-f}); integer inputs are
 *       declared with FINN's {@code finn_datatype} annotation (UINTn / INTn); thresholded inputs are a
 *       {@code MultiThreshold} followed by the per-channel step and base;</li>
 *   <li>a dense layer: {@code MatMul} by its weights and {@code Add} of its bias, each a constant passed
 *       through its own {@code Quant} as QONNX exporters write them, then the accumulator's saturation where
 *       the sum can leave it, then the result quantizer as a {@code Quant};</li>
 *   <li>linear, ReLU, clipped ReLU and hard tanh: the clamp ({@code Relu}, {@code Clip}) and the result
 *       quantizer; argmax: {@code ArgMax}; thresholds: {@code MultiThreshold} with the steps and bases;</li>
 *   <li>the output decoding (scale and offset kept outside the hardware), if any: {@code Mul} and {@code Add}.</li>
 * </ul>
 * Rounding modes map to QONNX's (TRUNCATE: FLOOR, TRUNCATE_TO_ZERO: ROUND_TO_ZERO, HALF_EVEN: ROUND);
 * HALF_UP (ties toward +∞), which QONNX lacks, is an exact {@code Add} of half a step before a FLOOR. QONNX's
 * {@code Quant} saturates, so a WRAP overflow is written only where no value can overflow; the one exception is
 * a wrapping input conversion (hls4ml's default), which happens on the host before the hardware, and is
 * written saturating with a note, since the two agree on every value the hardware can take. What has no exact
 * QONNX form — a wrap that can happen, products truncated before they are summed, table-based sigmoid, tanh
 * and softmax — is refused with an {@link ExportException} that names the layer and the reason.
 */
public final class QonnxExport {

  private final Network network;
  private final QonnxGraph graph;
  private final List<String> notes = new ArrayList<>();

  /** An exported model and what its file does differently from the network, where only the host's side differs. */
  public record Exported(ModelProto model, List<String> notes) {
    public Exported {
      notes = List.copyOf(notes);
    }
  }

  private QonnxExport(Network network) {
    this.network = network;
    this.graph = new QonnxGraph(network.name());
  }

  /** The QONNX model of {@code network}, with notes on what differs. */
  public static Exported of(Network network) {
    QonnxExport export = new QonnxExport(network);
    ModelProto model = export.model();
    return new Exported(model, export.notes);
  }

  /** Writes the QONNX model of {@code network} to {@code file}, renamed into place once whole; returns the notes. */
  public static List<String> write(Network network, Path file) {
    Exported exported = of(network);
    AtomicFiles.write(file, exported.model().toByteArray());
    return exported.notes();
  }

  private ModelProto model() {
    String x = inputStage();
    for (Layer layer : network.layers()) {
      x = layer.accept(new LayerExport(x));
    }
    x = outputDecoding(x);
    graph.output(x, network.outputs());
    return ModelProto.newBuilder().setIrVersion(8).setProducerName("gatewright").setProducerVersion("0.1.0")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(QonnxGraph.QONNX_DOMAIN).setVersion(1))
        .setGraph(graph.build()).build();
  }

  /** The model input, brought to the real values of the network's raw inputs. */
  private String inputStage() {
    String in = "global_in";
    InputEncoding encoding = network.inputEncoding();
    return encoding.accept(new InputEncoding.Visitor<String>() {
      @Override
      public String integers(InputEncoding.Integers e) {
        graph.input(in, e.size(), finnDatatype(e.min(), e.max()));
        return in;
      }

      @Override
      public String fixedPoint(InputEncoding.FixedPoint e) {
        graph.input(in, e.size(), null);
        Quantizer q = e.quantizer();
        if (q.overflow() == Overflow.WRAP) {
          // the hardware takes only values of the input type; beyond them the host's conversion decides
          q = new Quantizer(q.type(), q.rounding(), Overflow.SATURATE);
          notes.add("input: the network converts model inputs to " + q.type() + " wrapping values beyond its range"
              + " (as hls4ml's AP_WRAP does); QONNX's Quant saturates them. The two agree on every input in ["
              + q.type().toDouble(q.type().minRaw()) + ", " + q.type().toDouble(q.type().maxRaw()) + "] and so on"
              + " every value the hardware takes");
        }
        return quantize(in, "input", q);
      }

      @Override
      public String thresholded(InputEncoding.Thresholded e) {
        graph.input(in, e.size(), null);
        double[][] t = e.thresholds();
        return steps("input", in, t, e.base(), e.step(), network.inputType());
      }
    });
  }

  /** UINTn or INTn holding min..max. */
  private static String finnDatatype(long min, long max) {
    if (min >= 0) {
      int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(max));
      return "UINT" + bits;
    }
    int bits = Math.max(65 - Long.numberOfLeadingZeros(~min), max <= 0 ? 1 : 65 - Long.numberOfLeadingZeros(max));
    return "INT" + bits;
  }

  /**
   * {@code MultiThreshold}: the real values of {@code base + step · count} in units of {@code out}, with its
   * {@code out_scale} and {@code out_bias} where every channel has the same step and base, else the counts
   * followed by a {@code Mul} by each channel's step and an {@code Add} of its base.
   */
  private String steps(String stem, String x, double[][] thresholds, long[] base, long[] step, FixedType out) {
    int channels = thresholds.length;
    int levels = thresholds[0].length;
    double[] flat = new double[channels * levels];
    for (int c = 0; c < channels; c++) {
      if (thresholds[c].length != levels) {
        throw new ExportException(stem + ": channels have different numbers of thresholds (" + levels + " and "
            + thresholds[c].length + "); MultiThreshold takes a matrix");
      }
      System.arraycopy(thresholds[c], 0, flat, c * levels, levels);
    }
    double unit = Math.scalb(1.0, -out.fraction());
    String thresholdMatrix = graph.constant(stem + "_thresholds", new long[] {channels, levels}, flat);
    boolean uniform = Arrays.stream(step).allMatch(v -> v == step[0]) && Arrays.stream(base).allMatch(v -> v == base[0]);
    if (uniform) {
      return graph.multiThreshold(x, stem, thresholdMatrix, step[0] * unit, base[0] * unit);
    }
    double[] scale = new double[channels];
    double[] offset = new double[channels];
    for (int c = 0; c < channels; c++) {
      scale[c] = step[c] * unit;
      offset[c] = base[c] * unit;
    }
    String counts = graph.multiThreshold(x, stem, thresholdMatrix, 1, 0);
    String scaled = graph.node("Mul", stem + "_scaled", List.of(), counts,
        graph.constant(stem + "_step", new long[] {1, channels}, scale));
    return graph.node("Add", stem + "_levels", List.of(), scaled,
        graph.constant(stem + "_base", new long[] {1, channels}, offset));
  }

  /**
   * {@code x} through quantizer {@code q}, which saturates (narrow when symmetric): QONNX's {@code Quant}.
   */
  private String quantize(String x, String stem, Quantizer q) {
    FixedType to = q.type();
    String mode = switch (q.rounding()) {
      case TRUNCATE -> "FLOOR";
      case TRUNCATE_TO_ZERO -> "ROUND_TO_ZERO";
      case HALF_EVEN -> "ROUND";
      case HALF_UP -> "FLOOR";
    };
    String in = x;
    if (q.rounding() == Rounding.HALF_UP) {
      // floor(v + 1/2) in units of the target: ties go up, exact for values on a dyadic grid
      in = graph.node("Add", stem + "_half", List.of(), x, graph.scalar(stem + "_half_step",
          Math.scalb(1.0, -to.fraction() - 1)));
    }
    boolean narrow = q.overflow() == Overflow.SATURATE_SYMMETRIC && to.signed();
    return graph.quant(in, stem, Math.scalb(1.0, -to.fraction()), to.width(), to.signed(), narrow, mode);
  }

  private String outputDecoding(String x) {
    OutputDecoding d = network.outputDecoding();
    boolean identity = Arrays.stream(d.mul()).allMatch(m -> m == 1) && Arrays.stream(d.add()).allMatch(a -> a == 0);
    if (identity) {
      return x;
    }
    int n = d.size();
    String scaled = graph.node("Mul", "decoded_scaled", List.of(), x, graph.constant("decode_mul", new long[] {1, n},
        d.mul()));
    return graph.node("Add", "decoded", List.of(), scaled, graph.constant("decode_add", new long[] {1, n}, d.add()));
  }

  /** Each layer's nodes, from the tensor {@code x} holding its input's real values. */
  private final class LayerExport implements Layer.Visitor<String> {
    private final String x;

    LayerExport(String x) {
      this.x = x;
    }

    @Override
    public String dense(Dense d) {
      FixedType in = d.inputType();
      FixedType acc = d.accumulatorType();
      int productFraction = d.weightType().fraction() + in.fraction();
      if (acc.fraction() < productFraction || acc.fraction() < d.biasType().fraction()) {
        throw new ExportException(d.name() + ": the accumulator " + acc + " keeps fewer fraction bits than the"
            + " products (" + productFraction + ") or the bias (" + d.biasType().fraction() + "), so each term is"
            + " truncated before the sum; QONNX has no such operator");
      }
      double[] weights = new double[d.inputs() * d.outputs()];
      double weightUnit = Math.scalb(1.0, -d.weightType().fraction());
      for (int i = 0; i < d.inputs(); i++) {
        for (int o = 0; o < d.outputs(); o++) {
          weights[i * d.outputs() + o] = d.weight(o, i) * weightUnit;
        }
      }
      String w = graph.quant(graph.constant(d.name() + "_weights", new long[] {d.inputs(), d.outputs()}, weights),
          d.name() + "_weights_q", weightUnit, d.weightType().width(), d.weightType().signed(), false, "ROUND");
      String sum = graph.node("MatMul", d.name(), List.of(), x, w);
      double biasUnit = Math.scalb(1.0, -d.biasType().fraction());
      double[] bias = new double[d.outputs()];
      boolean anyBias = false;
      for (int o = 0; o < d.outputs(); o++) {
        bias[o] = d.bias(o) * biasUnit;
        anyBias |= d.bias(o) != 0;
      }
      if (anyBias) {
        String b = graph.quant(graph.constant(d.name() + "_bias", new long[] {1, d.outputs()}, bias),
            d.name() + "_bias_q", biasUnit, d.biasType().width(), d.biasType().signed(), false, "ROUND");
        sum = graph.node("Add", d.name() + "_sum", List.of(), sum, b);
      }
      // the exact sum, in units of the accumulator's fraction
      BigInteger[] range = sumRange(d);
      if (!(acc.fits(range[0]) && acc.fits(range[1]))) {
        if (d.accumulatorOverflow() == Overflow.WRAP) {
          throw new ExportException(d.name() + ": the sum may reach " + range[0] + ".." + range[1] + " (raw) and wrap"
              + " in the accumulator " + acc + "; QONNX's Quant saturates, so a wrap has no exact form");
        }
        sum = quantize(sum, d.name() + "_accumulator", new Quantizer(acc, Rounding.HALF_EVEN,
            d.accumulatorOverflow()));
        range = new BigInteger[] {range[0].max(acc.minRaw()), range[1].min(acc.maxRaw())};
      }
      return result(sum, d.name(), acc, range, d.result(), d.name() + "_out");
    }

    @Override
    public String thresholds(Thresholds t) {
      long[][] raw = t.thresholds();
      double unit = Math.scalb(1.0, -t.inputType().fraction());
      double[][] real = new double[raw.length][];
      for (int c = 0; c < raw.length; c++) {
        real[c] = Arrays.stream(raw[c]).mapToDouble(v -> v * unit).toArray();
      }
      return steps(t.name(), x, real, t.base(), t.step(), t.outputType());
    }

    @Override
    public String linear(Activation.Linear a) {
      return result(x, a.name(), a.inputType(), typeRange(a.inputType()), a.result(), a.name());
    }

    @Override
    public String relu(Activation.Relu a) {
      String relu = graph.node("Relu", a.name() + "_relu", List.of(), x);
      BigInteger[] r = typeRange(a.inputType());
      return result(relu, a.name(), a.inputType(), new BigInteger[] {r[0].max(BigInteger.ZERO), r[1].max(BigInteger.ZERO)},
          a.result(), a.name());
    }

    @Override
    public String clippedRelu(Activation.ClippedRelu a) {
      return clip(a.name(), a.inputType(), 0, a.ceilingRaw(), a.result());
    }

    @Override
    public String hardTanh(Activation.HardTanh a) {
      return clip(a.name(), a.inputType(), a.lowRaw(), a.highRaw(), a.result());
    }

    private String clip(String name, FixedType in, long low, long high, Quantizer result) {
      double unit = Math.scalb(1.0, -in.fraction());
      String clipped = graph.node("Clip", name + "_clip", List.of(), x, graph.scalar(name + "_min", low * unit),
          graph.scalar(name + "_max", high * unit));
      BigInteger[] r = typeRange(in);
      BigInteger lo = r[0].max(BigInteger.valueOf(low)).min(BigInteger.valueOf(high));
      BigInteger hi = r[1].min(BigInteger.valueOf(high)).max(BigInteger.valueOf(low));
      return result(clipped, name, in, new BigInteger[] {lo, hi}, result, name);
    }

    @Override
    public String sigmoid(Activation.Sigmoid a) {
      throw table(a.name(), "sigmoid");
    }

    @Override
    public String tanh(Activation.Tanh a) {
      throw table(a.name(), "tanh");
    }

    @Override
    public String softmax(Activation.Softmax a) {
      throw table(a.name(), "softmax");
    }

    @Override
    public String argmax(Activation.Argmax a) {
      return graph.node("ArgMax", a.name(), List.of(QonnxGraph.integer("axis", 1),
          QonnxGraph.integer("keepdims", 1)), x);
    }

    @Override
    public String conv(Conv c) {
      throw spatial(c.name(), "convolution");
    }

    @Override
    public String maxPool(MaxPool p) {
      throw spatial(p.name(), "max pool");
    }

    @Override
    public String globalPool(GlobalPool p) {
      throw spatial(p.name(), "global pool");
    }
  }

  private static ExportException spatial(String layer, String kind) {
    return new ExportException(layer + ": a " + kind + " layer is not exported yet (the exporter writes dense"
        + " networks: Quant, MultiThreshold, MatMul, Relu, Clip, ArgMax)");
  }

  private static ExportException table(String layer, String function) {
    return new ExportException(layer + ": a " + function + " computed by lookup tables has no exact QONNX form (ONNX's"
        + " operator is the exact function)");
  }

  /**
   * The result quantizer {@code q} on {@code x}, real values of type {@code from} whose raw values lie in
   * {@code range}: a {@code Quant}, after checking that a WRAP cannot happen.
   */
  private String result(String x, String layer, FixedType from, BigInteger[] range, Quantizer q, String node) {
    if (q.overflow() == Overflow.WRAP) {
      int dropped = from.fraction() - q.type().fraction();
      BigInteger lo = shift(range[0], dropped, true);
      BigInteger hi = shift(range[1], dropped, false);
      if (!(q.type().fits(lo) && q.type().fits(hi))) {
        throw new ExportException(layer + ": values up to " + lo + ".." + hi + " (raw) may wrap in the result type "
            + q.type() + "; QONNX's Quant saturates, so a wrap has no exact form");
      }
    }
    return quantize(x, node, q);
  }

  /** {@code raw} divided by {@code 2^dropped}, rounded outward (floor for a low end, ceiling for a high one). */
  private static BigInteger shift(BigInteger raw, int dropped, boolean low) {
    if (dropped <= 0) {
      return raw.shiftLeft(-dropped);
    }
    BigInteger floor = raw.shiftRight(dropped);
    return low || floor.shiftLeft(dropped).equals(raw) ? floor : floor.add(BigInteger.ONE);
  }

  private static BigInteger[] typeRange(FixedType type) {
    return new BigInteger[] {type.minRaw(), type.maxRaw()};
  }

  /** The smallest and largest exact sum of a dense layer over its input type, in units of its accumulator. */
  private static BigInteger[] sumRange(Dense d) {
    int productShift = d.accumulatorType().fraction() - d.weightType().fraction() - d.inputType().fraction();
    int biasShift = d.accumulatorType().fraction() - d.biasType().fraction();
    BigInteger xMin = d.inputType().minRaw();
    BigInteger xMax = d.inputType().maxRaw();
    BigInteger lo = null;
    BigInteger hi = null;
    for (int o = 0; o < d.outputs(); o++) {
      BigInteger low = BigInteger.valueOf(d.bias(o)).shiftLeft(biasShift);
      BigInteger high = low;
      for (int i = 0; i < d.inputs(); i++) {
        BigInteger w = BigInteger.valueOf(d.weight(o, i));
        BigInteger a = w.multiply(xMin).shiftLeft(productShift);
        BigInteger b = w.multiply(xMax).shiftLeft(productShift);
        low = low.add(a.min(b));
        high = high.add(a.max(b));
      }
      lo = lo == null ? low : lo.min(low);
      hi = hi == null ? high : hi.max(high);
    }
    return new BigInteger[] {lo, hi};
  }
}
