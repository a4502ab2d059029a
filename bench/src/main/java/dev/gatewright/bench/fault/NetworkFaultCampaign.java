package dev.gatewright.bench.fault;

import dev.gatewright.hdl.Component;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.NetworkIo;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import dev.gatewright.sim.fault.CampaignPool;
import dev.gatewright.sim.fault.Fault;
import dev.gatewright.sim.fault.FaultSimulation;
import dev.gatewright.sim.fault.NativeFaultSimulation;
import dev.gatewright.sim.fault.RandomFaults;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Classifies digits on a generated network's hardware while its registers are upset at a rate, on the
 * Java engine, one independent run per digit on every core. A run gives the network one input, lets it
 * run until its result is due, with every register bit of every cycle upset with probability
 * {@code rate}; it is wrong when the result ({@code out_valid} at the due cycle, and {@code y} — the
 * class, or every output value) differs from the fault-free hardware's, and correct when the class
 * equals the label. The fault-free hardware must compute the golden model on every digit.
 */
public final class NetworkFaultCampaign {

  /** What one rate gave: runs, runs with a wrong result, runs classified correctly, faults injected. */
  public record Outcome(String design, double rate, long runs, long wrong, long correct, long faults, double seconds) {
    public double errorRate() {
      return (double) wrong / runs;
    }

    public double accuracy() {
      return (double) correct / runs;
    }
  }

  private final Network network;
  private final Component<NetworkIo> design;
  private final int latency;
  private final List<long[]> inputs;
  private final int[] labels;
  private final FaultSimulation.Factory factory;
  private final int threads;
  private final long[][] frames;
  private final long[][] clean;
  private final int inSlots;
  private final int outSlots;
  private final int yOffset;
  private final int validOffset;
  private final int yWidth;
  private final RandomFaults shape;
  /** The frame whose outputs hold the result of the input given in frame 0. */
  private final int resultCycle;

  /**
   * @param inputs the raw network inputs of each digit
   * @param labels each digit's class
   */
  public NetworkFaultCampaign(Network network, Component<NetworkIo> design, int latency, List<long[]> inputs,
      int[] labels, int threads) {
    this.network = network;
    this.design = design;
    this.latency = latency;
    this.inputs = List.copyOf(inputs);
    this.labels = labels.clone();
    this.threads = threads;
    this.factory = NativeFaultSimulation.factory(design);
    try (FaultSimulation sim = factory.open()) {
      List<SimPort> in = sim.inputs();
      List<SimPort> out = sim.outputs();
      inSlots = Simulator.frameSlots(in);
      outSlots = Simulator.frameSlots(out);
      yOffset = offset(out, "y");
      validOffset = offset(out, "out_valid");
      yWidth = out.stream().filter(p -> p.name().equals("y")).findFirst().orElseThrow().width();
      shape = RandomFaults.upsetsInRegisters(sim.state(), 0, 0, latency + 1);
      frames = new long[inputs.size()][];
      clean = new long[inputs.size()][];
      GoldenModel golden = new GoldenModel(network);
      int due = -1;
      for (int d = 0; d < inputs.size(); d++) {
        frames[d] = frames(in, inputs.get(d));
        clean[d] = run(sim, frames[d], List.of());
        int validAt = -1;
        for (int c = 0; c <= latency && validAt < 0; c++) {
          validAt = clean[d][c * outSlots + validOffset] == 1 ? c : -1;
        }
        due = d == 0 ? validAt : due;
        BigInteger expected = VectorPorts.pack(golden.infer(inputs.get(d)), network.outputType());
        if (validAt < 0 || validAt != due || !read(clean[d], due, yOffset, yWidth).equals(expected)) {
          throw new IllegalStateException(design.name() + " without faults differs from the golden model on digit " + d
              + ": out_valid first high at cycle " + validAt + " (digit 0: " + due + ") with y = "
              + (validAt < 0 ? "none" : read(clean[d], validAt, yOffset, yWidth)) + ", expected " + expected);
        }
      }
      resultCycle = due;
    }
  }

  /** Register bits upset in one cycle. */
  public long registerBits() {
    return shape.bits();
  }

  /** Cycles of a run: up to the result. */
  public int cycles() {
    return resultCycle + 1;
  }

  /** Runs every digit once at {@code rate}; {@code progress} hears of each finished run. */
  public Outcome run(double rate, long seed, IntConsumer progress) {
    long start = System.nanoTime();
    List<Integer> digits = new ArrayList<>();
    for (int d = 0; d < inputs.size(); d++) {
      digits.add(d);
    }
    boolean argmax = network.layers().get(network.layers().size() - 1) instanceof Activation.Argmax;
    List<long[]> results = CampaignPool.run(factory, threads, digits, (sim, d) -> {
      RandomFaults faults = RandomFaults.upsetsInRegisters(sim.state(), rate, 0, resultCycle + 1);
      List<Fault> drawn = faults.draw(new SplittableRandom(seed * 1_000_003L + d));
      long[] out = run(sim, frames[d], drawn);
      boolean valid = out[resultCycle * outSlots + validOffset] == 1;
      BigInteger result = read(out, resultCycle, yOffset, yWidth);
      boolean same = valid && result.equals(read(clean[d], resultCycle, yOffset, yWidth));
      long[] y = VectorPorts.unpack(result, network.outputs(), network.outputType());
      int predicted = argmax ? (int) y[0] : argmaxOf(y);
      return new long[] {same ? 0 : 1, valid && predicted == labels[d] ? 1 : 0,
          drawn.size()};
    }, progress);
    long wrong = results.stream().mapToLong(r -> r[0]).sum();
    long correct = results.stream().mapToLong(r -> r[1]).sum();
    long injected = results.stream().mapToLong(r -> r[2]).sum();
    return new Outcome(design.name(), rate, digits.size(), wrong, correct, injected, (System.nanoTime() - start) / 1e9);
  }

  private static int argmaxOf(long[] y) {
    int best = 0;
    for (int i = 1; i < y.length; i++) {
      best = y[i] > y[best] ? i : best;
    }
    return best;
  }

  private long[] frames(List<SimPort> ports, long[] x) {
    long[] frames = new long[(latency + 1) * inSlots];
    BigInteger packed = VectorPorts.pack(x, network.inputType());
    int offset = 0;
    for (SimPort port : ports) {
      if (port.name().equals("in_valid")) {
        frames[offset] = 1;
      } else if (port.name().equals("x")) {
        for (int s = 0; s < port.slots(); s++) {
          frames[offset + s] = packed.shiftRight(64 * s).longValue();
        }
      }
      offset += port.slots();
    }
    return frames;
  }

  private long[] run(FaultSimulation sim, long[] frames, List<Fault> faults) {
    long[] out = new long[(latency + 1) * outSlots];
    sim.restart(2);
    sim.run(frames, out, faults);
    return out;
  }

  private BigInteger read(long[] out, int cycle, int offset, int width) {
    BigInteger value = BigInteger.ZERO;
    int slots = (width + 63) / 64;
    for (int s = slots - 1; s >= 0; s--) {
      value = value.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(out[cycle * outSlots + offset + s])));
    }
    return value;
  }

  private static int offset(List<SimPort> ports, String name) {
    int offset = 0;
    for (SimPort port : ports) {
      if (port.name().equals(name)) {
        return offset;
      }
      offset += port.slots();
    }
    throw new IllegalStateException("the network has no port " + name);
  }
}
