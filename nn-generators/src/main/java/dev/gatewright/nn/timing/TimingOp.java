package dev.gatewright.nn.timing;

/**
 * What the delay of one node of a {@link TimedGraph} depends on. A {@link DelayModel} turns it into the
 * arrival time of every output bit from those of the operand bits ({@link DelayModel#forward}), and back
 * ({@link DelayModel#backward}).
 */
public sealed interface TimingOp {

  /** Calls the method of {@code visitor} for this op's kind. */
  <R> R accept(Visitor<R> visitor);

  /** One method per kind of op. */
  interface Visitor<R> {
    R add(Add op);

    R word(Word op);

    R multiply(Multiply op);

    R wire(Wire op);

    R compress(Compress op);

    R source(Source op);
  }

  /**
   * A two-operand adder or subtractor {@code (±(a << shiftA) ± (b << shiftB)) >> dropped}: operands 0 and
   * 1 of the node, each sign- or zero-extended as the operand says. Bits below the higher shift where only
   * an added operand is live are wires; from there a carry runs to the top.
   */
  record Add(int shiftA, boolean negateA, int shiftB, boolean negateB, int dropped) implements TimingOp {
    public Add {
      if (shiftA < 0 || shiftB < 0 || dropped < 0) {
        throw new IllegalArgumentException("shifts and dropped bits are >= 0, not " + shiftA + ", " + shiftB + ", "
            + dropped);
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.add(this);
    }
  }

  /**
   * Logic on whole words: a carry chain of {@code chainBits} (an adder of a constant, a comparison, a
   * rounding increment; 0 for none) then {@code logicLevels} levels of small logic (LUTs on an FPGA, a
   * few gates on an ASIC: a multiplexer, a saturation), {@code repeats} times in series (a chain of
   * comparisons). Every output bit waits for every input bit.
   */
  record Word(int chainBits, int logicLevels, int repeats) implements TimingOp {
    public Word {
      if (chainBits < 0 || logicLevels < 0 || repeats < 1) {
        throw new IllegalArgumentException("chain bits and logic levels are >= 0 and repeats >= 1, not " + chainBits
            + ", " + logicLevels + ", " + repeats);
      }
    }

    public Word(int chainBits, int logicLevels) {
      this(chainBits, logicLevels, 1);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.word(this);
    }
  }

  /**
   * A product of operand 0 and a constant with {@code constantBits} significant bits and
   * {@code setBits} nonzero bits, as synthesis builds a plain {@code *}: a DSP block where the target has
   * one, else shift-and-add.
   */
  record Multiply(int constantBits, int setBits) implements TimingOp {
    public Multiply {
      if (constantBits < 1 || setBits < 1 || setBits > constantBits) {
        throw new IllegalArgumentException("a constant of " + constantBits + " bits cannot have " + setBits + " set bits");
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.multiply(this);
    }
  }

  /**
   * A multi-operand sum: {@code levels} levels of carry-save adders (full adders, no carry across the word),
   * then one carry-propagate adder of {@code finalBits} (0: none, a single word is left). Every output bit
   * waits for every input bit.
   */
  record Compress(int levels, int finalBits) implements TimingOp {
    public Compress {
      if (levels < 0 || finalBits < 0) {
        throw new IllegalArgumentException("levels and final adder bits are >= 0, not " + levels + ", " + finalBits);
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.compress(this);
    }
  }

  /** Wiring: slices, concatenations, views. No delay. */
  record Wire() implements TimingOp {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.wire(this);
    }
  }

  /** A node with no logic of its own whose value is given (an input): its bits arrive at the stage's start. */
  record Source() implements TimingOp {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.source(this);
    }
  }
}
