package dev.gatewright.pipeline;

import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.lut.LutOptions;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link NetworkBuild} runs. {@link #builder(Path)} starts from the defaults of {@code gatewright
 * build}: {@link DenseOptions#defaults()}, 10,000 random vectors with seed 1, the engine chosen by what
 * is installed, no synthesis. Each builder setter checks its argument and names the option it stands for
 * on the command line.
 */
public final class NetworkBuildOptions {

  /** The most random vectors one build verifies: about an hour and a half on the Java engine for the demo MLP. */
  public static final long MAX_VECTORS = 100_000_000;

  private final DenseOptions hardware;
  private final Path out;
  private final long vectors;
  private final long seed;
  private final Engine engine;
  private final List<Target> synthesis;
  private final FlowOptions flowOptions;
  private final InputData inputs;
  private final LutOptions truthTables;

  private NetworkBuildOptions(Builder b) {
    hardware = b.hardware;
    out = b.out;
    vectors = b.vectors;
    seed = b.seed;
    engine = b.engine;
    synthesis = List.copyOf(b.synthesis);
    inputs = b.inputs;
    truthTables = b.truthTables;
    flowOptions = b.flowOptions != null ? b.flowOptions : FlowOptions.builder().runsRoot(out.resolve("runs")).build();
  }

  /** Options that write into {@code out}: the design goes to {@code out/<top>}, synthesis runs to {@code out/runs}. */
  public static Builder builder(Path out) {
    return new Builder(out);
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    Builder b = new Builder(out);
    b.hardware = hardware;
    b.vectors = vectors;
    b.seed = seed;
    b.engine = engine;
    b.synthesis = synthesis;
    b.flowOptions = flowOptions;
    b.inputs = inputs;
    b.truthTables = truthTables;
    return b;
  }

  /** Reuse factor, multiplier style and pipelining of the layers. */
  public DenseOptions hardware() {
    return hardware;
  }

  /** The folder that receives {@code <top>/} (SystemVerilog and {@code report.json}) and {@code runs/}. */
  public Path out() {
    return out;
  }

  /** How many seeded random input vectors are checked, besides the corner cases. */
  public long vectors() {
    return vectors;
  }

  public long seed() {
    return seed;
  }

  /** The engine asked for; empty: Verilator where it is installed, else the Java engine. */
  public Optional<Engine> engine() {
    return Optional.ofNullable(engine);
  }

  /** The targets to synthesize for, in order; empty: none. */
  public List<Target> synthesis() {
    return synthesis;
  }

  public FlowOptions flowOptions() {
    return flowOptions;
  }

  /** Inputs to run through the hardware after the random vectors (with labels for the accuracy); empty: none. */
  public Optional<InputData> inputs() {
    return Optional.ofNullable(inputs);
  }

  /**
   * How dense layers become truth-table neurons ({@link LutOptions#policy()}: every layer that fits, or where the
   * cost model prefers them; the other layers as {@link #hardware()} says); empty: the usual adder arithmetic for
   * every layer ({@code --neurons arithmetic}).
   */
  public Optional<LutOptions> truthTables() {
    return Optional.ofNullable(truthTables);
  }

  /** Collects and checks {@link NetworkBuildOptions}. */
  public static final class Builder {
    private DenseOptions hardware = DenseOptions.defaults();
    private final Path out;
    private long vectors = 10_000;
    private long seed = 1;
    private Engine engine;
    private List<Target> synthesis = List.of();
    private FlowOptions flowOptions;
    private InputData inputs;
    private LutOptions truthTables;

    private Builder(Path out) {
      Objects.requireNonNull(out, "out");
      if (out.toString().isBlank()) {
        throw new BuildRequestException("--out must name a folder, not an empty string");
      }
      this.out = out;
    }

    public Builder hardware(DenseOptions hardware) {
      this.hardware = Objects.requireNonNull(hardware, "hardware");
      return this;
    }

    public Builder vectors(long vectors) {
      if (vectors < 0 || vectors > MAX_VECTORS) {
        throw new BuildRequestException("--vectors must be 0.." + String.format("%,d", MAX_VECTORS)
            + " (random input vectors besides the corner cases), not " + vectors);
      }
      this.vectors = vectors;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The engine to verify on; null: Verilator where it is installed, else the Java engine. */
    public Builder engine(Engine engine) {
      this.engine = engine;
      return this;
    }

    public Builder synthesis(List<Target> targets) {
      this.synthesis = List.copyOf(targets);
      return this;
    }

    /** The synthesis options; by default run folders go under {@code out/runs}. */
    public Builder flowOptions(FlowOptions options) {
      this.flowOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Inputs to check the hardware on, besides the random vectors; null: none. */
    public Builder inputs(InputData inputs) {
      this.inputs = inputs;
      return this;
    }

    /** Truth-table neurons as {@code options} say; null: adder arithmetic for every layer. */
    public Builder truthTables(LutOptions options) {
      this.truthTables = options;
      return this;
    }

    public NetworkBuildOptions build() {
      return new NetworkBuildOptions(this);
    }
  }
}
