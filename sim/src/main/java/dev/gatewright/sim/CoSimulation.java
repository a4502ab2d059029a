package dev.gatewright.sim;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Checks a design against a Java golden model, cycle by cycle, on either engine:
 *
 * <pre>{@code
 * CoSimulation.of(fir).latency(1).golden(in -> Map.of("y", firModel(in.get("x"))))
 *     .randomVectors(10_000, 42).check(Engine.VERILATOR);
 * }</pre>
 *
 * Values are raw bits ({@link BigInteger}, non-negative) keyed by port name. With a latency of L
 * register stages, the outputs L cycles after an input vector must equal the golden model of that
 * vector; with {@link #valid}, the n-th output with its valid high must equal the model of the n-th
 * input given with its valid high. A mismatch fails with the cycle, the port, the inputs, and expected
 * and actual values in hex and as numbers of the port's type, and writes a VCD of the failing window.
 * Where the engine's tools are missing the check is reported as skipped.
 */
public final class CoSimulation {

  private static final int WINDOW = 32;

  private final Component<?> design;
  private Function<Map<String, BigInteger>, Map<String, BigInteger>> golden;
  private int latency;
  private String inputValid;
  private String outputValid;
  private int resetCycles = 2;
  private final List<Map<String, BigInteger>> vectors = new ArrayList<>();
  private Path waveforms = Path.of("target", "cosim-waves");

  private CoSimulation(Component<?> design) {
    this.design = Objects.requireNonNull(design, "design");
  }

  public static CoSimulation of(Component<?> design) {
    return new CoSimulation(design);
  }

  /** The model: input values (raw bits) to output values (raw bits, any subset of the outputs). */
  public CoSimulation golden(Function<Map<String, BigInteger>, Map<String, BigInteger>> model) {
    this.golden = Objects.requireNonNull(model, "model");
    return this;
  }

  /** Register stages from an input to the outputs that depend on it (0: combinational). */
  public CoSimulation latency(int cycles) {
    if (cycles < 0) {
      throw new IllegalArgumentException("latency must not be negative: " + cycles);
    }
    this.latency = cycles;
    return this;
  }

  /** Aligns inputs and outputs by valid signals instead of a fixed latency. */
  public CoSimulation valid(String inputValidPort, String outputValidPort) {
    this.inputValid = inputValidPort;
    this.outputValid = outputValidPort;
    return this;
  }

  public CoSimulation resetCycles(int cycles) {
    this.resetCycles = cycles;
    return this;
  }

  /** Where waveforms of failures go (default {@code target/cosim-waves}). */
  public CoSimulation waveformsIn(Path directory) {
    this.waveforms = directory;
    return this;
  }

  public CoSimulation vector(Map<String, BigInteger> inputs) {
    vectors.add(Map.copyOf(inputs));
    return this;
  }

  public CoSimulation vectors(List<Map<String, BigInteger>> inputs) {
    inputs.forEach(this::vector);
    return this;
  }

  /** The corner cases of every input: most negative, most positive, zero, all ones, alone and together. */
  public CoSimulation cornerVectors() {
    List<Port> inputs = dataInputs();
    for (Corner corner : Corner.values()) {
      Map<String, BigInteger> all = new LinkedHashMap<>();
      for (Port port : inputs) {
        all.put(port.name(), corner.of(port.type()));
      }
      vector(all);
      for (Port port : inputs) {
        Map<String, BigInteger> one = new LinkedHashMap<>();
        for (Port other : inputs) {
          one.put(other.name(), other == port ? corner.of(port.type()) : BigInteger.ZERO);
        }
        vector(one);
      }
    }
    return this;
  }

  /** {@code count} vectors of uniformly random bits, reproducible from {@code seed}. */
  public CoSimulation randomVectors(int count, long seed) {
    Random random = new Random(seed);
    List<Port> inputs = dataInputs();
    for (int i = 0; i < count; i++) {
      Map<String, BigInteger> vector = new LinkedHashMap<>();
      for (Port port : inputs) {
        vector.put(port.name(), new BigInteger(port.type().width(), random));
      }
      vector(vector);
    }
    return this;
  }

  private List<Port> dataInputs() {
    return design.inputs();
  }

  /** Runs the check; returns what was compared. */
  public Report check(Engine engine) {
    Assumptions.assumeTrue(engine.isAvailable(), () -> engine + " engine skipped: " + engine.missing() + " not installed");
    if (golden == null) {
      throw new IllegalStateException("no golden model: call golden(...) first");
    }
    if (vectors.isEmpty()) {
      throw new IllegalStateException("no input vectors: call vectors, randomVectors or cornerVectors first");
    }
    try (Simulator sim = engine.open(design)) {
      Mismatch mismatch = run(sim, Integer.MAX_VALUE);
      if (mismatch != null) {
        Path vcd = writeWindow(engine, mismatch.cycle);
        throw new AssertionFailedError(mismatch.describe(engine, design, vcd), mismatch.expected, mismatch.actual);
      }
      return new Report(engine, vectors.size(), compared);
    }
  }

  private long compared;

  /** Drives every vector; returns the first mismatch (at or before {@code stopAfter}) or null. */
  private Mismatch run(Simulator sim, long stopAfter) {
    compared = 0;
    sim.reset(resetCycles);
    long start = sim.cycle();
    int offset = Math.max(latency - 1, 0);
    ArrayDeque<Map<String, BigInteger>> pending = new ArrayDeque<>();
    int total = vectors.size() + (inputValid == null ? offset : 64 + latency);
    for (int i = 0; i < total; i++) {
      Map<String, BigInteger> applied = i < vectors.size() ? vectors.get(i) : idle();
      for (Map.Entry<String, BigInteger> entry : applied.entrySet()) {
        sim.poke(entry.getKey(), entry.getValue());
      }
      sim.step();
      long cycle = sim.cycle() - start;
      if (inputValid == null) {
        if (i < vectors.size()) {
          pending.add(applied);
        }
        if (i >= offset && !pending.isEmpty()) {
          Mismatch m = compare(sim, pending.poll(), cycle);
          if (m != null) {
            return m;
          }
        }
      } else {
        if (i < vectors.size() && applied.getOrDefault(inputValid, BigInteger.ONE).signum() != 0) {
          pending.add(applied);
        }
        if (sim.peek(outputValid) != 0) {
          if (pending.isEmpty()) {
            return new Mismatch(cycle, outputValid, Map.of(), BigInteger.ZERO, BigInteger.ONE, "an output was valid with no input pending");
          }
          Mismatch m = compare(sim, pending.poll(), cycle);
          if (m != null) {
            return m;
          }
        }
      }
      if (cycle > stopAfter) {
        return null;
      }
    }
    if (inputValid != null && !pending.isEmpty()) {
      return new Mismatch(sim.cycle() - start, outputValid, pending.peek(), BigInteger.ONE, BigInteger.ZERO,
          pending.size() + " input(s) never produced a valid output");
    }
    return null;
  }

  private Map<String, BigInteger> idle() {
    Map<String, BigInteger> idle = new LinkedHashMap<>();
    if (inputValid != null) {
      idle.put(inputValid, BigInteger.ZERO);
    }
    return idle;
  }

  private Mismatch compare(Simulator sim, Map<String, BigInteger> inputs, long cycle) {
    Map<String, BigInteger> expected = golden.apply(inputs);
    for (Map.Entry<String, BigInteger> entry : expected.entrySet()) {
      Port port = design.port(entry.getKey()).orElseThrow(() ->
          new IllegalArgumentException("the golden model returned '" + entry.getKey() + "', which is not a port of "
              + design.name()));
      BigInteger want = Eval.toBits(entry.getValue(), port.type().width());
      BigInteger got = sim.peekBig(entry.getKey());
      compared++;
      if (!want.equals(got)) {
        return new Mismatch(cycle, entry.getKey(), inputs, want, got, null);
      }
    }
    return null;
  }

  private Path writeWindow(Engine engine, long failingCycle) {
    Path vcd = waveforms.resolve(design.name() + "-" + engine.name().toLowerCase() + "-cycle" + failingCycle + ".vcd");
    try (Simulator sim = engine.openTraceable(design)) {
      long from = Math.max(0, failingCycle - WINDOW);
      sim.reset(resetCycles);
      long start = sim.cycle();
      int index = 0;
      while (sim.cycle() - start < from && index < vectors.size()) {
        vectors.get(index++).forEach(sim::poke);
        sim.step();
      }
      sim.traceTo(vcd);
      while (sim.cycle() - start <= failingCycle + 2 && index < vectors.size()) {
        vectors.get(index++).forEach(sim::poke);
        sim.step();
      }
    } catch (RuntimeException e) {
      return null;
    }
    return vcd;
  }

  /** What a successful check compared. */
  public record Report(Engine engine, int vectors, long comparisons) {}

  private record Mismatch(long cycle, String port, Map<String, BigInteger> inputs, BigInteger expected,
      BigInteger actual, String problem) {

    String describe(Engine engine, Component<?> design, Path vcd) {
      StringBuilder text = new StringBuilder();
      text.append(design.name()).append(" differs from its golden model on the ").append(engine.name().toLowerCase())
          .append(" engine at cycle ").append(cycle).append(", output '").append(port).append("'");
      if (problem != null) {
        text.append(": ").append(problem);
      }
      HdlType<?> type = design.port(port).map(Port::type).orElse(null);
      text.append("\n  expected ").append(format(expected, type)).append("\n  actual   ").append(format(actual, type));
      text.append("\n  inputs:");
      inputs.forEach((name, value) -> text.append("\n    ").append(name).append(" = ")
          .append(format(value, design.port(name).map(Port::type).orElse(null))));
      if (vcd != null) {
        text.append("\n  waveform of the failing window: ").append(vcd.toAbsolutePath());
      }
      return text.toString();
    }
  }

  /** A raw value in hex and as a number of its type. */
  static String format(BigInteger raw, HdlType<?> type) {
    if (type == null) {
      return "0x" + raw.toString(16);
    }
    int width = type.width();
    BigInteger bits = Eval.toBits(raw, width);
    String hex = width + "'h" + bits.toString(16);
    if (type instanceof FixedType fixed) {
      BigInteger value = fixed.signed() ? Eval.toSigned(bits, width) : bits;
      return hex + " = " + fixed.toDecimal(value).stripTrailingZeros().toPlainString() + " (" + fixed + ")";
    }
    if (type.isSigned()) {
      return hex + " = " + Eval.toSigned(bits, width) + " (" + type + ")";
    }
    return hex + " = " + bits + " (" + type + ")";
  }

  private enum Corner {
    MOST_NEGATIVE, MOST_POSITIVE, ZERO, ALL_ONES;

    BigInteger of(HdlType<?> type) {
      int w = type.width();
      BigInteger ones = Eval.mask(w);
      return switch (this) {
        case ZERO -> BigInteger.ZERO;
        case ALL_ONES -> ones;
        case MOST_NEGATIVE -> type.isSigned() ? BigInteger.ONE.shiftLeft(w - 1) : BigInteger.ZERO;
        case MOST_POSITIVE -> type.isSigned() ? ones.shiftRight(1) : ones;
      };
    }
  }
}
