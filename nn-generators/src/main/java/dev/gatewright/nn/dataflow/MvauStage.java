package dev.gatewright.nn.dataflow;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.Dense;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A matrix–vector–activation unit (FINN's MVAU): {@code vectors} input vectors per frame (1 for a dense
 * layer, one per output position for a convolution, whose windows arrive from a {@link WindowStage}), each
 * multiplied by the {@code kernel}'s weights and passed through the {@link MvauActivation}.
 *
 * <p>Folding: {@code pe} processing elements compute {@code pe} output channels at once, each over
 * {@code simd} input lanes per cycle. A vector of {@code MW = kernel.inputs()} values arrives as
 * {@code SF = MW / simd} beats of {@code simd} values; its {@code MH = kernel.outputs()} results leave as
 * {@code NF = MH / pe} beats of {@code pe} values; a vector takes {@code NF · SF} cycles, the first pass
 * reading the input stream and the others an input buffer. With {@code xnor} (bipolar ±1 weights and
 * inputs) each product is an XNOR of signs and a sum a popcount; otherwise products are multiplications of
 * the 2–8-bit (or wider) operands.
 */
public record MvauStage(String name, List<String> layers, Dense kernel, int vectors, int pe, int simd,
    WeightStorage storage, MvauActivation activation, boolean xnor) implements Stage {

  public MvauStage {
    Objects.requireNonNull(name, "name");
    layers = List.copyOf(layers);
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(activation, "activation");
    if (vectors < 1) {
      throw new IllegalArgumentException(name + ": at least one vector per frame, not " + vectors);
    }
    if (pe < 1 || kernel.outputs() % pe != 0) {
      throw new IllegalArgumentException(layers.get(0) + ": PE " + pe + " must divide the " + kernel.outputs()
          + " output channels (" + Folding.divisors(kernel.outputs()) + ")");
    }
    if (simd < 1 || kernel.inputs() % simd != 0) {
      throw new IllegalArgumentException(layers.get(0) + ": SIMD " + simd + " must divide the " + kernel.inputs()
          + " inputs per vector (" + Folding.divisors(kernel.inputs()) + ")");
    }
    if (xnor && !xnorApplies(kernel)) {
      throw new IllegalArgumentException(name + ": the XNOR datapath needs weights of ±1 and a signed input");
    }
  }

  /**
   * Whether bipolar inputs could use the XNOR datapath with these weights: every weight ±1 (none pruned), a
   * signed input type and an accumulator fraction equal to the products' (so that no term is floored).
   */
  static boolean xnorApplies(Dense kernel) {
    if (!kernel.inputType().signed()
        || kernel.accumulatorType().fraction() != kernel.weightType().fraction() + kernel.inputType().fraction()) {
      return false;
    }
    for (int o = 0; o < kernel.outputs(); o++) {
      for (int i = 0; i < kernel.inputs(); i++) {
        long w = kernel.weight(o, i);
        if (w != 1 && w != -1) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code NF}: output beats per vector. */
  public int neuronFold() {
    return kernel.outputs() / pe;
  }

  /** {@code SF}: input beats per vector. */
  public int synapseFold() {
    return kernel.inputs() / simd;
  }

  @Override
  public int inLanes() {
    return simd;
  }

  @Override
  public FixedType inType() {
    return kernel.inputType();
  }

  @Override
  public int outLanes() {
    return pe;
  }

  @Override
  public FixedType outType() {
    return activation.outputType(kernel);
  }

  @Override
  public long inBeats() {
    return (long) vectors * synapseFold();
  }

  @Override
  public long outBeats() {
    return (long) vectors * neuronFold();
  }

  @Override
  public long cyclesPerFrame() {
    return (long) vectors * neuronFold() * synapseFold();
  }

  /** Register stages from issuing a step to the output register: weights, products, accumulator, output. */
  static final int DEPTH = 4;

  @Override
  public StageTiming timing() {
    int sf = synapseFold();
    return new StepTiming((long) neuronFold() * sf, j -> j < sf, j -> j % sf == sf - 1, DEPTH);
  }

  @Override
  public Component<StageIo<Vec<Fixed>>> build() {
    return new MvauGenerator(this).build();
  }

  /** Whether the weights are constants (one step per vector), whatever the storage. */
  public boolean unfolded() {
    return neuronFold() == 1 && synapseFold() == 1;
  }

  @Override
  public String describe() {
    String act = activation.describe();
    return String.format(Locale.ROOT, "mvau %dx%d%s PE %d SIMD %d, %s, %s weights, %s", kernel.inputs(),
        kernel.outputs(), vectors > 1 ? " x" + vectors + " vectors" : "", pe, simd, xnor ? "xnor-popcount" : "mac",
        unfolded() ? "constant" : storage.name().toLowerCase(Locale.ROOT), act);
  }
}
