package dev.gatewright.pipeline;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.hw.NetworkHardware;
import dev.gatewright.nn.hw.NetworkIo;
import dev.gatewright.nn.hw.Observation;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.CoSimulationMismatch;
import dev.gatewright.sim.Engine;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Runs a stream of packed network inputs through the hardware against the golden model, a chunk of cycles
 * at a time (so no more than a chunk of vectors is held), comparing every observed output; hands each
 * input's golden trace to an observer, in input order.
 */
final class ChunkedCoSimulation {

  /** Sees the golden trace of input {@code index} (counted from 0) as the hardware takes it. */
  @FunctionalInterface
  interface TraceObserver {
    void observe(long index, long[][] trace);
  }

  /** How a run ended: values compared and inputs checked, and the first difference (null when bit-exact). */
  record Outcome(long comparisons, long checked, String mismatch) {}

  private final NetworkHardware hardware;
  private final GoldenModel golden;
  private final Engine engine;
  private final Path waves;
  private final int chunkCycles;
  private long observed;

  ChunkedCoSimulation(NetworkHardware hardware, GoldenModel golden, Engine engine, Path waves, int chunkCycles) {
    this.hardware = hardware;
    this.golden = golden;
    this.engine = engine;
    this.waves = waves;
    this.chunkCycles = chunkCycles;
  }

  Outcome run(Iterator<BigInteger> inputs, TraceObserver observer) {
    List<Observation> observations = hardware.observedWith("out_valid");
    int interval = hardware.initiationInterval();
    int chunk = Math.max(1, chunkCycles / interval);
    long comparisons = 0;
    long checked = 0;
    observed = 0;
    while (inputs.hasNext()) {
      CoSimulation<NetworkIo> check = CoSimulation.of(hardware.module())
          .valid(io -> io.inValid, io -> io.outValid).latency(hardware.latency()).interval(interval)
          .waveformsIn(waves)
          .golden((io, in, out) -> {
            long[][] trace = hardware.trace(golden, in.get(io.x));
            for (Observation observation : observations) {
              out.set(observation.values().apply(io), observation.expected(trace));
            }
            observer.observe(observed++, trace);
          });
      long first = checked;
      for (int k = 0; k < chunk && inputs.hasNext(); k++, checked++) {
        BigInteger x = inputs.next();
        check.vector((io, v) -> v.set(io.inValid, 1).set(io.x, x));
        for (int idle = 1; idle < interval; idle++) {
          check.vector((io, v) -> v.set(io.inValid, 0).set(io.x, 0));
        }
      }
      try {
        comparisons += check.check(engine).comparisons();
      } catch (CoSimulationMismatch mismatch) {
        String where = first == 0 && !inputs.hasNext() ? ""
            : String.format(Locale.ROOT, "in input vectors %,d..%,d (cycles counted from the first of them): ",
                first + 1, checked);
        return new Outcome(comparisons, checked, where + mismatch.getMessage());
      }
    }
    return new Outcome(comparisons, checked, null);
  }
}
