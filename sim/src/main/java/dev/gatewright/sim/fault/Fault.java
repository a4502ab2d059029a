package dev.gatewright.sim.fault;

import java.util.Objects;

/**
 * One fault in a simulated design: a bit of a register, a memory word or a net, and what happens to it
 * from a clock cycle on. Cycles are counted from the first input frame of a run (frame {@code k} is
 * cycle {@code k}); a fault at cycle {@code k} acts on the state the clock edge of cycle {@code k}
 * leaves, so the outputs of frame {@code k} already see it.
 *
 * <ul>
 *   <li>{@link Effect#FLIP} on a register or memory bit is a single-event upset: the stored bit is
 *       inverted once and stays so until the design writes it again ({@code cycles} is 1);
 *   <li>{@link Effect#ZERO} and {@link Effect#ONE} force the bit after every clock edge of
 *       {@code cycles} cycles: 1 for a one-cycle fault, {@link #PERMANENT} for a stuck-at;
 *   <li>on a net (a named wire or output, through {@link FaultInstrumentation}) every effect lasts
 *       {@code cycles} cycles: what the net's readers see is flipped or forced meanwhile.
 * </ul>
 */
public sealed interface Fault {

  /** A fault that lasts to the end of the run. */
  long PERMANENT = Long.MAX_VALUE;

  /** What a fault does to its bit. */
  enum Effect { FLIP, ZERO, ONE }

  /** The bit within its register, word or net (0 = least significant). */
  int bit();

  Effect effect();

  /** The first cycle the fault acts in. */
  long cycle();

  /** How many cycles it acts in (see the class comment). */
  long cycles();

  /** Whether the fault acts in {@code c}. */
  default boolean activeIn(long c) {
    return c >= cycle() && c - cycle() < cycles();
  }

  /** A bit of a register, by its path in the flattened hierarchy ({@link StateMap}). */
  record Register(String register, int bit, Effect effect, long cycle, long cycles) implements Fault {
    public Register {
      Objects.requireNonNull(register, "register");
      check(bit, effect, cycle, cycles, true);
    }
  }

  /** A bit of a memory word. */
  record MemoryWord(String memory, int address, int bit, Effect effect, long cycle, long cycles) implements Fault {
    public MemoryWord {
      Objects.requireNonNull(memory, "memory");
      if (address < 0) {
        throw new IllegalArgumentException("a memory address is not negative: " + address);
      }
      check(bit, effect, cycle, cycles, true);
    }
  }

  /** A bit of a named net (a wire or an output) of an instrumented design. */
  record Net(String net, int bit, Effect effect, long cycle, long cycles) implements Fault {
    public Net {
      Objects.requireNonNull(net, "net");
      check(bit, effect, cycle, cycles, false);
    }
  }

  /** A single-event upset of a register bit at {@code cycle}. */
  static Fault upset(String register, int bit, long cycle) {
    return new Register(register, bit, Effect.FLIP, cycle, 1);
  }

  /** A register bit stuck at {@code value} from {@code cycle} to the end of the run. */
  static Fault stuckAt(String register, int bit, boolean value, long cycle) {
    return new Register(register, bit, value ? Effect.ONE : Effect.ZERO, cycle, PERMANENT);
  }

  private static void check(int bit, Effect effect, long cycle, long cycles, boolean stored) {
    Objects.requireNonNull(effect, "effect");
    if (bit < 0) {
      throw new IllegalArgumentException("a fault's bit is not negative: " + bit);
    }
    if (cycle < 0) {
      throw new IllegalArgumentException("a fault's cycle is not negative: " + cycle);
    }
    if (cycles < 1) {
      throw new IllegalArgumentException("a fault lasts at least one cycle, not " + cycles);
    }
    if (stored && effect == Effect.FLIP && cycles != 1) {
      throw new IllegalArgumentException("an upset flips a stored bit once: its cycles are 1, not " + cycles);
    }
  }
}
