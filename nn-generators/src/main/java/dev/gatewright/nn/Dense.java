package dev.gatewright.nn;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fully connected layer, {@code y[o] = Σ_i w[o][i] · x[i] + b[o]}, with quantized weights and hls4ml's
 * per-layer precisions: weight, bias, accumulator (with its overflow mode) and result (with its rounding
 * and overflow). What it computes, bit for bit, is {@link GoldenModel#dense}.
 *
 * <p>Weights and biases are raw integers of {@link #weightType()} and {@link #biasType()}. A pruned
 * weight is a zero weight: the hardware builds nothing for it. {@link #sourceWeights()} and
 * {@link #sourceBias()} keep the values before quantization (after any batch-norm folding and masking)
 * for the double-precision {@link ReferenceModel}; for a layer given raw integers they are the raw
 * values' exact doubles.
 *
 * <p>Instances come from {@link Builder}, through {@link Network.Builder#dense}; arrays are copied in and
 * out, so a {@code Dense} is immutable.
 */
public record Dense(
    String name,
    int inputs,
    int outputs,
    FixedType inputType,
    FixedType weightType,
    long[][] weights,
    FixedType biasType,
    long[] bias,
    FixedType accumulatorType,
    Overflow accumulatorOverflow,
    Quantizer result,
    double[][] sourceWeights,
    double[] sourceBias) implements Layer {

  public Dense {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(weightType, "weightType");
    Objects.requireNonNull(biasType, "biasType");
    Objects.requireNonNull(accumulatorType, "accumulatorType");
    Objects.requireNonNull(accumulatorOverflow, "accumulatorOverflow");
    Objects.requireNonNull(result, "result");
    if (inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException(name + ": a dense layer needs at least one input and one output, not "
          + inputs + " x " + outputs);
    }
    for (FixedType t : new FixedType[] {inputType, weightType, biasType, accumulatorType, result.type()}) {
      checkWidth(name, t);
    }
    if (inputType.width() + weightType.width() > FixedValue.FAST_WIDTH) {
      throw new IllegalArgumentException(name + ": products of " + weightType + " weights and " + inputType
          + " inputs are wider than " + FixedValue.FAST_WIDTH + " bits");
    }
    weights = copy(checkShape(name, "weights", weights, outputs, inputs));
    bias = checkLength(name, "bias", bias, outputs).clone();
    sourceWeights = copy(checkShape(name, "sourceWeights", sourceWeights, outputs, inputs));
    sourceBias = checkLength(name, "sourceBias", sourceBias, outputs).clone();
    for (int o = 0; o < outputs; o++) {
      for (int i = 0; i < inputs; i++) {
        checkFits(name, "weight[" + o + "][" + i + "]", weights[o][i], weightType);
      }
      checkFits(name, "bias[" + o + "]", bias[o], biasType);
    }
    BigInteger bound = sumBound(inputType, weightType, weights, biasType, bias, accumulatorType.fraction());
    if (bound.bitLength() >= FixedValue.FAST_WIDTH) {
      throw new IllegalArgumentException(name + ": the exact sum of products may need "
          + (bound.bitLength() + 1) + " bits; golden models compute in " + FixedValue.FAST_WIDTH);
    }
  }

  public static Builder builder(String name, int outputs) {
    return new Builder(name, outputs);
  }

  /** The weight matrix, {@code [outputs][inputs]}, raw values of {@link #weightType()} (a copy). */
  @Override
  public long[][] weights() {
    return copy(weights);
  }

  /** The biases, raw values of {@link #biasType()} (a copy). */
  @Override
  public long[] bias() {
    return bias.clone();
  }

  @Override
  public double[][] sourceWeights() {
    return copy(sourceWeights);
  }

  @Override
  public double[] sourceBias() {
    return sourceBias.clone();
  }

  /** Raw weight {@code [output][input]}. */
  public long weight(int output, int input) {
    return weights[output][input];
  }

  /** Raw bias of {@code output}. */
  public long bias(int output) {
    return bias[output];
  }

  /** Whether weight {@code [output][input]} is pruned (zero), so that no hardware computes it. */
  public boolean isPruned(int output, int input) {
    return weights[output][input] == 0;
  }

  public long nonzeroWeights() {
    long count = 0;
    for (long[] row : weights) {
      for (long w : row) {
        count += w != 0 ? 1 : 0;
      }
    }
    return count;
  }

  /** The type of one exact product {@code w · x}. */
  public FixedType productType() {
    return FixedType.product(weightType, inputType);
  }

  @Override
  public FixedType outputType() {
    return result.type();
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.dense(this);
  }

  /**
   * The narrowest signed type that holds every exact sum {@code Σ w·x + b} this layer can form for inputs
   * anywhere in {@code inputType}'s range, with fraction {@code max(weight + input fraction, bias
   * fraction)} — an accumulator of this type can never overflow and drops no bits.
   */
  public static FixedType exactAccumulatorType(FixedType inputType, FixedType weightType, long[][] weights,
      FixedType biasType, long[] bias) {
    int fraction = Math.max(weightType.fraction() + inputType.fraction(), biasType.fraction());
    int productShift = fraction - (weightType.fraction() + inputType.fraction());
    int biasShift = fraction - biasType.fraction();
    BigInteger xMin = inputType.minRaw();
    BigInteger xMax = inputType.maxRaw();
    BigInteger lowest = BigInteger.ZERO;
    BigInteger highest = BigInteger.ZERO;
    for (int o = 0; o < weights.length; o++) {
      BigInteger lo = BigInteger.valueOf(bias[o]).shiftLeft(biasShift);
      BigInteger hi = lo;
      for (long raw : weights[o]) {
        BigInteger w = BigInteger.valueOf(raw);
        BigInteger a = w.multiply(xMin).shiftLeft(productShift);
        BigInteger b = w.multiply(xMax).shiftLeft(productShift);
        lo = lo.add(a.min(b));
        hi = hi.add(a.max(b));
      }
      lowest = lowest.min(lo);
      highest = highest.max(hi);
    }
    int width = Math.max(Math.max(highest.bitLength(), lowest.bitLength()) + 1, 1);
    return new FixedType(true, width, fraction);
  }

  /** An upper bound of |Σ w·x + b| in units of the accumulator's fraction, as the golden model forms it. */
  private static BigInteger sumBound(FixedType inputType, FixedType weightType, long[][] weights,
      FixedType biasType, long[] bias, int accumulatorFraction) {
    BigInteger xAbs = inputType.minRaw().abs().max(inputType.maxRaw().abs());
    int productShift = Math.max(0, accumulatorFraction - weightType.fraction() - inputType.fraction());
    int biasShift = Math.max(0, accumulatorFraction - biasType.fraction());
    BigInteger worst = BigInteger.ZERO;
    for (int o = 0; o < weights.length; o++) {
      BigInteger sum = BigInteger.valueOf(bias[o]).abs().shiftLeft(biasShift);
      for (long w : weights[o]) {
        sum = sum.add(BigInteger.valueOf(w).abs().multiply(xAbs).shiftLeft(productShift));
      }
      worst = worst.max(sum);
    }
    return worst;
  }

  static void checkWidth(String layer, FixedType type) {
    if (type.width() > FixedValue.FAST_WIDTH) {
      throw new IllegalArgumentException(layer + ": type " + type + " is wider than " + FixedValue.FAST_WIDTH
          + " bits, the widest the golden models compute with");
    }
  }

  private static void checkFits(String layer, String what, long raw, FixedType type) {
    if (!type.fits(BigInteger.valueOf(raw))) {
      throw new IllegalArgumentException(layer + ": " + what + " = " + raw + " does not fit " + type
          + " (raw range " + type.minRaw() + ".." + type.maxRaw() + ")");
    }
  }

  private static <T> T[] checkShape(String layer, String what, T[] rows, int outputs, int inputs) {
    Objects.requireNonNull(rows, what);
    if (rows.length != outputs) {
      throw new IllegalArgumentException(layer + ": " + what + " has " + rows.length + " rows, expected " + outputs);
    }
    for (int o = 0; o < outputs; o++) {
      int length = java.lang.reflect.Array.getLength(Objects.requireNonNull(rows[o], what + "[" + o + "]"));
      if (length != inputs) {
        throw new IllegalArgumentException(layer + ": " + what + "[" + o + "] has " + length
            + " numbers, expected " + inputs);
      }
    }
    return rows;
  }

  private static <T> T checkLength(String layer, String what, T array, int outputs) {
    Objects.requireNonNull(array, what);
    int length = java.lang.reflect.Array.getLength(array);
    if (length != outputs) {
      throw new IllegalArgumentException(layer + ": " + what + " has " + length + " numbers, expected " + outputs);
    }
    return array;
  }

  private static long[][] copy(long[][] a) {
    long[][] c = new long[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dense d
        && name.equals(d.name) && inputs == d.inputs && outputs == d.outputs
        && inputType.equals(d.inputType) && weightType.equals(d.weightType) && biasType.equals(d.biasType)
        && accumulatorType.equals(d.accumulatorType) && accumulatorOverflow == d.accumulatorOverflow
        && result.equals(d.result)
        && Arrays.deepEquals(weights, d.weights) && Arrays.equals(bias, d.bias)
        && Arrays.deepEquals(sourceWeights, d.sourceWeights) && Arrays.equals(sourceBias, d.sourceBias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, inputs, outputs, inputType, weightType, biasType, accumulatorType,
        accumulatorOverflow, result, Arrays.deepHashCode(weights), Arrays.hashCode(bias));
  }

  @Override
  public String toString() {
    return "dense " + name + " " + inputs + "->" + outputs + " in " + inputType + " w " + weightType + " b "
        + biasType + " acc " + accumulatorType + " " + accumulatorOverflow + " out " + result
        + " (" + nonzeroWeights() + " nonzero weights)";
  }

  /**
   * Collects a dense layer's parameters; {@link Network.Builder#dense} supplies the input width and type.
   *
   * <p><b>Quantization of weights.</b> Weights and biases given as doubles ({@link #weights(double[][])},
   * {@link #bias(double[])}) are rounded into {@link #weightType} and {@link #biasType} with
   * {@link Rounding#HALF_EVEN} and {@link Overflow#SATURATE}: a value between two representable values
   * goes to the nearer (ties to the even raw value), a value beyond the range becomes the extreme. Raw
   * integers ({@link #rawWeights}, {@link #rawBias}) are taken as they are and must fit the type.
   * Masked-out weights ({@link #mask}) become zero before quantization; batch-norm folding
   * ({@link #foldBatchNorm}) works on the doubles and the result is quantized the same way.
   */
  public static final class Builder {
    private final String name;
    private final int outputs;
    private double[][] weights;
    private long[][] rawWeights;
    private double[] bias;
    private long[] rawBias;
    private boolean[][] mask;
    private FixedType weightType;
    private FixedType biasType;
    private FixedType accumulatorType;
    private Overflow accumulatorOverflow = Overflow.WRAP;
    private Quantizer result;

    private Builder(String name, int outputs) {
      this.name = Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("a dense layer needs a name");
      }
      if (outputs < 1) {
        throw new IllegalArgumentException(name + ": a dense layer needs at least one output, not " + outputs);
      }
      this.outputs = outputs;
    }

    public String name() {
      return name;
    }

    public int outputs() {
      return outputs;
    }

    /** Weights {@code [outputs][inputs]} as doubles, quantized as the class comment says. */
    public Builder weights(double[][] weights) {
      checkRows("weights", weights.length);
      this.weights = Dense.copy(weights);
      this.rawWeights = null;
      return this;
    }

    /** Weights {@code [outputs][inputs]} as raw integers of the weight type. */
    public Builder rawWeights(long[][] rawWeights) {
      checkRows("weights", rawWeights.length);
      this.rawWeights = Dense.copy(rawWeights);
      this.weights = null;
      return this;
    }

    /** Biases as doubles; without a bias call the biases are zero. */
    public Builder bias(double[] bias) {
      checkRows("bias", bias.length);
      this.bias = bias.clone();
      this.rawBias = null;
      return this;
    }

    /** Biases as raw integers of the bias type. */
    public Builder rawBias(long[] rawBias) {
      checkRows("bias", rawBias.length);
      this.rawBias = rawBias.clone();
      this.bias = null;
      return this;
    }

    /** The pruning mask {@code [outputs][inputs]}: {@code false} prunes the weight (makes it zero). */
    public Builder mask(boolean[][] mask) {
      checkRows("mask", mask.length);
      boolean[][] c = new boolean[mask.length][];
      for (int o = 0; o < mask.length; o++) {
        c[o] = mask[o].clone();
      }
      this.mask = c;
      return this;
    }

    public Builder weightType(FixedType weightType) {
      Dense.checkWidth(name, weightType);
      this.weightType = weightType;
      return this;
    }

    /** The bias type; without this call it is the weight type. */
    public Builder biasType(FixedType biasType) {
      Dense.checkWidth(name, biasType);
      this.biasType = biasType;
      return this;
    }

    /**
     * The accumulator type and what happens when the sum leaves it ({@link Overflow#WRAP} as ap_fixed's
     * default, or a saturation). Without this call the accumulator is
     * {@link Dense#exactAccumulatorType}, which can never overflow.
     */
    public Builder accumulator(FixedType type, Overflow overflow) {
      Dense.checkWidth(name, type);
      this.accumulatorType = Objects.requireNonNull(type, "type");
      this.accumulatorOverflow = Objects.requireNonNull(overflow, "overflow");
      return this;
    }

    /** The result type and how the accumulator is brought into it. Required. */
    public Builder result(Quantizer result) {
      Dense.checkWidth(name, result.type());
      this.result = result;
      return this;
    }

    /**
     * Folds a batch normalization that follows this layer into its weights and biases:
     * {@code w' = w·s}, {@code b' = (b − mean)·s + beta} with {@code s = gamma / sqrt(variance + epsilon)}.
     * Raw weights are first turned into their exact doubles; the folded doubles are quantized as the class
     * comment says.
     */
    public Builder foldBatchNorm(BatchNorm norm) {
      if (norm.size() != outputs) {
        throw new IllegalArgumentException(name + ": batch norm has " + norm.size() + " channels, the layer has "
            + outputs + " outputs");
      }
      requireWeights();
      double[][] w = doubleWeights();
      double[] b = doubleBias();
      for (int o = 0; o < outputs; o++) {
        double s = norm.scale(o);
        for (int i = 0; i < w[o].length; i++) {
          w[o][i] *= s;
        }
        b[o] = (b[o] - norm.mean()[o]) * s + norm.beta()[o];
      }
      this.weights = w;
      this.rawWeights = null;
      this.bias = b;
      this.rawBias = null;
      return this;
    }

    /** The layer for {@code inputs} inputs of {@code inputType}. */
    public Dense build(int inputs, FixedType inputType) {
      requireWeights();
      if (weightType == null) {
        throw new IllegalArgumentException(name + ": no weight type given");
      }
      if (result == null) {
        throw new IllegalArgumentException(name + ": no result type given");
      }
      FixedType bType = biasType != null ? biasType : weightType;
      double[][] source = doubleWeights();
      double[] sourceB = doubleBias();
      for (int o = 0; o < outputs; o++) {
        if (source[o].length != inputs) {
          throw new IllegalArgumentException(name + ": weights[" + o + "] has " + source[o].length
              + " numbers, expected " + inputs);
        }
      }
      long[][] w = new long[outputs][inputs];
      for (int o = 0; o < outputs; o++) {
        if (mask != null && mask[o].length != inputs) {
          throw new IllegalArgumentException(name + ": mask[" + o + "] has " + mask[o].length
              + " entries, expected " + inputs);
        }
        for (int i = 0; i < inputs; i++) {
          boolean kept = mask == null || mask[o][i];
          if (!kept) {
            source[o][i] = 0;
          }
          w[o][i] = !kept ? 0 : rawWeights != null ? rawWeights[o][i] : quantize(source[o][i], weightType);
        }
      }
      long[] b = new long[outputs];
      for (int o = 0; o < outputs; o++) {
        b[o] = rawBias != null ? rawBias[o] : bias != null ? quantize(bias[o], bType) : 0;
      }
      FixedType acc = accumulatorType != null
          ? accumulatorType
          : exactAccumulatorType(inputType, weightType, w, bType, b);
      return new Dense(name, inputs, outputs, inputType, weightType, w, bType, b, acc,
          accumulatorType != null ? accumulatorOverflow : Overflow.WRAP, result, source, sourceB);
    }

    private static long quantize(double value, FixedType type) {
      return FixedMath.fromDouble(value, type, Rounding.HALF_EVEN, Overflow.SATURATE).longValueExact();
    }

    private void requireWeights() {
      if (weights == null && rawWeights == null) {
        throw new IllegalArgumentException(name + ": no weights given");
      }
    }

    private double[][] doubleWeights() {
      if (weights != null) {
        return Dense.copy(weights);
      }
      if (weightType == null) {
        throw new IllegalArgumentException(name + ": raw weights need a weight type");
      }
      double[][] w = new double[outputs][];
      for (int o = 0; o < outputs; o++) {
        w[o] = new double[rawWeights[o].length];
        for (int i = 0; i < w[o].length; i++) {
          w[o][i] = weightType.toDouble(BigInteger.valueOf(rawWeights[o][i]));
        }
      }
      return w;
    }

    private double[] doubleBias() {
      if (rawBias != null && biasType == null && weightType == null) {
        throw new IllegalArgumentException(name + ": raw biases need a bias or weight type");
      }
      double[] b = new double[outputs];
      for (int o = 0; o < outputs; o++) {
        b[o] = bias != null ? bias[o]
            : rawBias != null ? (biasType != null ? biasType : weightType).toDouble(BigInteger.valueOf(rawBias[o]))
            : 0;
      }
      return b;
    }

    private void checkRows(String what, int rows) {
      if (rows != outputs) {
        throw new IllegalArgumentException(name + ": " + what + " has " + rows + " rows, expected " + outputs);
      }
    }
  }
}
