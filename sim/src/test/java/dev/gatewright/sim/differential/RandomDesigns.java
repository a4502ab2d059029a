package dev.gatewright.sim.differential;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.SIntType;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.UIntType;
import dev.gatewright.hdl.ir.MemoryDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random designs for differential testing: random graphs of DSL operations over random widths
 * (some above 64 bits), registers with and without reset and enable, muxes and whens, fixed-point
 * resizes in every rounding and overflow mode, and memories. The same seed and size always give the
 * same design.
 */
public final class RandomDesigns {

  static final int MAX_WIDTH = 160;

  private RandomDesigns() {}

  public static Module generate(long seed, int operations) {
    return module("random_" + Long.toUnsignedString(seed, 36), m -> new Generator(m, new Random(seed)).build(operations));
  }

  private static final class Generator {
    final ModuleBuilder m;
    final Random random;
    final List<Signal> pool = new ArrayList<>();
    int names;

    Generator(ModuleBuilder m, Random random) {
      this.m = m;
      this.random = random;
    }

    String name(String base) {
      return base + names++;
    }

    void build(int operations) {
      int inputs = 2 + random.nextInt(4);
      for (int i = 0; i < inputs; i++) {
        pool.add(m.input(name("in"), randomType()));
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
        m.output(name("out"), s.type()).assign(s);
      }
    }

    HdlType randomType() {
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
        if (s.type() instanceof UIntType || s.type() instanceof SIntType || s.type() instanceof FixedType) {
          return s;
        }
      }
      return pick().asUInt();
    }

    Signal sameFamily(Signal a) {
      Signal b = pickNumber();
      boolean fixedA = a.type() instanceof FixedType;
      boolean fixedB = b.type() instanceof FixedType;
      if (fixedA == fixedB) {
        return b;
      }
      return fixedA ? b.asSInt().toFixed() : b.as(b.type().isSigned() ? sint(b.width()) : uint(b.width()));
    }

    Signal integer(Signal s) {
      return s.type() instanceof FixedType ? s.as(s.type().isSigned() && s.width() > 1 ? sint(s.width()) : uint(s.width())) : s;
    }

    Signal step() {
      Signal a = pickNumber();
      switch (random.nextInt(22)) {
        case 0: return a.add(sameFamily(a));
        case 1: return a.sub(sameFamily(a));
        case 2: {
          Signal b = sameFamily(a);
          return a.width() + b.width() <= MAX_WIDTH ? a.mul(b) : null;
        }
        case 3: return a.neg();
        case 4: {
          Signal x = integer(a).asUInt();
          Signal y = integer(pickNumber()).asUInt();
          int w = Math.min(x.width(), y.width());
          return x.slice(w - 1, 0).and(y.slice(w - 1, 0)).or(x.slice(w - 1, 0).xor(y.slice(w - 1, 0)).not());
        }
        case 5: return cat(a.lt(sameFamily(a)), a.ge(sameFamily(a)), a.eq(sameFamily(a)), a.ne(sameFamily(a)));
        case 6: return a.shl(random.nextInt(8));
        case 7: return a.shr(random.nextInt(a.width() + 3));
        case 8: return a.width() < MAX_WIDTH - 16 ? a.shl(fit(pickNumber(), 1 + random.nextInt(3))) : null;
        case 9: return a.shr(fit(pickNumber(), 1 + random.nextInt(8)));
        case 10: {
          int high = random.nextInt(a.width());
          return a.slice(high, random.nextInt(high + 1));
        }
        case 11: return cat(a.bit(random.nextInt(a.width())).asUInt(), pick().asUInt());
        case 12: return mux(pick().orR(), a, sameType(a));
        case 13: return cat(a.andR(), a.orR(), a.xorR());
        case 14: return random.nextBoolean() ? integer(a).sext(a.width() + random.nextInt(40)) : integer(a).zext(a.width() + random.nextInt(40));
        case 15: {
          Signal f = a.type() instanceof FixedType ? a : integer(a).toFixed();
          FixedType target = new FixedType(random.nextBoolean(), 1 + random.nextInt(24), random.nextInt(20) - 4);
          Rounding rounding = Rounding.values()[random.nextInt(4)];
          Overflow overflow = Overflow.values()[random.nextInt(3)];
          return f.resize(target, rounding, overflow);
        }
        case 16: {
          Signal i = integer(a);
          HdlType target = random.nextBoolean() ? uint(1 + random.nextInt(20)) : sint(2 + random.nextInt(20));
          return i.resize(target, Overflow.values()[random.nextInt(3)]);
        }
        case 17: {
          var r = m.reg(name("r"), a.type());
          if (random.nextBoolean()) {
            r.init(0);
          }
          if (random.nextInt(3) == 0) {
            r.enable(pick().orR());
          }
          r.assign(sameType(a));
          return r;
        }
        case 18: {
          var w = m.wire(name("w"), a.type());
          Signal condition = pick().orR();
          when(condition, () -> w.assign(a)).elseWhen(pick().xorR(), () -> w.assign(sameType(a))).otherwise(() -> w.assign(a.not()));
          return w;
        }
        case 19: {
          int depth = 2 + random.nextInt(7);
          int bits = MemoryDef.addressWidth(depth);
          Memory memory = m.memory(name("mem"), depth, a.type());
          Signal address = fit(pickNumber(), bits);
          when(pick().orR(), () -> memory.write(address, a));
          Signal readAddress = fit(pickNumber(), bits);
          return random.nextBoolean() ? memory.readAsync(readAddress) : memory.readSync(readAddress);
        }
        case 20: {
          var r = m.reg(name("acc"), a.type()).init(0);
          r.assign(mux(pick().orR(), sameType(a), r));
          return r.add(sameFamily(r));
        }
        default: {
          long[] entries = new long[2 + random.nextInt(10)];
          int w = 1 + random.nextInt(16);
          for (int i = 0; i < entries.length; i++) {
            entries[i] = random.nextInt(1 << w);
          }
          int bits = MemoryDef.addressWidth(entries.length);
          Signal address = fit(a, bits);
          return m.rom(name("rom"), uint(w), entries).read(address);
        }
      }
    }

    /** The low {@code bits} bits of a value, zero-extended if it is narrower. */
    Signal fit(Signal s, int bits) {
      Signal raw = s.asUInt();
      return raw.width() >= bits ? raw.slice(bits - 1, 0) : raw.zext(bits);
    }

    /** A random value of exactly {@code a}'s type. */
    Signal sameType(Signal a) {
      Signal b = pick();
      if (b.type().equals(a.type())) {
        return b;
      }
      Signal raw = b.asUInt();
      Signal fitted = raw.width() >= a.width() ? raw.slice(a.width() - 1, 0) : raw.zext(a.width());
      return fitted.as(a.type());
    }
  }
}
