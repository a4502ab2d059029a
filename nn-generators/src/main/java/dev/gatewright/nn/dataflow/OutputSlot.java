package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.stream;
import static dev.gatewright.hdl.Hdl.when;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.Data;
import dev.gatewright.hdl.DataType;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.Stream;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;

/**
 * The output end every stage shares: an output register ({@code out_valid_q}, {@code out_payload_q}) behind
 * a skid buffer ({@link Stream#s2mPipe}), so that the stage's output valid and input ready come out of
 * registers and no combinational path runs from one stage's ready to another's. The stage's own registers
 * move only while {@link #enable()} is high: while the output register holds a payload the skid buffer
 * cannot take, the whole stage stands still (its timing is {@link OutputTiming}).
 */
final class OutputSlot<T extends Data> {

  private final ModuleBuilder m;
  private final Bool validQ;
  private final T payloadQ;
  private final Bool enable;

  private OutputSlot(ModuleBuilder m, Stream<T> out, DataType<T> payloadType) {
    this.m = m;
    validQ = m.reg("out_valid_q", bool()).init(false);
    payloadQ = m.reg("out_payload_q", payloadType);
    Stream<T> core = m.wire("core", stream(payloadType));
    core.valid.assign(validQ);
    assign(core.payload, payloadQ);
    out.connect(core.s2mPipe());
    enable = validQ.not().or(core.ready).named("enable");
  }

  /** The output slot of a stage whose output port is {@code out}. */
  @SuppressWarnings("unchecked")
  static <T extends Data> OutputSlot<T> of(ModuleBuilder m, Stream<T> out) {
    return new OutputSlot<>(m, out, (DataType<T>) out.payload.dataType());
  }

  /** High when the stage's registers may move this cycle. */
  Bool enable() {
    return enable;
  }

  /** A register of the stage's pipeline: loads {@code next} when {@link #enable()} is high. */
  <S extends Signal> S stage(String name, S next) {
    @SuppressWarnings("unchecked")
    S reg = (S) m.reg(name, next.dataType());
    when(enable, () -> assign(reg, next));
    return reg;
  }

  /** A valid bit of the pipeline (reset low) that loads {@code next} when enabled. */
  Bool validStage(String name, Bool next) {
    Bool reg = m.reg(name, bool()).init(false);
    when(enable, () -> reg.assign(next));
    return reg;
  }

  /** Loads the output register when enabled: {@code valid} says whether {@code payload} is an output. */
  void load(Bool valid, T payload) {
    when(enable, () -> {
      validQ.assign(valid);
      assign(payloadQ, payload);
    });
  }

  /** {@code target := value} for the payloads and registers of stages: bundles field by field, signals whole. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <D extends Data> void assign(D target, D value) {
    if (target instanceof Bundle b) {
      b.connect((Bundle) value);
    } else if (target instanceof Vec v) {
      v.assign((Vec) value);
    } else if (target instanceof Fixed f) {
      f.assign((Fixed) value);
    } else if (target instanceof UInt u) {
      u.assign((UInt) value);
    } else if (target instanceof SInt i) {
      i.assign((SInt) value);
    } else if (target instanceof Bool b) {
      b.assign((Bool) value);
    } else {
      throw new IllegalArgumentException("no register assignment for " + target.dataType());
    }
  }
}
