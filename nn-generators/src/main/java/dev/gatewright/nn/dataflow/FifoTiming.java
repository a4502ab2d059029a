package dev.gatewright.nn.dataflow;

/**
 * The timing of {@link dev.gatewright.hdl.Fifo}: ready while fewer than {@code depth} payloads are held,
 * valid while any is held (a payload pushed in one cycle can leave in the next). With no depth limit it
 * records the most it would ever need: the payloads held plus the one pushed in the same cycle.
 */
final class FifoTiming implements StageTiming {

  static final int UNBOUNDED = Integer.MAX_VALUE;

  private final int depth;
  private int count;
  private int peak;

  FifoTiming(int depth) {
    this.depth = depth;
  }

  @Override
  public boolean inReady() {
    return count != depth;
  }

  @Override
  public boolean outValid() {
    return count != 0;
  }

  @Override
  public void clock(boolean inFire, boolean outFire) {
    peak = Math.max(peak, count + (inFire ? 1 : 0));
    count += (inFire ? 1 : 0) - (outFire ? 1 : 0);
  }

  /** The most payloads held at once, counting one pushed while the queue held the rest. */
  int peak() {
    return peak;
  }

  boolean full() {
    return count == depth;
  }

  @Override
  public StageTiming reset() {
    return new FifoTiming(depth);
  }
}
