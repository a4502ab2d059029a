package dev.gatewright.sim.bench;

import dev.gatewright.sim.Simulator;
import java.util.Arrays;

/**
 * (d) and (e): a Java engine ({@code runBatch}) over the ring in 4,096-cycle chunks: the compiled
 * engine, or the interpreter it replaced.
 */
final class JavaEngineSubject extends Subject.InProcess {

  static final int CHUNK = 4_096;

  private final Simulator sim;
  private final long[][] in;
  private final long[][] out;
  private final long[] outputs;

  JavaEngineSubject(String name, Simulator sim, long[] ring, int cycles) {
    super(name, cycles);
    this.sim = sim;
    int inSlots = Simulator.frameSlots(sim.batchInputs());
    int outSlots = Simulator.frameSlots(sim.batchOutputs());
    int chunks = cycles / CHUNK;
    this.in = new long[chunks][];
    this.out = new long[chunks][CHUNK * outSlots];
    for (int k = 0; k < chunks; k++) {
      in[k] = Arrays.copyOfRange(ring, k * CHUNK * inSlots, (k + 1) * CHUNK * inSlots);
    }
    this.outputs = new long[cycles * outSlots];
  }

  @Override
  void pass() {
    for (int k = 0; k < in.length; k++) {
      sim.runBatch(in[k], out[k]);
    }
  }

  @Override
  long[] outputs() {
    for (int k = 0; k < out.length; k++) {
      System.arraycopy(out[k], 0, outputs, k * out[k].length, out[k].length);
    }
    return outputs;
  }

  @Override
  public void close() {
    sim.close();
  }
}
