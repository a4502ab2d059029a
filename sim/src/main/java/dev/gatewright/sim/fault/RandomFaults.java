package dev.gatewright.sim.fault;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Faults at a rate: every stored bit of the chosen registers and memories, in every cycle of a window,
 * is hit independently with probability {@code rate} (a single-event upset for {@link Fault.Effect#FLIP},
 * a bit forced for one cycle for {@link Fault.Effect#ZERO} and {@link Fault.Effect#ONE}). The number of
 * faults of a draw is binomial with mean {@link #expectedFaults()}; the gaps between hits are drawn
 * geometrically, so a draw costs one random number per fault, not per bit. The same seed gives the
 * same faults.
 *
 * <p>This is the hardware side of {@code dev.gatewright.nn.FaultModel}: there a rate per bit of a
 * stored value, here per bit of a register per cycle.
 */
public final class RandomFaults {

  private final List<StateMap.Register> registers;
  private final List<StateMap.Memory> memories;
  private final double rate;
  private final long firstCycle;
  private final long cycles;
  private final Fault.Effect effect;
  /** Bit offsets of each site (registers, then memories) in one cycle's bits; the last entry is the total. */
  private final long[] offsets;

  public RandomFaults(List<StateMap.Register> registers, List<StateMap.Memory> memories, double rate, long firstCycle,
      long cycles, Fault.Effect effect) {
    this.registers = List.copyOf(registers);
    this.memories = List.copyOf(memories);
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("a fault rate is a probability per bit and cycle in [0, 1], not " + rate);
    }
    if (firstCycle < 0 || cycles < 1) {
      throw new IllegalArgumentException("faults need a window of at least one cycle from cycle 0 on, not "
          + cycles + " cycles from " + firstCycle);
    }
    this.rate = rate;
    this.firstCycle = firstCycle;
    this.cycles = cycles;
    this.effect = Objects.requireNonNull(effect, "effect");
    this.offsets = new long[this.registers.size() + this.memories.size() + 1];
    int k = 0;
    for (StateMap.Register register : this.registers) {
      offsets[k + 1] = offsets[k] + register.width();
      k++;
    }
    for (StateMap.Memory memory : this.memories) {
      offsets[k + 1] = offsets[k] + memory.bits();
      k++;
    }
    if (bits() == 0) {
      throw new IllegalArgumentException("random faults need at least one register or memory bit to hit");
    }
  }

  /** Upsets at {@code rate} in every register of {@code state}, in cycles {@code firstCycle ..}. */
  public static RandomFaults upsetsInRegisters(StateMap state, double rate, long firstCycle, long cycles) {
    return new RandomFaults(state.registers(), List.of(), rate, firstCycle, cycles, Fault.Effect.FLIP);
  }

  /** Stored bits hit in one cycle. */
  public long bits() {
    return offsets[offsets.length - 1];
  }

  /** Mean faults of a draw: rate × bits × cycles. */
  public double expectedFaults() {
    return rate * bits() * cycles;
  }

  /** One draw of faults, in cycle order. */
  public List<Fault> draw(RandomGenerator random) {
    List<Fault> faults = new ArrayList<>();
    if (rate == 0) {
      return faults;
    }
    long total = bits() * cycles;
    long position = skip(random);
    while (position < total && position >= 0) {
      faults.add(fault(position));
      long gap = skip(random);
      position = gap == Long.MAX_VALUE ? Long.MAX_VALUE : position + 1 + gap;
    }
    return faults;
  }

  /** Bits passed over before the next hit: geometric with success probability {@code rate}. */
  private long skip(RandomGenerator random) {
    if (rate >= 1) {
      return 0;
    }
    double u = 1 - random.nextDouble(); // in (0, 1]
    double gap = Math.floor(Math.log(u) / Math.log1p(-rate));
    return gap >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : (long) gap;
  }

  private Fault fault(long position) {
    long cycle = firstCycle + position / bits();
    long bit = position % bits();
    int site = Arrays.binarySearch(offsets, bit);
    site = site >= 0 ? site : -site - 2;
    long within = bit - offsets[site];
    if (site < registers.size()) {
      return new Fault.Register(registers.get(site).name(), (int) within, effect, cycle, 1);
    }
    StateMap.Memory memory = memories.get(site - registers.size());
    return new Fault.MemoryWord(memory.name(), (int) (within / memory.width()), (int) (within % memory.width()), effect,
        cycle, 1);
  }
}
