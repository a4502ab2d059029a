package dev.gatewright.sim.differential;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.EnumSignal;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.IntSignal;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;

/**
 * The typed DSL operators applied to signals whose kind a random generator only knows at run time: each
 * picks the operator of the operands' kinds (integers with integers, fixed point with fixed point).
 */
final class Signals {

  private Signals() {}

  static Signal add(Signal a, Signal b) {
    if (a instanceof Fixed f) {
      return f.add((Fixed) b);
    }
    if (a instanceof UInt u) {
      return b instanceof UInt v ? u.add(v) : u.add((SInt) b);
    }
    return ((SInt) a).add((IntSignal) b);
  }

  static Signal sub(Signal a, Signal b) {
    if (a instanceof Fixed f) {
      return f.sub((Fixed) b);
    }
    if (a instanceof UInt u) {
      return b instanceof UInt v ? u.sub(v) : u.sub((SInt) b);
    }
    return ((SInt) a).sub((IntSignal) b);
  }

  static Signal mul(Signal a, Signal b) {
    if (a instanceof Fixed f) {
      return f.mul((Fixed) b);
    }
    if (a instanceof UInt u) {
      return b instanceof UInt v ? u.mul(v) : u.mul((SInt) b);
    }
    return ((SInt) a).mul((IntSignal) b);
  }

  static Signal neg(Signal a) {
    if (a instanceof Fixed f) {
      return f.neg();
    }
    return a instanceof UInt u ? u.neg() : ((SInt) a).neg();
  }

  static Bool lt(Signal a, Signal b) {
    return a instanceof Fixed f ? f.lt((Fixed) b) : ((IntSignal) a).lt((IntSignal) b);
  }

  static Bool ge(Signal a, Signal b) {
    return a instanceof Fixed f ? f.ge((Fixed) b) : ((IntSignal) a).ge((IntSignal) b);
  }

  static Bool eq(Signal a, Signal b) {
    return a instanceof Fixed f ? f.eq((Fixed) b) : ((IntSignal) a).eq((IntSignal) b);
  }

  static Bool ne(Signal a, Signal b) {
    return a instanceof Fixed f ? f.ne((Fixed) b) : ((IntSignal) a).ne((IntSignal) b);
  }

  static Signal shl(Signal a, int amount) {
    if (a instanceof Fixed f) {
      return f.shl(amount);
    }
    return a instanceof UInt u ? u.shl(amount) : ((SInt) a).shl(amount);
  }

  static Signal shr(Signal a, int amount) {
    if (a instanceof Fixed f) {
      return f.shr(amount);
    }
    return a instanceof UInt u ? u.shr(amount) : ((SInt) a).shr(amount);
  }

  static Signal shl(IntSignal a, UInt amount) {
    return a instanceof UInt u ? u.shl(amount) : ((SInt) a).shl(amount);
  }

  static Signal shr(IntSignal a, UInt amount) {
    return a instanceof UInt u ? u.shr(amount) : ((SInt) a).shr(amount);
  }

  /** {@code target.assign(value)} for a target and value of one kind. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void assign(Signal target, Signal value) {
    if (target instanceof Bool b) {
      b.assign((Bool) value);
    } else if (target instanceof UInt u) {
      u.assign((UInt) value);
    } else if (target instanceof SInt s) {
      s.assign((SInt) value);
    } else if (target instanceof Fixed f) {
      f.assign((Fixed) value);
    } else if (target instanceof Vec v) {
      v.assign((Vec) value);
    } else if (target instanceof EnumSignal e) {
      e.assign((EnumSignal) value);
    } else {
      throw new IllegalArgumentException("no assignment for " + target.getClass().getSimpleName());
    }
  }

  /** Gives a register the reset value zero. */
  static void initZero(Signal register) {
    if (register instanceof UInt u) {
      u.init(0);
    } else if (register instanceof SInt s) {
      s.init(0);
    } else if (register instanceof Fixed f) {
      f.init(0.0);
    } else {
      throw new IllegalArgumentException("no zero reset value for " + register.getClass().getSimpleName());
    }
  }

  static void enable(Signal register, Bool enable) {
    if (register instanceof UInt u) {
      u.enable(enable);
    } else if (register instanceof SInt s) {
      s.enable(enable);
    } else if (register instanceof Fixed f) {
      f.enable(enable);
    } else {
      throw new IllegalArgumentException("no enable for " + register.getClass().getSimpleName());
    }
  }
}
