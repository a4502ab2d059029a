package dev.gatewright.pipeline;

import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.nn.dataflow.Folding;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link DataflowBuild} runs: the folding (and how it was chosen, for the report), the clock the pace is
 * reported at, the random frames verified besides the corner frames, the pause probabilities of the source and
 * the sink during verification, the engine (the Java engine unless asked), the synthesis targets, and the user's
 * inputs (with their labels) to stream through the verified hardware, if any. Setters check their argument and
 * name the command-line option it stands for.
 */
public record DataflowBuildOptions(Path out, Folding folding, String foldingSource, double clockMhz, long frames,
    long seed, double gaps, double stalls, Engine engine, List<Target> synthesis, FlowOptions flowOptions,
    Optional<InputData> inputs) {

  public DataflowBuildOptions {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(folding, "folding");
    Objects.requireNonNull(foldingSource, "foldingSource");
    Objects.requireNonNull(engine, "engine");
    synthesis = List.copyOf(synthesis);
    Objects.requireNonNull(flowOptions, "flowOptions");
    Objects.requireNonNull(inputs, "inputs");
  }

  public static Builder builder(Path out, Folding folding, String foldingSource) {
    return new Builder(out, folding, foldingSource);
  }

  /** Collects and checks {@link DataflowBuildOptions}. */
  public static final class Builder {
    private final Path out;
    private final Folding folding;
    private final String foldingSource;
    private double clockMhz = 100;
    private long frames = 1000;
    private long seed = 1;
    private double gaps = 0.2;
    private double stalls = 0.2;
    private Engine engine = Engine.JAVA;
    private List<Target> synthesis = List.of();
    private FlowOptions flowOptions;
    private InputData inputs;

    private Builder(Path out, Folding folding, String foldingSource) {
      if (out == null || out.toString().isBlank()) {
        throw new BuildRequestException("--out must name a folder, not an empty string");
      }
      this.out = out;
      this.folding = Objects.requireNonNull(folding, "folding");
      this.foldingSource = Objects.requireNonNull(foldingSource, "foldingSource");
    }

    public Builder clockMhz(double mhz) {
      if (!(mhz > 0) || Double.isInfinite(mhz)) {
        throw new BuildRequestException("--clock-mhz must be a positive number, not " + mhz);
      }
      this.clockMhz = mhz;
      return this;
    }

    public Builder frames(long frames) {
      if (frames < 0 || frames > NetworkBuildOptions.MAX_VECTORS) {
        throw new BuildRequestException("--vectors must be 0.." + String.format("%,d", NetworkBuildOptions.MAX_VECTORS)
            + " (random frames besides the corner frames), not " + frames);
      }
      this.frames = frames;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Probabilities that the source pauses and that the sink refuses a beat, each cycle, while verifying. */
    public Builder stalls(double gaps, double stalls) {
      for (double p : new double[] {gaps, stalls}) {
        if (!(p >= 0 && p < 1)) {
          throw new BuildRequestException("--stalls must be a probability in [0, 1), not " + p);
        }
      }
      this.gaps = gaps;
      this.stalls = stalls;
      return this;
    }

    public Builder engine(Engine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    public Builder synthesis(List<Target> targets) {
      this.synthesis = List.copyOf(targets);
      return this;
    }

    public Builder flowOptions(FlowOptions options) {
      this.flowOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Inputs to stream through the hardware once it verified, with or without labels; null: none. */
    public Builder inputs(InputData inputs) {
      this.inputs = inputs;
      return this;
    }

    public DataflowBuildOptions build() {
      return new DataflowBuildOptions(out, folding, foldingSource, clockMhz, frames, seed, gaps, stalls, engine,
          synthesis, flowOptions != null ? flowOptions : FlowOptions.builder().runsRoot(out.resolve("runs")).build(),
          Optional.ofNullable(inputs));
    }
  }
}
