package dev.gatewright.nn;

import dev.gatewright.hdl.FixedType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A feed-forward network: {@link #inputs()} raw values of {@link #inputType()} in, then each layer in
 * order. Immutable; every layer's input width and type equal the previous layer's output width and type,
 * and layer names are unique. Build one with {@link #builder}, or read one with {@link NetworkJson}.
 *
 * <p>Beside the layers the hardware computes, a network keeps the host-side stages of the model it stands
 * for: {@link #inputEncoding()}, how the model's input values become raw inputs (by default a conversion to
 * the input type rounding half to even and saturating), and {@link #outputDecoding()}, how raw outputs
 * become the model's output values (by default their fixed-point values).
 */
public record Network(String name, int inputs, FixedType inputType, List<Layer> layers, InputEncoding inputEncoding,
    OutputDecoding outputDecoding) {

  public Network {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inputType, "inputType");
    layers = List.copyOf(layers);
    if (inputs < 1) {
      throw new IllegalArgumentException("a network needs at least one input, not " + inputs);
    }
    Dense.checkWidth(name, inputType);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException(name + ": a network needs at least one layer");
    }
    String nameProblem = HardwareNames.networkNameProblem(name);
    if (nameProblem != null) {
      throw new IllegalArgumentException(nameProblem);
    }
    int width = inputs;
    FixedType type = inputType;
    Set<String> names = new HashSet<>();
    for (Layer layer : layers) {
      if (layer.inputs() != width || !layer.inputType().equals(type)) {
        throw new IllegalArgumentException(name + ": layer " + layer.name() + " takes " + layer.inputs() + " x "
            + layer.inputType() + " but receives " + width + " x " + type);
      }
      if (!names.add(layer.name())) {
        throw new IllegalArgumentException(name + ": two layers are named " + layer.name());
      }
      width = layer.outputs();
      type = layer.outputType();
    }
    HardwareNames.Collision collision = HardwareNames.firstCollision(layers.stream().map(Layer::name).toList());
    if (collision != null) {
      throw new IllegalArgumentException(name + ": " + collision.message());
    }
    if (inputEncoding == null) {
      inputEncoding = InputEncoding.fixedPoint(inputs, inputType);
    }
    String problem = inputEncoding.problemWith(inputs, inputType);
    if (problem != null) {
      throw new IllegalArgumentException(name + ": " + problem);
    }
    if (outputDecoding == null) {
      outputDecoding = OutputDecoding.identity(type, width);
    }
    if (outputDecoding.size() != width || !outputDecoding.type().equals(type)) {
      throw new IllegalArgumentException(name + ": the output decoding reads " + outputDecoding.size() + " x "
          + outputDecoding.type() + ", the network outputs " + width + " x " + type);
    }
  }

  /** A network with the default input encoding and output decoding (see the class comment). */
  public Network(String name, int inputs, FixedType inputType, List<Layer> layers) {
    this(name, inputs, inputType, layers, null, null);
  }

  /** This network with model input values encoded by {@code encoding}. */
  public Network withInputEncoding(InputEncoding encoding) {
    return new Network(name, inputs, inputType, layers, Objects.requireNonNull(encoding, "encoding"), outputDecoding);
  }

  /** This network with raw outputs decoded by {@code decoding}. */
  public Network withOutputDecoding(OutputDecoding decoding) {
    return new Network(name, inputs, inputType, layers, inputEncoding, Objects.requireNonNull(decoding, "decoding"));
  }

  /** This network with other layers of the same input and output, keeping its input and output stages. */
  public Network withLayers(List<Layer> replaced) {
    return new Network(name, inputs, inputType, replaced, inputEncoding, outputDecoding);
  }

  public static Builder builder(String name, int inputs, FixedType inputType) {
    return new Builder(name, inputs, inputType);
  }

  public int outputs() {
    return layers.get(layers.size() - 1).outputs();
  }

  public FixedType outputType() {
    return layers.get(layers.size() - 1).outputType();
  }

  /** The dense layers, in order. */
  public List<Dense> denseLayers() {
    return layers.stream().filter(Dense.class::isInstance).map(Dense.class::cast).toList();
  }

  /** The layer called {@code name}. */
  public Layer layer(String name) {
    return layers.stream().filter(l -> l.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(this.name + ": no layer named " + name));
  }

  /**
   * The model input {@code values} as raw inputs, by {@link #inputEncoding()} (for a network built by hand:
   * each rounded HALF_EVEN and saturated into {@link #inputType()}).
   */
  public long[] quantizeInput(double[] values) {
    if (values.length != inputs) {
      throw new IllegalArgumentException(name + ": expected " + inputs + " inputs, got " + values.length);
    }
    return inputEncoding.encode(values);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("network " + name + ": " + inputs + " x " + inputType);
    for (Layer layer : layers) {
      s.append("\n  ").append(layer.name()).append(": ").append(layer.getClass().getSimpleName().toLowerCase())
          .append(' ').append(layer.inputs()).append(" -> ").append(layer.outputs()).append(" x ")
          .append(layer.outputType());
    }
    return s.toString();
  }

  /**
   * Adds layers in order; each call checks its arguments against the current width and type and fails
   * at once. Unnamed activations are called {@code <kind><position>}, e.g. {@code relu2}.
   */
  public static final class Builder {
    private final String name;
    private final int inputs;
    private final FixedType inputType;
    private final List<Layer> layers = new ArrayList<>();
    private Dense.Builder lastDense; // the builder of the last layer when that layer is dense
    private String nextName;
    private InputEncoding inputEncoding;
    private OutputDecoding outputDecoding;

    private Builder(String name, int inputs, FixedType inputType) {
      this.name = Objects.requireNonNull(name, "name");
      if (inputs < 1) {
        throw new IllegalArgumentException(name + ": a network needs at least one input, not " + inputs);
      }
      this.inputs = inputs;
      this.inputType = Objects.requireNonNull(inputType, "inputType");
      Dense.checkWidth(name, inputType);
    }

    /** The width the next layer receives. */
    public int width() {
      return layers.isEmpty() ? inputs : layers.get(layers.size() - 1).outputs();
    }

    /** The type the next layer receives. */
    public FixedType type() {
      return layers.isEmpty() ? inputType : layers.get(layers.size() - 1).outputType();
    }

    /** Names the next activation (dense layers carry their own name). */
    public Builder named(String layerName) {
      this.nextName = Objects.requireNonNull(layerName, "layerName");
      return this;
    }

    /** Adds a dense layer, quantizing its weights now (see {@link Dense.Builder}). */
    public Builder dense(Dense.Builder dense) {
      nextName = null;
      Dense layer = dense.build(width(), type());
      layers.add(layer);
      lastDense = dense;
      return this;
    }

    /** Folds a batch normalization into the dense layer just added; fails when there is none. */
    public Builder batchNorm(BatchNorm norm) {
      nextName = null;
      if (lastDense == null) {
        throw new IllegalArgumentException(name + ": batch norm must directly follow a dense layer");
      }
      Dense previous = (Dense) layers.remove(layers.size() - 1);
      layers.add(lastDense.foldBatchNorm(norm).build(previous.inputs(), previous.inputType()));
      return this;
    }

    public Builder linear() {
      return linear(Quantizer.of(type()));
    }

    public Builder linear(Quantizer result) {
      return add(new Activation.Linear(take("linear"), width(), type(), result));
    }

    public Builder relu() {
      return relu(Quantizer.of(type()));
    }

    public Builder relu(Quantizer result) {
      return add(new Activation.Relu(take("relu"), width(), type(), result));
    }

    public Builder clippedRelu(double ceiling) {
      return clippedRelu(ceiling, Quantizer.of(type()));
    }

    public Builder clippedRelu(double ceiling, Quantizer result) {
      return add(new Activation.ClippedRelu(take("clipped_relu"), width(), type(), ceiling, result));
    }

    public Builder hardTanh() {
      return hardTanh(Quantizer.of(type()));
    }

    public Builder hardTanh(Quantizer result) {
      return add(new Activation.HardTanh(take("hard_tanh"), width(), type(), result));
    }

    public Builder sigmoid(LookupTable table) {
      return add(new Activation.Sigmoid(take("sigmoid"), width(), type(), table));
    }

    public Builder tanh(LookupTable table) {
      return add(new Activation.Tanh(take("tanh"), width(), type(), table));
    }

    public Builder softmax(LookupTable exp, LookupTable reciprocal, Quantizer result) {
      return add(new Activation.Softmax(take("softmax"), width(), type(), exp, reciprocal, result));
    }

    /** Adds a multi-threshold layer over the current width and type (see {@link Thresholds}). */
    public Builder thresholds(long[][] thresholds, long[] base, long[] step, FixedType outputType) {
      layers.add(new Thresholds(take("thresholds"), width(), type(), thresholds, base, step, outputType));
      lastDense = null;
      return this;
    }

    /**
     * Adds a convolution over the current values read as the channels-last map {@code input} (its size must
     * be the current width); the kernel's weights are quantized now, with {@code window.size(channels)}
     * inputs in the order (kernel row, kernel column, channel).
     */
    public Builder conv(FeatureMap input, Window window, Dense.Builder kernel) {
      nextName = null;
      checkMap(kernel.name(), input);
      layers.add(new Conv(kernel.name(), input, window, kernel.build(window.size(input.channels()), type())));
      lastDense = null;
      return this;
    }

    /** Adds a max pool over the current values read as the channels-last map {@code input}. */
    public Builder maxPool(FeatureMap input, Window window) {
      String layerName = take("max_pool");
      checkMap(layerName, input);
      layers.add(new MaxPool(layerName, input, type(), window));
      lastDense = null;
      return this;
    }

    /** Adds a global pool (see {@link GlobalPool}) over the current values read as the map {@code input}. */
    public Builder globalPool(FeatureMap input, long divisor, Quantizer result) {
      String layerName = take("global_pool");
      checkMap(layerName, input);
      layers.add(new GlobalPool(layerName, input, type(), divisor, result));
      lastDense = null;
      return this;
    }

    private void checkMap(String layer, FeatureMap input) {
      if (input.size() != width()) {
        throw new IllegalArgumentException(name + ": layer " + layer + " reads a " + input + " map (" + input.size()
            + " values) but receives " + width());
      }
    }

    public Builder argmax() {
      return add(new Activation.Argmax(take("argmax"), width(), type()));
    }

    /** How the model's input values become raw inputs; without this call, {@link InputEncoding#fixedPoint}. */
    public Builder inputEncoding(InputEncoding encoding) {
      this.inputEncoding = Objects.requireNonNull(encoding, "encoding");
      return this;
    }

    /** How raw outputs become the model's outputs; without this call, their fixed-point values. */
    public Builder outputDecoding(OutputDecoding decoding) {
      this.outputDecoding = Objects.requireNonNull(decoding, "decoding");
      return this;
    }

    public Network build() {
      return new Network(name, inputs, inputType, layers, inputEncoding, outputDecoding);
    }

    /** The names of the layers added so far, in order. */
    public List<String> layerNames() {
      return layers.stream().map(Layer::name).toList();
    }

    private String take(String kind) {
      String n = nextName != null ? nextName : kind + (layers.size() + 1);
      nextName = null;
      return n;
    }

    private Builder add(Activation activation) {
      layers.add(activation);
      lastDense = null;
      return this;
    }
  }
}
