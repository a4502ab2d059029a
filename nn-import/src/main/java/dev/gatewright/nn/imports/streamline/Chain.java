package dev.gatewright.nn.imports.streamline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The element-wise functions still to be applied to one element's value, in order: what the graph computes
 * on a value after the last network layer and before the next quantizer, matrix product or output.
 * Adjacent affine steps are merged. Evaluated exactly on rationals, except for the transcendental curves
 * (tanh, sigmoid), which are evaluated in double as a float model would.
 */
public record Chain(List<Step> steps) {

  public static final Chain IDENTITY = new Chain(List.of());

  public Chain {
    steps = List.copyOf(steps);
  }

  /** One element-wise function. */
  public sealed interface Step {}

  /** {@code z ↦ mul · z + add}. */
  public record Affine(Rational mul, Rational add) implements Step {
    public Affine {
      Objects.requireNonNull(mul, "mul");
      Objects.requireNonNull(add, "add");
    }
  }

  /** {@code z ↦ max(z, 0)}. */
  public record Relu() implements Step {}

  /** {@code z ↦ min(max(z, low), high)}; a null bound is absent. */
  public record Clip(Rational low, Rational high) implements Step {}

  /** A monotone non-decreasing transcendental function, evaluated in double. */
  public record Curve(String function) implements Step {
    public Curve {
      if (!function.equals("tanh") && !function.equals("sigmoid")) {
        throw new IllegalArgumentException("unknown curve " + function);
      }
    }
  }

  public static Chain affine(Rational mul, Rational add) {
    return IDENTITY.then(new Affine(mul, add));
  }

  /** This chain followed by {@code step}. */
  public Chain then(Step step) {
    List<Step> s = new ArrayList<>(steps);
    if (step instanceof Affine next && !s.isEmpty() && s.get(s.size() - 1) instanceof Affine last) {
      s.set(s.size() - 1, new Affine(next.mul().multiply(last.mul()), next.mul().multiply(last.add()).add(next.add())));
    } else if (!(step instanceof Affine a && a.mul().equals(Rational.ONE) && a.add().signum() == 0)) {
      s.add(step);
    }
    return new Chain(s);
  }

  public boolean isIdentity() {
    return steps.isEmpty();
  }

  /** Whether every step is affine (so the chain is one affine map). */
  public boolean isAffine() {
    return steps.stream().allMatch(Affine.class::isInstance);
  }

  /** The chain as one affine map; only for {@link #isAffine()} chains. */
  public Affine asAffine() {
    if (steps.isEmpty()) {
      return new Affine(Rational.ONE, Rational.ZERO);
    }
    if (steps.size() != 1 || !(steps.get(0) instanceof Affine a)) {
      throw new IllegalStateException("not an affine chain: " + this);
    }
    return a;
  }

  /** +1 when the chain never decreases, -1 when it never increases, 0 when it is constant. */
  public int direction() {
    int sign = 1;
    for (Step s : steps) {
      if (s instanceof Affine a) {
        sign *= a.mul().signum();
      }
    }
    return sign;
  }

  public Rational apply(Rational z) {
    for (Step s : steps) {
      if (s instanceof Affine a) {
        z = a.mul().multiply(z).add(a.add());
      } else if (s instanceof Relu) {
        z = z.signum() < 0 ? Rational.ZERO : z;
      } else if (s instanceof Clip c) {
        z = c.low() != null ? z.max(c.low()) : z;
        z = c.high() != null ? z.min(c.high()) : z;
      } else if (s instanceof Curve c) {
        double x = z.doubleValue();
        z = Rational.of(c.function().equals("tanh") ? Math.tanh(x) : 1 / (1 + Math.exp(-x)));
      }
    }
    return z;
  }

  @Override
  public String toString() {
    return steps.toString();
  }
}
