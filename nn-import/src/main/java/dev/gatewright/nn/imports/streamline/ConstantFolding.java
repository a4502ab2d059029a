package dev.gatewright.nn.imports.streamline;

import dev.gatewright.nn.imports.graph.Node;
import dev.gatewright.nn.imports.graph.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates nodes whose inputs are all constants: weights through their Quant/BipolarQuant nodes and
 * transposes, and the shape arithmetic exporters emit (Shape, Gather, Unsqueeze, Concat, Cast, ...).
 * Arithmetic is double precision, which holds float32 values and their products with small integers exactly.
 */
final class ConstantFolding {

  private ConstantFolding() {}

  static void evaluate(Node node, Map<String, Tensor> constants, Streamliner s) {
    List<Tensor> in = new ArrayList<>();
    for (String name : node.inputs()) {
      in.add(name.isEmpty() ? null : constants.get(name));
    }
    Tensor out = switch (node.opType()) {
      case "Identity", "Cast", "Dropout" -> in.get(0);
      case "Reshape" -> in.get(0).reshape(Tensors.reshape(in.get(0).shape(), in.get(1).longs()));
      case "Flatten" -> in.get(0).reshape(Tensors.flatten(in.get(0).shape(), (int) Attributes.integer(node, "axis", 1)));
      case "Squeeze" -> in.get(0).reshape(Tensors.squeeze(in.get(0).shape(), axes(node, in)));
      case "Unsqueeze" -> in.get(0).reshape(Tensors.unsqueeze(in.get(0).shape(), axes(node, in)));
      case "Transpose" -> Tensors.transpose(in.get(0), Attributes.longs(node, "perm", null));
      case "Concat" -> Tensors.concat(in, (int) Attributes.integer(node, "axis", 0));
      case "Gather" -> Tensors.gather(in.get(0), in.get(1), (int) Attributes.integer(node, "axis", 0));
      case "Shape" -> {
        long[] shape = in.get(0).shape();
        double[] d = new double[shape.length];
        for (int i = 0; i < d.length; i++) {
          d[i] = shape[i];
        }
        yield Tensor.vector(d);
      }
      case "Add" -> Tensors.elementwise(in.get(0), in.get(1), Double::sum);
      case "Sub" -> Tensors.elementwise(in.get(0), in.get(1), (a, b) -> a - b);
      case "Mul" -> Tensors.elementwise(in.get(0), in.get(1), (a, b) -> a * b);
      case "Div" -> Tensors.elementwise(in.get(0), in.get(1), (a, b) -> a / b);
      case "Pow" -> Tensors.elementwise(in.get(0), in.get(1), Math::pow);
      case "Sqrt" -> map(in.get(0), Math::sqrt);
      case "Neg" -> map(in.get(0), x -> -x);
      case "Reciprocal" -> map(in.get(0), x -> 1 / x);
      case "Relu" -> map(in.get(0), x -> Math.max(x, 0));
      case "Quant", "IntQuant" -> quant(node, in);
      case "BipolarQuant" -> {
        double scale = in.get(1).scalarValue();
        yield map(in.get(0), x -> x >= 0 ? scale : -scale);
      }
      default -> throw s.error(node, "cannot evaluate this operator on constants");
    };
    constants.put(node.output(), out);
  }

  private static long[] axes(Node node, List<Tensor> in) {
    if (in.size() > 1 && in.get(1) != null) {
      return in.get(1).longs();
    }
    return Attributes.longs(node, "axes", null);
  }

  private static Tensor quant(Node node, List<Tensor> in) {
    Tensor x = in.get(0);
    long[] shape = x.shape();
    double[] scale = Tensors.broadcast(in.get(1), shape);
    double[] zero = Tensors.broadcast(in.get(2), shape);
    int bits = (int) in.get(3).scalarValue();
    boolean signed = Attributes.integer(node, "signed", 1) != 0;
    boolean narrow = Attributes.integer(node, "narrow", 0) != 0;
    Quantization.Mode mode = Quantization.Mode.parse(Attributes.string(node, "rounding_mode", "ROUND"));
    double[] v = new double[x.size()];
    for (int i = 0; i < v.length; i++) {
      Quantization.IntQuant q = new Quantization.IntQuant(Rational.of(scale[i]), Rational.of(zero[i]), bits, signed,
          narrow, mode);
      long level = q.level(Rational.of(x.get(i)));
      v[i] = q.mul().multiply(Rational.of(level)).add(q.add()).doubleValue();
    }
    return new Tensor(shape, v);
  }

  private static Tensor map(Tensor t, java.util.function.DoubleUnaryOperator f) {
    double[] v = new double[t.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = f.applyAsDouble(t.get(i));
    }
    return new Tensor(t.shape(), v);
  }
}
