package dev.gatewright.nn;

import static dev.gatewright.hdl.FixedType.sfix;
import static dev.gatewright.hdl.FixedType.ufix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A real model: the hls4ml tutorial's QKeras jet tagger as QONNX (qonnx_model_zoo). No ONNX library is a
 * dependency, so this test reads the protobuf with a minimal wire-format walker (test code only), turns
 * the Quant-annotated MatMul/Add/Relu graph into a {@link Network} — weights and biases quantized as
 * QONNX's Quant node defines it (ROUND = half to even, then clamp; power-of-two scale 2^-f = fraction f),
 * ReLU followed by its 6-bit unsigned activation Quant, and argmax for the final softmax (same class) —
 * and checks the result against the file format and the double reference.
 */
class QonnxJetTaggerTest {

  /** {@code ../shared/data/...} from the project root; tests run in the module directory. */
  static final Path MODEL = Path.of("").toAbsolutePath().getParent()
      .resolve("../shared/data/models/qonnx_model_zoo/JetTagging/qkeras_jettagging.onnx").normalize();

  /** One protobuf message: field number → raw values (Long for varints, byte[] for length-delimited). */
  static Map<Integer, List<Object>> message(byte[] bytes) {
    Map<Integer, List<Object>> fields = new HashMap<>();
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    while (in.hasRemaining()) {
      long key = varint(in);
      int field = (int) (key >>> 3);
      Object value = switch ((int) (key & 7)) {
        case 0 -> varint(in);
        case 1 -> in.getLong();
        case 5 -> (long) in.getInt();
        case 2 -> {
          byte[] b = new byte[(int) varint(in)];
          in.get(b);
          yield b;
        }
        default -> throw new IllegalStateException("wire type " + (key & 7));
      };
      fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
    }
    return fields;
  }

  static long varint(ByteBuffer in) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.get();
      v |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return v;
      }
    }
  }

  static String string(Map<Integer, List<Object>> m, int field) {
    return new String((byte[]) m.get(field).get(0), java.nio.charset.StandardCharsets.UTF_8);
  }

  static List<String> strings(Map<Integer, List<Object>> m, int field) {
    return m.getOrDefault(field, List.of()).stream()
        .map(b -> new String((byte[]) b, java.nio.charset.StandardCharsets.UTF_8)).toList();
  }

  record Tensor(long[] dims, double[] data) {}

  /** TensorProto: dims = 1, data_type = 2 (1 = FLOAT, 7 = INT64), float_data = 4, name = 8, raw_data = 9. */
  static Tensor tensor(Map<Integer, List<Object>> t) {
    List<Long> dims = new ArrayList<>();
    for (Object d : t.getOrDefault(1, List.of())) {
      if (d instanceof Long l) {
        dims.add(l);
      } else {
        ByteBuffer packed = ByteBuffer.wrap((byte[]) d);
        while (packed.hasRemaining()) {
          dims.add(varint(packed));
        }
      }
    }
    ByteBuffer data;
    if (t.containsKey(9)) {
      data = ByteBuffer.wrap((byte[]) t.get(9).get(0));
    } else {
      ByteBuffer all = ByteBuffer.allocate(4 * 1024 * 1024).order(ByteOrder.LITTLE_ENDIAN);
      for (Object f : t.getOrDefault(4, List.of())) {
        if (f instanceof byte[] b) {
          all.put(b);
        } else {
          all.putInt((int) (long) (Long) f);
        }
      }
      all.flip();
      data = all;
    }
    data.order(ByteOrder.LITTLE_ENDIAN);
    boolean int64 = t.containsKey(2) && (Long) t.get(2).get(0) == 7;
    double[] values = new double[data.remaining() / (int64 ? 8 : 4)];
    for (int i = 0; i < values.length; i++) {
      values[i] = int64 ? data.getLong() : data.getFloat();
    }
    return new Tensor(dims.stream().mapToLong(Long::longValue).toArray(), values);
  }

  record Node(String op, List<String> inputs, List<String> outputs) {}

  /** The weights or bias behind a Quant node: values, scale and bit width from its initializers. */
  record Quantized(Tensor values, double scale, int bits, boolean signed) {}

  static Network load() throws IOException {
    Map<Integer, List<Object>> model = message(Files.readAllBytes(MODEL));
    Map<Integer, List<Object>> graph = message((byte[]) model.get(7).get(0));
    Map<String, Tensor> initializers = new HashMap<>();
    for (Object o : graph.getOrDefault(5, List.of())) {
      Map<Integer, List<Object>> t = message((byte[]) o);
      initializers.put(string(t, 8), tensor(t));
    }
    List<Node> nodes = new ArrayList<>();
    Map<String, Node> producer = new HashMap<>();
    Map<String, Map<String, Long>> quantAttributes = new HashMap<>();
    for (Object o : graph.get(1)) {
      Map<Integer, List<Object>> n = message((byte[]) o);
      Node node = new Node(string(n, 4), strings(n, 1), strings(n, 2));
      nodes.add(node);
      node.outputs().forEach(out -> producer.put(out, node));
      Map<String, Long> attributes = new HashMap<>();
      for (Object a : n.getOrDefault(5, List.of())) {
        Map<Integer, List<Object>> attr = message((byte[]) a);
        if (attr.containsKey(3)) {
          attributes.put(string(attr, 1), (Long) attr.get(3).get(0));
        }
      }
      quantAttributes.put(node.outputs().get(0), attributes);
    }
    java.util.function.Function<String, Quantized> quant = name -> {
      Node q = producer.get(name);
      if (q == null || !q.op().equals("Quant") || !initializers.containsKey(q.inputs().get(0))) {
        return null;
      }
      boolean signed = quantAttributes.get(name).getOrDefault("signed", 1L) == 1;
      return new Quantized(initializers.get(q.inputs().get(0)), initializers.get(q.inputs().get(1)).data()[0],
          (int) initializers.get(q.inputs().get(3)).data()[0], signed);
    };

    Network.Builder net = Network.builder("qkeras_jettagging", 16, sfix(16, 10));
    int dense = 0;
    for (int k = 0; k < nodes.size(); k++) {
      Node node = nodes.get(k);
      if (node.op().equals("MatMul")) {
        Quantized w = node.inputs().stream().map(quant).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        Node add = nodes.stream().filter(n -> n.op().equals("Add") && n.inputs().contains(node.outputs().get(0)))
            .findFirst().orElseThrow();
        Quantized b = add.inputs().stream().map(quant).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        int in = (int) w.values().dims()[0];
        int out = (int) w.values().dims()[1];
        FixedType wt = type(w);
        FixedType bt = type(b);
        long[][] raw = new long[out][in];
        for (int i = 0; i < in; i++) {
          for (int o = 0; o < out; o++) {
            raw[o][i] = quantize(w, w.values().data()[i * out + o]);
          }
        }
        long[] rawBias = new long[out];
        for (int o = 0; o < out; o++) {
          rawBias[o] = quantize(b, b.values().data()[o]);
        }
        net.dense(Dense.builder("dense" + ++dense, out).rawWeights(raw).rawBias(rawBias).weightType(wt).biasType(bt)
            .result(new Quantizer(sfix(16, 10), Rounding.TRUNCATE, Overflow.SATURATE)));
      } else if (node.op().equals("Relu")) {
        Map.Entry<String, Node> next = producer.entrySet().stream()
            .filter(e -> e.getValue().op().equals("Quant") && e.getValue().inputs().get(0).equals(node.outputs().get(0)))
            .findFirst().orElseThrow();
        Node q = next.getValue();
        double scale = initializers.get(q.inputs().get(1)).data()[0];
        int bits = (int) initializers.get(q.inputs().get(3)).data()[0];
        net.relu(new Quantizer(ufix(bits, -Math.getExponent(scale)), Rounding.HALF_EVEN, Overflow.SATURATE));
      }
    }
    return net.argmax().build();
  }

  /** A power-of-two scale 2^-f and b bits: sfix(b, f) / ufix(b, f). */
  static FixedType type(Quantized q) {
    assertEquals(Math.scalb(1.0, Math.getExponent(q.scale())), q.scale(), "scale is a power of two");
    return new FixedType(q.signed(), q.bits(), -Math.getExponent(q.scale()));
  }

  /** QONNX Quant with ROUND, narrow = 0: clamp(round_half_even(x / scale)). */
  static long quantize(Quantized q, double x) {
    FixedType t = type(q);
    long r = Math.round(Math.rint(x / q.scale()));
    return Math.max(t.minRaw().longValue(), Math.min(t.maxRaw().longValue(), r));
  }

  @Test
  void qonnxJetTaggerLoadsAsTheSixteenSixtyFourThirtyTwoThirtyTwoFiveMlpWithSixBitWeights() throws IOException {
    Network n = load();
    List<Dense> dense = n.denseLayers();
    assertEquals(4, dense.size());
    int[] widths = {16, 64, 32, 32, 5};
    for (int k = 0; k < 4; k++) {
      assertEquals(widths[k], dense.get(k).inputs());
      assertEquals(widths[k + 1], dense.get(k).outputs());
      assertEquals(sfix(6, 5), dense.get(k).weightType());
      assertEquals(sfix(6, 5), dense.get(k).biasType());
    }
    assertEquals(ufix(6, 6), n.layers().get(1).outputType());
    CostReport report = CostReport.of(n);
    assertEquals(4389, report.parameters());
    assertTrue(report.nonzeroWeights() > 0 && report.nonzeroWeights() <= 4224, report.toString());
  }

  @Test
  void qonnxJetTaggerRoundTripsThroughTheFileFormatAndGoldenMatchesTheQuantizedReference() throws IOException {
    Network n = load();
    Network back = NetworkJson.read(NetworkJson.write(n));
    GoldenModel golden = new GoldenModel(n);
    GoldenModel goldenBack = new GoldenModel(back);
    ReferenceModel reference = new ReferenceModel(n, ReferenceModel.Weights.QUANTIZED);
    Random random = new Random(17);
    int agree = 0;
    for (int k = 0; k < 2000; k++) {
      double[] x = new double[16];
      for (int i = 0; i < 16; i++) {
        x[i] = random.nextGaussian();
      }
      long[] raw = n.quantizeInput(x);
      long cls = golden.infer(raw)[0];
      assertEquals(cls, goldenBack.infer(raw)[0]);
      double[] xq = new double[16];
      for (int i = 0; i < 16; i++) {
        xq[i] = n.inputType().toDouble(BigInteger.valueOf(raw[i]));
      }
      agree += cls == (long) reference.infer(xq)[0] ? 1 : 0;
    }
    // the reference skips the 6-bit activation quantization, so near-ties may differ
    assertTrue(agree >= 1400, "agree on " + agree + " of 2000");
  }
}
