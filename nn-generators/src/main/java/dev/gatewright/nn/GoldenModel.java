package dev.gatewright.nn;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Bit-accurate inference on raw integers: the definition of what the generated hardware computes. Every
 * value is a raw integer of a layer's declared type; every width change goes through {@link FixedMath}.
 *
 * <h2>Dense ({@link #dense})</h2>
 * For output {@code o}, with {@code fw, fx, fb, fa} the fractions of weight, input, bias and accumulator:
 * <ol>
 *   <li>each product {@code p = w[o][i] · x[i]} is exact (fraction {@code fw + fx}); pruned (zero) weights
 *       contribute nothing;</li>
 *   <li>each product and the bias are aligned to the accumulator's fraction: shifted left when it has
 *       more fraction bits, otherwise floored (arithmetic shift right — AP_TRN, which costs no
 *       hardware; exact whenever {@code fa ≥ fw + fx} and {@code fa ≥ fb});</li>
 *   <li>the aligned terms are summed exactly — so the order of addition (a chain, a tree, a
 *       time-shared MAC) cannot matter;</li>
 *   <li>the exact sum is brought into the accumulator type once, with the layer's
 *       {@link Dense#accumulatorOverflow()} ({@link FixedMath#overflow}): WRAP keeps the low bits, as any
 *       narrower two's-complement adder would; SATURATE clamps;</li>
 *   <li>the accumulator value is resized to the result type with the result quantizer's rounding and
 *       overflow ({@link FixedMath#resize}).</li>
 * </ol>
 *
 * <h2>Activations ({@link #activation})</h2>
 * Linear, ReLU, clipped ReLU and hard tanh compare and clamp in the input type, then apply their result
 * quantizer. Sigmoid and tanh read {@code table[index(x)]} ({@link LookupTable#index}). Softmax is
 * described on {@link Activation.Softmax}. Argmax returns the index of the first largest input.
 *
 * <h2>Convolutions and pools ({@link #conv}, {@link #maxPool}, {@link #globalPool})</h2>
 * Maps are channels-last ({@link FeatureMap}). A convolution gathers each output position's window in the
 * order (kernel row, kernel column, channel), raw 0 where it lies in the padding, and computes its
 * {@link Conv#kernel()} as a dense layer on it. A max pool takes per channel the largest value of the window
 * (padding never wins). A global pool sums each channel exactly over all positions and divides by its
 * divisor, rounding the exact quotient once with the result quantizer's rounding, then its overflow.
 *
 * <h2>Thresholds ({@link #thresholds})</h2>
 * Each output counts the channel's thresholds its input reaches, times the channel's step, plus its base
 * ({@link Thresholds}); integer comparisons, nothing rounds.
 *
 * <p>A {@code GoldenModel} computes its tables once; {@link #infer} is then safe to call from many
 * threads.
 */
public final class GoldenModel {

  private final List<Layer> layers;
  private final List<UnaryOperator<long[]>> steps; // per layer, its tables computed once

  public GoldenModel(Network network) {
    this(network.layers());
  }

  /** The golden model of a chain of layers (e.g. one layer, to check one generator). */
  public GoldenModel(List<? extends Layer> layers) {
    this.layers = List.copyOf(layers);
    this.steps = this.layers.stream().map(layer -> layer.accept(STEP)).toList();
  }

  /** The network's raw output for raw input {@code input}. */
  public long[] infer(long[] input) {
    long[][] trace = trace(input);
    return trace[trace.length - 1];
  }

  /** The raw input followed by the raw output of every layer: {@code trace[0]} is the input. */
  public long[][] trace(long[] input) {
    Layer first = layers.get(0);
    checkInput(first, input);
    long[][] trace = new long[layers.size() + 1][];
    trace[0] = input.clone();
    for (int k = 0; k < layers.size(); k++) {
      trace[k + 1] = evaluate(k, trace[k]);
    }
    return trace;
  }

  /** The raw output of layer {@code index} of this model for raw input {@code input}. */
  public long[] evaluate(int index, long[] input) {
    checkInput(layers.get(index), input);
    return steps.get(index).apply(input);
  }

  /** Each kind of layer as a function of raw vectors, with its tables computed once. */
  private static final Layer.Visitor<UnaryOperator<long[]>> STEP = new Layer.Visitor<>() {
    @Override
    public UnaryOperator<long[]> dense(Dense layer) {
      return new DenseProgram(layer)::apply;
    }

    @Override
    public UnaryOperator<long[]> thresholds(Thresholds layer) {
      return x -> GoldenModel.thresholds(layer, x);
    }

    @Override
    public UnaryOperator<long[]> conv(Conv layer) {
      return x -> SpatialGolden.conv(layer, x);
    }

    @Override
    public UnaryOperator<long[]> maxPool(MaxPool layer) {
      return x -> SpatialGolden.maxPool(layer, x);
    }

    @Override
    public UnaryOperator<long[]> globalPool(GlobalPool layer) {
      return x -> SpatialGolden.globalPool(layer, x);
    }

    @Override
    public UnaryOperator<long[]> linear(Activation.Linear layer) {
      FixedType in = layer.inputType();
      return x -> map(x, v -> layer.result().apply(v, in));
    }

    @Override
    public UnaryOperator<long[]> relu(Activation.Relu layer) {
      FixedType in = layer.inputType();
      return x -> map(x, v -> layer.result().apply(Math.max(v, 0), in));
    }

    @Override
    public UnaryOperator<long[]> clippedRelu(Activation.ClippedRelu layer) {
      FixedType in = layer.inputType();
      long ceiling = layer.ceilingRaw();
      return x -> map(x, v -> layer.result().apply(Math.min(Math.max(v, 0), ceiling), in));
    }

    @Override
    public UnaryOperator<long[]> hardTanh(Activation.HardTanh layer) {
      FixedType in = layer.inputType();
      long low = layer.lowRaw();
      long high = layer.highRaw();
      return x -> map(x, v -> layer.result().apply(Math.min(Math.max(v, low), high), in));
    }

    @Override
    public UnaryOperator<long[]> sigmoid(Activation.Sigmoid layer) {
      long[] entries = layer.entries();
      return x -> lookup(layer.table(), entries, x, layer.inputType());
    }

    @Override
    public UnaryOperator<long[]> tanh(Activation.Tanh layer) {
      long[] entries = layer.entries();
      return x -> lookup(layer.table(), entries, x, layer.inputType());
    }

    @Override
    public UnaryOperator<long[]> softmax(Activation.Softmax layer) {
      long[] exp = layer.expEntries();
      long[] reciprocal = layer.reciprocalEntries();
      return x -> GoldenModel.softmax(layer, exp, reciprocal, x);
    }

    @Override
    public UnaryOperator<long[]> argmax(Activation.Argmax layer) {
      return x -> {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
          if (x[i] > x[best]) {
            best = i;
          }
        }
        return new long[] {best};
      };
    }
  };

  /**
   * The golden dense layer: the five steps in the class comment, in {@code long} arithmetic (a {@link Dense}
   * bounds its exact sum to {@link FixedValue#FAST_WIDTH} bits) over the nonzero weights only. A
   * {@code GoldenModel} prepares each layer once ({@link DenseProgram}); this call prepares it every time.
   */
  public static long[] dense(Dense layer, long[] input) {
    checkInput(layer, input);
    return new DenseProgram(layer).apply(input);
  }

  /** The golden multi-threshold layer: {@code y[c] = base[c] + step[c] · #{k : x[c] ≥ t[c][k]}}. */
  public static long[] thresholds(Thresholds layer, long[] input) {
    checkInput(layer, input);
    long[] out = new long[input.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = layer.apply(c, input[c]);
    }
    return out;
  }

  /** The golden convolution (see the class comment). */
  public static long[] conv(Conv layer, long[] input) {
    checkInput(layer, input);
    return SpatialGolden.conv(layer, input);
  }

  /** The golden max pool. */
  public static long[] maxPool(MaxPool layer, long[] input) {
    checkInput(layer, input);
    return SpatialGolden.maxPool(layer, input);
  }

  /** The golden global pool. */
  public static long[] globalPool(GlobalPool layer, long[] input) {
    checkInput(layer, input);
    return SpatialGolden.globalPool(layer, input);
  }

  /**
   * The golden activation. Table-based activations (sigmoid, tanh, softmax) compute their tables on
   * each call here; a {@code GoldenModel} instance computes them once.
   */
  public static long[] activation(Activation layer, long[] input) {
    checkInput(layer, input);
    return layer.accept(STEP).apply(input);
  }

  private static long[] lookup(LookupTable table, long[] entries, long[] input, FixedType in) {
    return map(input, x -> entries[table.index(x, in.fraction())]);
  }

  private static long[] softmax(Activation.Softmax s, long[] exp, long[] reciprocal, long[] input) {
    long max = Long.MIN_VALUE;
    for (long x : input) {
      max = Math.max(max, x);
    }
    int fraction = s.inputType().fraction();
    long[] e = new long[input.length];
    long sum = 0;
    for (int i = 0; i < input.length; i++) {
      e[i] = exp[s.exp().index(input[i] - max, fraction)];
      sum += e[i];
    }
    long r = reciprocal[s.reciprocal().index(sum, s.exp().type().fraction())];
    FixedType product = s.productType();
    return map(e, ei -> s.result().apply(ei * r, product));
  }

  private interface LongOp {
    long apply(long x);
  }

  private static long[] map(long[] input, LongOp op) {
    long[] out = new long[input.length];
    for (int i = 0; i < input.length; i++) {
      out[i] = op.apply(input[i]);
    }
    return out;
  }

  private static void checkInput(Layer layer, long[] input) {
    if (input.length != layer.inputs()) {
      throw new IllegalArgumentException(layer.name() + ": expected " + layer.inputs() + " inputs, got "
          + input.length);
    }
    long min = layer.inputType().minRaw().longValueExact();
    long max = layer.inputType().maxRaw().longValueExact();
    for (int i = 0; i < input.length; i++) {
      if (input[i] < min || input[i] > max) {
        throw new IllegalArgumentException(layer.name() + ": input[" + i + "] = " + input[i] + " does not fit "
            + layer.inputType());
      }
    }
  }

  /** The layers, for callers that walk the model. */
  public List<Layer> layers() {
    return new ArrayList<>(layers);
  }
}
