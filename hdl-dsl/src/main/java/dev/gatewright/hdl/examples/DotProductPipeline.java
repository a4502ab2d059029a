package dev.gatewright.hdl.examples;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.SInt;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipelined dot product of {@code lanes} signed inputs with constant signed weights: registered
 * inputs, registered products, then an adder tree with a register after every level; a valid bit
 * travels alongside. The sum is full precision, so nothing can overflow.
 */
public record DotProductPipeline(int lanes, int inputWidth, long[] weights, int weightWidth) {

  /** 16 lanes of signed 8-bit inputs with fixed pseudo-random signed 8-bit weights. */
  public static DotProductPipeline sixteenLanes() {
    long[] weights = new long[16];
    java.util.Random random = new java.util.Random(16);
    for (int i = 0; i < weights.length; i++) {
      weights[i] = random.nextInt(256) - 128;
    }
    return new DotProductPipeline(16, 8, weights, 8);
  }

  public Component<Void> build() {
    return module("dot" + lanes + "_pipe", m -> {
      Bool valid = m.reg("valid_in_q", m.input("in_valid", bool())).init(false);
      List<SInt> level = new ArrayList<>();
      for (int i = 0; i < lanes; i++) {
        SInt x = m.reg("x" + i + "_q", m.input("x" + i, sint(inputWidth)));
        level.add(m.reg("p" + i + "_q", x.mul(constant(weights[i], sint(weightWidth)))));
      }
      valid = m.reg("valid_p_q", valid).init(false);
      int depth = 0;
      while (level.size() > 1) {
        List<SInt> next = new ArrayList<>();
        for (int i = 0; i + 1 < level.size(); i += 2) {
          next.add(m.reg("s" + depth + "_" + i / 2 + "_q", level.get(i).add(level.get(i + 1))));
        }
        if (level.size() % 2 == 1) {
          next.add(m.reg("s" + depth + "_" + level.size() / 2 + "_q", level.get(level.size() - 1)));
        }
        level = next;
        valid = m.reg("valid_s" + depth + "_q", valid).init(false);
        depth++;
      }
      m.output("out_valid", bool()).assign(valid);
      m.output("y", level.get(0).type()).assign(level.get(0));
    });
  }

  /** Register stages from an input to the output. */
  public int latency() {
    return 2 + (32 - Integer.numberOfLeadingZeros(lanes - 1));
  }
}
