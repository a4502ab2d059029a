package dev.gatewright.nn.dataflow;

/**
 * The timing of {@link OutputSlot}: a pipeline of {@code stages} registers behind the issue point (each
 * slot remembers whether it will produce an output), the output register and the skid buffer. Every
 * register moves only when the enable {@code !outValid_q || !held} is high.
 */
final class OutputTiming {

  private final boolean[] slots; // slots[0] is loaded by the issue, slots[last] feeds the output register
  private boolean validO;
  private boolean held;

  OutputTiming(int stages) {
    this.slots = new boolean[stages];
  }

  boolean enable() {
    return !validO || !held;
  }

  boolean outValid() {
    return validO || held;
  }

  /** The clock edge: {@code produced} whether this cycle's issue (if any) will make an output. */
  void clock(boolean produced, boolean outFire) {
    boolean en = enable();
    boolean outValid = outValid();
    held = outValid && !outFire;
    if (en) {
      if (slots.length == 0) {
        validO = produced;
      } else {
        validO = slots[slots.length - 1];
        System.arraycopy(slots, 0, slots, 1, slots.length - 1);
        slots[0] = produced;
      }
    }
  }

  /** Whether no output is in flight (every slot, the output register and the skid empty). */
  boolean idle() {
    for (boolean s : slots) {
      if (s) {
        return false;
      }
    }
    return !validO && !held;
  }
}
