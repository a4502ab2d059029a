package dev.gatewright.hdl;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.when;

/**
 * A valid/ready stream of payloads: a transfer happens in a cycle where both {@link #valid} and
 * {@link #ready} hold ({@link #fire()}). The sender drives {@code valid} and {@code payload}, the receiver
 * {@code ready}; a stream output port sends, a stream input port receives.
 */
public final class Stream<T extends Data> extends Bundle {

  public final Bool valid = output("valid", bool());
  public final Bool ready = input("ready", bool());
  public final T payload;

  Stream(DataType<T> payloadType) {
    payload = output("payload", payloadType);
  }

  @SuppressWarnings("unchecked")
  private BundleType<Stream<T>> type() {
    return (BundleType<Stream<T>>) dataType();
  }

  @SuppressWarnings("unchecked")
  private DataType<T> payloadType() {
    return (DataType<T>) payload.dataType();
  }

  /** Whether a transfer happens this cycle. */
  public Bool fire() {
    return valid.and(ready);
  }

  /**
   * A register slice on the forward path: {@code valid} and {@code payload} come out of registers, one
   * cycle later; {@code ready} passes combinationally. Full throughput.
   */
  public Stream<T> m2sPipe() {
    ModuleBuilder m = ModuleBuilder.active();
    String base = name("m2s");
    Stream<T> out = m.wire(base, type());
    Bool fullValid = m.reg(base + "_valid_q", bool()).init(false);
    T data = m.reg(base + "_payload_q", payloadType());
    ready.assign(out.ready.or(fullValid.not()));
    when(ready, () -> {
      fullValid.assign(valid);
      Connections.assignWhole(data, payload);
    });
    out.valid.assign(fullValid);
    Connections.assignWhole(out.payload, data);
    return out;
  }

  /**
   * A register slice on the backward path (a skid buffer): {@code ready} comes out of a register, so no
   * combinational path runs from the output's ready to this stream's ready. Full throughput.
   */
  public Stream<T> s2mPipe() {
    ModuleBuilder m = ModuleBuilder.active();
    String base = name("s2m");
    Stream<T> out = m.wire(base, type());
    Bool held = m.reg(base + "_held_q", bool()).init(false);
    T data = m.reg(base + "_payload_q", payloadType());
    ready.assign(held.not());
    when(out.ready, () -> held.assign(false)).elseWhen(valid, () -> held.assign(true));
    when(ready, () -> Connections.assignWhole(data, payload));
    out.valid.assign(valid.or(held));
    Connections.assignWhole(out.payload, Hdl.muxData(held, data, payload));
    return out;
  }

  /** Both register slices: every signal of the interface is registered. */
  public Stream<T> fullPipe() {
    return m2sPipe().s2mPipe();
  }

  /** A FIFO of {@code depth} payloads between this stream and the returned one. */
  public Stream<T> queue(int depth) {
    ModuleBuilder m = ModuleBuilder.active();
    Fifo.Io<T> fifo = m.instance(name("fifo"), Fifo.of(payloadType(), depth));
    fifo.in.connect(this);
    return fifo.out;
  }

  private String name(String suffix) {
    return path().isEmpty() ? "stream_" + suffix : path() + "_" + suffix;
  }
}
