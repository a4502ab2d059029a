package dev.gatewright.sim.differential;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.IntSignal;
import dev.gatewright.hdl.IntType;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random designs for differential testing: random graphs of DSL operations over random widths
 * (some above 64 bits), registers with and without reset and enable, muxes and whens, fixed-point
 * resizes in every rounding and overflow mode, and memories. The same seed and size always give the
 * same design. Each design has an IO bundle (so designs can be instantiated side by side): it is drawn
 * once with inline ports to learn its ports, then again, from the same seed, behind a bundle of them.
 */
public final class RandomDesigns {

  static final int MAX_WIDTH = 160;

  private RandomDesigns() {}

  /** A random design and the type of its IO bundle. */
  public record RandomDesign(Component<RandomIo> component, BundleType<RandomIo> io) {}

  /** The ports of a random design, in the order they were drawn. */
  public static final class RandomIo extends Bundle {
    final List<Signal> inputs = new ArrayList<>();
    final List<Signal> outputs = new ArrayList<>();

    RandomIo(List<Port> ports) {
      for (Port port : ports) {
        if (port.isInput()) {
          inputs.add(input(port.name(), port.type()));
        } else {
          outputs.add(output(port.name(), port.type()));
        }
      }
    }
  }

  public static RandomDesign generate(long seed, int operations) {
    String name = "random_" + Long.toUnsignedString(seed, 36);
    Component<Void> draft = module(name, m -> new Generator(m, new Random(seed), null).build(operations));
    List<Port> ports = draft.ports();
    BundleType<RandomIo> io = bundle(() -> new RandomIo(ports));
    Component<RandomIo> component = module(name, io, (m, bundle) -> new Generator(m, new Random(seed), bundle)
        .build(operations));
    return new RandomDesign(component, io);
  }

  private static final class Generator {
    final ModuleBuilder m;
    final Random random;
    final RandomIo io;
    final List<Signal> pool = new ArrayList<>();
    int names;

    Generator(ModuleBuilder m, Random random, RandomIo io) {
      this.m = m;
      this.random = random;
      this.io = io;
    }

    String name(String base) {
      return base + names++;
    }

    void build(int operations) {
      int inputs = 2 + random.nextInt(4);
      for (int i = 0; i < inputs; i++) {
        String name = name("in");
        HdlType<?> type = randomType();
        pool.add(io == null ? m.input(name, type) : io.inputs.get(i));
      }
      for (int i = 0; i < operations; i++) {
        Signal s = step();
        if (s != null && s.width() <= MAX_WIDTH) {
          pool.add(s);
        }
      }
      int outputs = 1 + random.nextInt(4);
      for (int i = 0; i < outputs; i++) {
        Signal s = pool.get(pool.size() - 1 - i % pool.size());
        String name = name("out");
        Signals.assign(io == null ? m.output(name, s.type()) : io.outputs.get(i), s);
      }
    }

    HdlType<?> randomType() {
      int width = random.nextInt(10) == 0 ? 65 + random.nextInt(70) : 1 + random.nextInt(20);
      return switch (random.nextInt(3)) {
        case 0 -> uint(width);
        case 1 -> sint(Math.max(2, width));
        default -> new FixedType(random.nextBoolean(), Math.max(2, width), random.nextInt(Math.max(2, width) + 4) - 2);
      };
    }

    Signal pick() {
      return pool.get(random.nextInt(pool.size()));
    }

    Signal pickNumber() {
      for (int tries = 0; tries < 20; tries++) {
        Signal s = pick();
        if (s instanceof IntSignal || s instanceof Fixed) {
          return s;
        }
      }
      return pick().asUInt();
    }

    /** A random number of {@code a}'s family: fixed point for fixed point, an integer for an integer. */
    Signal sameFamily(Signal a) {
      Signal b = pickNumber();
      boolean fixedA = a instanceof Fixed;
      boolean fixedB = b instanceof Fixed;
      if (fixedA == fixedB) {
        return b;
      }
      return fixedA ? b.asSInt().toFixed() : integer(b);
    }

    /** The bits of a fixed-point value read as an integer of its signedness; integers as they are. */
    static IntSignal integer(Signal s) {
      if (s instanceof IntSignal i) {
        return i;
      }
      return s.type().isSigned() && s.width() > 1 ? s.asSInt() : s.asUInt();
    }

    Signal step() {
      Signal a = pickNumber();
      switch (random.nextInt(22)) {
        case 0: return Signals.add(a, sameFamily(a));
        case 1: return Signals.sub(a, sameFamily(a));
        case 2: {
          Signal b = sameFamily(a);
          return a.width() + b.width() <= MAX_WIDTH ? Signals.mul(a, b) : null;
        }
        case 3: return Signals.neg(a);
        case 4: {
          UInt x = integer(a).asUInt();
          UInt y = integer(pickNumber()).asUInt();
          int w = Math.min(x.width(), y.width());
          return x.slice(w - 1, 0).and(y.slice(w - 1, 0)).or(x.slice(w - 1, 0).xor(y.slice(w - 1, 0)).not());
        }
        case 5: return cat(Signals.lt(a, sameFamily(a)), Signals.ge(a, sameFamily(a)), Signals.eq(a, sameFamily(a)),
            Signals.ne(a, sameFamily(a)));
        case 6: return Signals.shl(a, random.nextInt(8));
        case 7: return Signals.shr(a, random.nextInt(a.width() + 3));
        case 8: return a.width() < MAX_WIDTH - 16 ? Signals.shl(integer(a), fit(pickNumber(), 1 + random.nextInt(3))) : null;
        case 9: return Signals.shr(integer(a), fit(pickNumber(), 1 + random.nextInt(8)));
        case 10: {
          int high = random.nextInt(a.width());
          return a.slice(high, random.nextInt(high + 1));
        }
        case 11: return cat(a.bit(random.nextInt(a.width())).asUInt(), pick().asUInt());
        case 12: return mux(pick().orR(), a, sameType(a));
        case 13: return cat(a.andR(), a.orR(), a.xorR());
        case 14: return random.nextBoolean() ? integer(a).sext(a.width() + random.nextInt(40))
            : integer(a).zext(a.width() + random.nextInt(40));
        case 15: {
          Fixed f = a instanceof Fixed fixed ? fixed : integer(a).toFixed();
          FixedType target = new FixedType(random.nextBoolean(), 1 + random.nextInt(24), random.nextInt(20) - 4);
          Rounding rounding = Rounding.values()[random.nextInt(4)];
          Overflow overflow = Overflow.values()[random.nextInt(3)];
          return f.resize(target, rounding, overflow);
        }
        case 16: {
          IntSignal i = integer(a);
          IntType<?> target = random.nextBoolean() ? uint(1 + random.nextInt(20)) : sint(2 + random.nextInt(20));
          return i.resize(target, Overflow.values()[random.nextInt(3)]);
        }
        case 17: {
          Signal r = m.reg(name("r"), a.type());
          if (random.nextBoolean()) {
            Signals.initZero(r);
          }
          if (random.nextInt(3) == 0) {
            Signals.enable(r, pick().orR());
          }
          Signals.assign(r, sameType(a));
          return r;
        }
        case 18: {
          Signal w = m.wire(name("w"), a.type());
          Bool condition = pick().orR();
          Signal other = sameType(a);
          Bool second = pick().xorR();
          Signal inverted = a.asUInt().not().as(a.type());
          when(condition, () -> Signals.assign(w, a)).elseWhen(second, () -> Signals.assign(w, other))
              .otherwise(() -> Signals.assign(w, inverted));
          return w;
        }
        case 19: {
          int depth = 2 + random.nextInt(7);
          int bits = MemoryDef.addressWidth(depth);
          return memory(name("mem"), depth, a.type(), a, bits);
        }
        case 20: {
          Signal r = m.reg(name("acc"), a.type());
          Signals.initZero(r);
          Signals.assign(r, mux(pick().orR(), sameType(a), r));
          return Signals.add(r, sameFamily(r));
        }
        default: {
          long[] entries = new long[2 + random.nextInt(10)];
          int w = 1 + random.nextInt(16);
          for (int i = 0; i < entries.length; i++) {
            entries[i] = random.nextInt(1 << w);
          }
          int bits = MemoryDef.addressWidth(entries.length);
          UInt address = fit(a, bits);
          return m.rom(name("rom"), uint(w), entries).read(address);
        }
      }
    }

    @SuppressWarnings("unchecked")
    <S extends Signal> Signal memory(String name, int depth, HdlType<S> type, Signal data, int bits) {
      Memory<S> memory = m.memory(name, depth, type);
      UInt address = fit(pickNumber(), bits);
      Bool write = pick().orR();
      when(write, () -> memory.write(address, (S) data));
      UInt readAddress = fit(pickNumber(), bits);
      return random.nextBoolean() ? memory.readAsync(readAddress) : memory.readSync(readAddress);
    }

    /** The low {@code bits} bits of a value, zero-extended if it is narrower. */
    static UInt fit(Signal s, int bits) {
      UInt raw = s.asUInt();
      return raw.width() >= bits ? raw.slice(bits - 1, 0) : raw.zext(bits);
    }

    /** A random value of exactly {@code a}'s type. */
    Signal sameType(Signal a) {
      Signal b = pick();
      if (b.type().equals(a.type())) {
        return b;
      }
      UInt raw = b.asUInt();
      UInt fitted = raw.width() >= a.width() ? raw.slice(a.width() - 1, 0) : raw.zext(a.width());
      return fitted.as(a.type());
    }
  }
}
