package dev.gatewright.sim;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Stream;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Checks a design against a Java golden model on either engine. Ports are named by the handles of the
 * design's IO bundle ({@link #io()}), or by string for a module with inline ports:
 *
 * <pre>{@code
 * CoSimulation.of(dot4).latency(2)
 *     .golden((io, in, out) -> out.set(io.y, model(in.value(io.x))))
 *     .cornerVectors().randomVectors(10_000, 42).check(Engine.VERILATOR);
 *
 * CoSimulation.of(fifo).streams(io -> io.in, io -> io.out).stalls(0.3, 0.3, 7)
 *     .golden((io, in, out) -> out.copy(io.out.payload, io.in.payload))
 *     .randomVectors(5_000, 1).check(Engine.JAVA);
 * }</pre>
 *
 * Three ways pair an output with the input that caused it: a fixed {@link #latency} (every cycle takes a
 * vector; the outputs that many register stages later belong to it), {@link #valid} signals (the n-th
 * output with its valid high belongs to the n-th input given with its valid high), or {@link #streams}
 * (valid/ready handshakes with back-pressure on both sides). With valid signals or streams a run lasts
 * until every input has produced its output, and fails only when outputs stop coming for longer than a
 * bound derived from the design (see {@link #latency}).
 *
 * <p>{@link #check} returns a {@link Report} of what was compared, or throws a {@link CoSimulationMismatch}
 * (the cycle, the port, the inputs, expected and actual values, and a VCD of the failing window), or an
 * {@link EngineUnavailableException} where the engine's tools are not installed. The golden model is
 * called once per input as the design takes it, in input order, so it may keep state; with valid signals
 * or streams it may say that an input causes several outputs ({@code out.then()}) or none
 * ({@code out.none()}). Vectors are made as they are applied, a chunk of cycles at a time.
 */
public final class CoSimulation<B> {

  /** A golden model: sets on {@code out} the outputs the design must give for the inputs {@code in}. */
  @FunctionalInterface
  public interface Model<B> {
    void expect(B io, PortValues in, PortValues.Builder out);
  }

  private static final int WINDOW = 32;

  private final Component<B> design;
  private final DesignPorts<B> ports;
  private final VectorSource vectors = new VectorSource();
  private Scoreboard.Golden golden;
  private Integer latency;
  private Integer interval;
  private Timing.ValidSignals validSignals;
  private Timing.Streams streams;
  private RunSetup.Stalls stalls = RunSetup.Stalls.NONE;
  private int resetCycles = 2;
  private Path waveforms = Path.of("target", "cosim-waves");
  private boolean writeWaveforms = true;

  private CoSimulation(Component<B> design) {
    this.design = Objects.requireNonNull(design, "design");
    this.ports = new DesignPorts<>(design);
  }

  public static <B> CoSimulation<B> of(Component<B> design) {
    return new CoSimulation<>(design);
  }

  public Component<B> design() {
    return design;
  }

  /** The design's IO bundle, whose signals stand for its ports (for a module with inline ports: an error). */
  public B io() {
    return ports.handles();
  }

  // ---- the model ---------------------------------------------------------------------------------

  public CoSimulation<B> golden(Model<B> model) {
    Objects.requireNonNull(model, "model");
    B io = ports.hasBundle() ? ports.handles() : null;
    this.golden = (in, out) -> model.expect(io, in, out);
    return this;
  }

  /** For a module with inline ports: input values (raw bits) by name to output values by name. */
  public CoSimulation<B> golden(Function<Map<String, BigInteger>, Map<String, BigInteger>> model) {
    Objects.requireNonNull(model, "model");
    requireInlinePorts("golden(in -> Map.of(...))", "golden((io, in, out) -> out.set(io.y, ...))");
    this.golden = (in, out) -> {
      Map<String, BigInteger> expected = model.apply(in.byName());
      if (expected == null) {
        throw new IllegalArgumentException("the golden model returned null instead of a map of output values");
      }
      expected.forEach(out::set);
    };
    return this;
  }

  // ---- timing ------------------------------------------------------------------------------------

  /**
   * Register stages from an input to the outputs that depend on it (0: combinational). Alone it pairs
   * every cycle's inputs with the outputs that many stages later. With {@link #valid} or {@link #streams}
   * it is the design's declared latency: a run then fails once no output has come for
   * {@code 2 * (latency + interval) + 16} cycles while inputs are outstanding. Without it that bound is
   * the largest of 10,000 cycles, 16 times the longest gap seen between inputs or outputs, and twice the
   * design's register bits and memory words.
   */
  public CoSimulation<B> latency(int cycles) {
    if (cycles < 0) {
      throw new IllegalArgumentException("latency must not be negative: " + cycles);
    }
    this.latency = cycles;
    return this;
  }

  /**
   * Cycles from one input to the next the design can take: with {@link #valid}, inputs come this far
   * apart; with {@link #streams} the design's ready paces them, and the interval only enters the bound.
   */
  public CoSimulation<B> interval(int cycles) {
    if (cycles < 1) {
      throw new IllegalArgumentException("interval must be at least 1 cycle, not " + cycles);
    }
    this.interval = cycles;
    return this;
  }

  /** Pairs inputs and outputs by valid signals of the IO bundle instead of a fixed latency. */
  public CoSimulation<B> valid(Function<B, Bool> inputValid, Function<B, Bool> outputValid) {
    B io = io();
    return valid(ports.port(inputValid.apply(io)), ports.port(outputValid.apply(io)));
  }

  /** For a module with inline ports: pairs inputs and outputs by the valid ports named. */
  public CoSimulation<B> valid(String inputValidPort, String outputValidPort) {
    requireInlinePorts("valid(\"in_valid\", \"out_valid\")", "valid(io -> io.inValid, io -> io.outValid)");
    return valid(ports.port(inputValidPort), ports.port(outputValidPort));
  }

  private CoSimulation<B> valid(Port input, Port output) {
    requireBit(input, true, "the input valid");
    requireBit(output, false, "the output valid");
    this.validSignals = new Timing.ValidSignals(input, output);
    this.streams = null;
    return this;
  }

  /**
   * Sends the vectors through {@code input} (its payload's signals, and any other data inputs, are a
   * vector) and collects {@code output}, whose whole payload the golden model must give; the harness
   * drives the input's valid and the output's ready. The streams are fields of the design's IO bundle.
   */
  public CoSimulation<B> streams(Function<B, Stream<?>> input, Function<B, Stream<?>> output) {
    B io = io();
    Timing.StreamPorts in = streamPorts(input.apply(io), true);
    Timing.StreamPorts out = streamPorts(output.apply(io), false);
    this.streams = new Timing.Streams(in, out);
    this.validSignals = null;
    return this;
  }

  private Timing.StreamPorts streamPorts(Stream<?> stream, boolean sent) {
    Objects.requireNonNull(stream, sent ? "input stream" : "output stream");
    Port valid = ports.port(stream.valid);
    Port ready = ports.port(stream.ready);
    String name = valid.name().endsWith("_valid") ? valid.name().substring(0, valid.name().length() - 6) : valid.name();
    if (valid.isInput() != sent) {
      throw new IllegalArgumentException("stream '" + name + "' is an " + (sent ? "output" : "input") + " of "
          + design.name() + ", so it cannot be the " + (sent ? "input" : "output") + " stream");
    }
    return new Timing.StreamPorts(name, valid, ready, ports.ports(stream.payload));
  }

  /**
   * Random pauses, reproducible from {@code seed}: before each input the source waits a cycle with
   * probability {@code inputGaps} (valid low), and in each cycle the sink holds ready low with
   * probability {@code outputStalls} (streams only).
   */
  public CoSimulation<B> stalls(double inputGaps, double outputStalls, long seed) {
    if (!(inputGaps >= 0 && inputGaps < 1) || !(outputStalls >= 0 && outputStalls < 1)) {
      throw new IllegalArgumentException("stall probabilities must be in [0, 1), not " + inputGaps + " and "
          + outputStalls);
    }
    this.stalls = new RunSetup.Stalls(inputGaps, outputStalls, seed);
    return this;
  }

  public CoSimulation<B> resetCycles(int cycles) {
    if (cycles < 0) {
      throw new IllegalArgumentException("reset cycles must not be negative: " + cycles);
    }
    this.resetCycles = cycles;
    return this;
  }

  /** Where waveforms of failures go (default {@code target/cosim-waves}). */
  public CoSimulation<B> waveformsIn(Path directory) {
    this.waveforms = Objects.requireNonNull(directory, "directory");
    this.writeWaveforms = true;
    return this;
  }

  /**
   * Whether a failure replays its window into a VCD file (default yes). The replay needs a simulator
   * that traces: on the Verilator engine a second build of the design.
   */
  public CoSimulation<B> waveforms(boolean write) {
    this.writeWaveforms = write;
    return this;
  }

  // ---- vectors -----------------------------------------------------------------------------------

  /** One input vector: {@code vector((io, v) -> v.set(io.a, 3).set(io.b, -1))}; inputs left out are 0. */
  public CoSimulation<B> vector(BiConsumer<B, PortValues.Builder> values) {
    PortValues.Builder builder = new PortValues.Builder(ports, PortValues.empty(ports), "the vector", true);
    values.accept(ports.hasBundle() ? ports.handles() : null, builder);
    vectors.add(builder.build());
    return this;
  }

  /** For a module with inline ports: one input vector, raw bits by port name; inputs left out are 0. */
  public CoSimulation<B> vector(Map<String, BigInteger> inputs) {
    requireInlinePorts("vector(Map.of(\"x\", ...))", "vector((io, v) -> v.set(io.x, ...))");
    PortValues.Builder builder = new PortValues.Builder(ports, PortValues.empty(ports), "the vector", true);
    inputs.forEach(builder::set);
    vectors.add(builder.build());
    return this;
  }

  public CoSimulation<B> vectors(List<Map<String, BigInteger>> inputs) {
    inputs.forEach(this::vector);
    return this;
  }

  /** The corner cases of every data input: most negative, most positive, zero, all ones, together and alone. */
  public CoSimulation<B> cornerVectors() {
    vectors.corners();
    return this;
  }

  /** {@code count} vectors of uniformly random bits, reproducible from {@code seed}, made as they are applied. */
  public CoSimulation<B> randomVectors(long count, long seed) {
    vectors.random(count, seed);
    return this;
  }

  // ---- the check ---------------------------------------------------------------------------------

  /**
   * Runs the check on {@code engine}.
   *
   * @return what was compared
   * @throws CoSimulationMismatch where the design differs from the model
   * @throws EngineUnavailableException where the engine's tools are not installed
   */
  public Report check(Engine engine) {
    Objects.requireNonNull(engine, "engine");
    if (!engine.isAvailable()) {
      throw new EngineUnavailableException(engine);
    }
    RunSetup setup = setup();
    RunSetup.Outcome outcome;
    try (Simulator sim = engine.open(design)) {
      outcome = streams != null ? StreamRun.check(sim, setup) : OpenLoopRun.check(sim, setup);
    }
    Scoreboard.Mismatch mismatch = outcome.mismatch();
    if (mismatch != null) {
      Path vcd = writeWaveforms ? writeWindow(engine, setup, mismatch.cycle()) : null;
      throw Mismatches.describe(mismatch, engine, ports, vcd);
    }
    Scoreboard board = outcome.board();
    return new Report(engine, design.name(), board.accepted(), board.comparisons(), board.comparedPorts(),
        outcome.cycles(), board.minLatency(), board.maxLatency(), outcome.sourceGaps(), outcome.sinkStalls(),
        outcome.backPressure());
  }

  private RunSetup setup() {
    if (golden == null) {
      throw new IllegalStateException("no golden model: call golden(...) first");
    }
    Timing timing = streams != null ? streams : validSignals != null ? validSignals
        : new Timing.FixedLatency(latency == null ? 0 : latency);
    if (streams == null && stalls.outputStalls() > 0) {
      throw new IllegalStateException("only an output stream has a ready to hold low: stalls(..., "
          + stalls.outputStalls() + ", ...) needs streams(...)");
    }
    if (timing instanceof Timing.FixedLatency && (stalls.inputGaps() > 0 || interval != null)) {
      throw new IllegalStateException("with a fixed latency every cycle takes a vector: input gaps and an interval "
          + "need valid(...) or streams(...)");
    }
    List<Port> dataInputs = new ArrayList<>();
    for (Port port : design.inputs()) {
      if (!isControl(port)) {
        dataInputs.add(port);
      }
    }
    if (streams != null) {
      vectors.refuse(java.util.Set.of(streams.input().valid().name(), streams.output().ready().name()),
          "which the harness drives to send and take payloads");
    }
    if (vectors.isEmpty(dataInputs.size())) {
      throw new IllegalStateException("no input vectors: call vector, randomVectors or cornerVectors first");
    }
    long declaredBound = timing instanceof Timing.FixedLatency || latency == null ? 0
        : 2L * (latency + (interval == null ? 1 : interval)) + 16;
    return new RunSetup(ports, timing, interval == null ? 1 : interval, stalls, resetCycles, vectors, dataInputs,
        golden, declaredBound, Storage.of(design));
  }

  private boolean isControl(Port port) {
    if (validSignals != null) {
      return port.equals(validSignals.input());
    }
    if (streams != null) {
      return port.equals(streams.input().valid()) || port.equals(streams.output().ready());
    }
    return false;
  }

  private Path writeWindow(Engine engine, RunSetup setup, long failingCycle) {
    Path vcd = waveforms.resolve(design.name() + "-" + engine.name().toLowerCase(Locale.ROOT) + "-cycle" + failingCycle
        + ".vcd");
    RunSetup.Window window = new RunSetup.Window(Math.max(0, failingCycle - WINDOW), failingCycle + 2, vcd);
    try (Simulator sim = engine.openTraceable(design)) {
      if (streams != null) {
        StreamRun.replay(sim, setup, window);
      } else {
        OpenLoopRun.replay(sim, setup, window);
      }
    } catch (RuntimeException e) {
      return null;
    }
    return vcd;
  }

  private void requireInlinePorts(String call, String instead) {
    if (ports.hasBundle()) {
      throw new IllegalStateException(design.name() + " has an IO bundle, so " + call + " cannot name its ports by "
          + "string: use its handles, " + instead);
    }
  }

  private static void requireBit(Port port, boolean input, String what) {
    if (port.isInput() != input || port.type().width() != 1) {
      throw new IllegalArgumentException(what + " must be a 1-bit " + (input ? "input" : "output") + ", not "
          + (port.isInput() ? "input" : "output") + " '" + port.name() + "' of type " + port.type());
    }
  }

  /**
   * What a successful check compared: how many inputs the design took ({@code vectors}) and output values
   * it compared, on which ports, over how many cycles after reset (to the last comparison), the
   * latencies seen (in register stages), and for valid signals and streams the pauses: cycles the source
   * left a gap, the sink held ready low, and the design held its input ready low while offered an input.
   */
  public record Report(Engine engine, String design, long vectors, long comparisons, List<String> comparedPorts,
      long cycles, long minLatency, long maxLatency, long sourceGapCycles, long sinkStallCycles,
      long backPressureCycles) {

    /** Inputs taken per cycle over the run. */
    public double throughput() {
      return cycles == 0 ? 0 : (double) vectors / cycles;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s on %s: %,d inputs, %,d values compared (%s) in %,d cycles "
          + "(%.3f inputs/cycle), latency %d..%d, source gaps %,d, sink stalls %,d, back-pressure %,d", design,
          engine.name().toLowerCase(Locale.ROOT), vectors, comparisons, String.join(", ", comparedPorts), cycles,
          throughput(), minLatency, maxLatency, sourceGapCycles, sinkStallCycles, backPressureCycles);
    }
  }
}
