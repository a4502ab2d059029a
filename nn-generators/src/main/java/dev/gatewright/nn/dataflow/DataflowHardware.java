package dev.gatewright.nn.dataflow;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.VectorPorts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network built as a streaming dataflow pipeline ({@link DataflowGenerator}): its stages, its schedule and its
 * top module, whose ports are {@link StageIo}: a frame (the network's input vector) goes in as
 * {@link #inputBeats()} beats of {@link #inputLanes()} values, and leaves as {@link #outputBeats()} beats of the
 * network's output — or, for a network ending in an argmax, one {@link ClassScores} beat with the class and the
 * scores it was chosen from. {@link #beats} and {@link #expected} translate between frames and beats for a
 * co-simulation.
 */
public record DataflowHardware(Network network, Folding folding, List<Stage> stages, PipelineSchedule schedule,
    Component<? extends StageIo<?>> top) {

  public DataflowHardware {
    stages = List.copyOf(stages);
  }

  public int inputLanes() {
    return stages.get(0).inLanes();
  }

  public FixedType inputType() {
    return network.inputType();
  }

  public long inputBeats() {
    return network.inputs() / inputLanes();
  }

  public Stage last() {
    return stages.get(stages.size() - 1);
  }

  /** Whether the output beat is a class with its scores. */
  public boolean classifies() {
    return last() instanceof ArgmaxStage;
  }

  public long outputBeats() {
    return last().outBeats();
  }

  /** The frame {@code input} (raw values) as packed input beats, element 0 in the low bits. */
  public List<BigInteger> beats(long[] input) {
    int lanes = inputLanes();
    List<BigInteger> beats = new ArrayList<>();
    for (int b = 0; b < input.length / lanes; b++) {
      beats.add(VectorPorts.pack(Arrays.copyOfRange(input, b * lanes, (b + 1) * lanes), inputType()));
    }
    return beats;
  }

  /**
   * The output beats the hardware must send for a frame whose golden trace is {@code trace}
   * ({@link GoldenModel#trace}): per beat the packed values of each payload field, in the payload's order —
   * one field ({@code out_payload}) or, for a class, {@code y} then {@code scores}.
   */
  public List<List<BigInteger>> expected(long[][] trace) {
    long[] output = trace[trace.length - 1];
    List<List<BigInteger>> beats = new ArrayList<>();
    if (classifies()) {
      long[] scores = trace[trace.length - 2];
      beats.add(List.of(VectorPorts.pack(output, network.outputType()),
          VectorPorts.pack(scores, network.layers().get(network.layers().size() - 1).inputType())));
      return beats;
    }
    int lanes = last().outLanes();
    for (int b = 0; b < output.length / lanes; b++) {
      beats.add(List.of(VectorPorts.pack(Arrays.copyOfRange(output, b * lanes, (b + 1) * lanes),
          network.outputType())));
    }
    return beats;
  }

  /** The cycles an {@code frames}-frame run takes in co-simulation without pauses (see {@link PipelineSchedule#cycles}). */
  public long cycles(int frames) {
    return schedule.cycles(stages, frames);
  }

  /** Frames per second at {@code clockMhz}. */
  public double framesPerSecond(double clockMhz) {
    return clockMhz * 1e6 / schedule.cyclesPerFrame();
  }

  /** A frame's latency in microseconds at {@code clockMhz}. */
  public double latencyMicroseconds(double clockMhz) {
    return schedule.latency() / clockMhz;
  }
}
