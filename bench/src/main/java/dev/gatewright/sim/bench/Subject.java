package dev.gatewright.sim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** One way to simulate a design in the benchmark: its outputs on the first pass from reset, and timed runs. */
interface Subject extends AutoCloseable {

  String name();

  long[] firstPass();

  Measured measure(double seconds);

  @Override
  void close();

  /**
   * Cycles run in a measurement, its wall time and the CPU time of the thread (or process) that ran
   * them. On a shared, loaded machine wall time measures the machine's load as much as the engine;
   * CPU time does not.
   */
  record Measured(long cycles, long nanos, long cpuNanos) {

    double cyclesPerSecond() {
      return cycles * 1e9 / nanos;
    }

    double cyclesPerCpuSecond() {
      return cycles * 1e9 / Math.max(1, cpuNanos);
    }
  }

  /** An engine inside this JVM: whole passes over the ring until the time is up. */
  abstract class InProcess implements Subject {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String name;
    private final int ring;

    InProcess(String name, int ring) {
      this.name = name;
      this.ring = ring;
    }

    @Override
    public String name() {
      return name;
    }

    /** One pass over the ring. */
    abstract void pass();

    /** The outputs of the last pass. */
    abstract long[] outputs();

    @Override
    public long[] firstPass() {
      pass();
      long[] first = outputs().clone();
      pass();  // warm-up
      return first;
    }

    @Override
    public Measured measure(double seconds) {
      long limit = (long) (seconds * 1e9);
      long cycles = 0;
      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      long elapsed;
      do {
        pass();
        cycles += ring;
        elapsed = System.nanoTime() - start;
      } while (elapsed < limit);
      return new Measured(cycles, elapsed, THREADS.getCurrentThreadCpuTime() - cpu);
    }
  }
}
