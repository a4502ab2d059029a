package dev.gatewright.hdl;

import static dev.gatewright.hdl.Hdl.module;
import static dev.gatewright.hdl.Hdl.mux;
import static dev.gatewright.hdl.Hdl.uint;
import static dev.gatewright.hdl.Hdl.when;

import dev.gatewright.hdl.ir.MemoryDef;

/**
 * A first-in first-out queue of stream payloads: {@code in} is accepted while fewer than {@code depth}
 * payloads are held, {@code out} offers the oldest (first-word fall-through: the head is valid the cycle
 * after it was pushed). A push and a pop in one cycle both happen, even when full or empty.
 */
public final class Fifo {

  private Fifo() {}

  /** The ports of a FIFO: a stream in, a stream out, and how many payloads it holds. */
  public static final class Io<T extends Data> extends Bundle {
    public final Stream<T> in;
    public final Stream<T> out;
    public final UInt occupancy;

    Io(DataType<T> payload, int depth) {
      in = input("in", Hdl.stream(payload));
      out = output("out", Hdl.stream(payload));
      occupancy = output("occupancy", uint(counterBits(depth)));
    }
  }

  /** A FIFO component for {@code depth} payloads of {@code payload}. */
  public static <T extends Data> Component<Io<T>> of(DataType<T> payload, int depth) {
    if (payload == null) {
      throw HdlException.here(null, "a FIFO needs a payload type, not null");
    }
    if (depth < 1 || depth > (1 << 20)) {
      throw HdlException.here(null, "a FIFO holds 1 to " + (1 << 20) + " payloads, not " + depth);
    }
    BundleType<Io<T>> ioType = Hdl.bundle(() -> new Io<>(payload, depth));
    return module("fifo" + depth, ioType, (m, io) -> {
      UIntType countType = uint(counterBits(depth));
      UInt count = m.reg("count", countType).init(0);
      Bool push = io.in.fire();
      Bool pop = io.out.fire();
      io.in.ready.assign(count.ne(depth));
      io.out.valid.assign(count.ne(0));
      UIntType word = uint(payload.totalWidth());
      if (depth == 1) {
        UInt slot = m.reg("slot", word);
        when(push, () -> slot.assign(Connections.pack(io.in.payload)));
        Connections.assignWhole(io.out.payload, Connections.unpack(slot, payload));
      } else {
        UIntType pointer = uint(MemoryDef.addressWidth(depth));
        Memory<UInt> slots = m.memory("slots", depth, word);
        UInt head = m.reg("head", pointer).init(0);
        UInt tail = m.reg("tail", pointer).init(0);
        when(push, () -> {
          slots.write(tail, Connections.pack(io.in.payload));
          tail.assign(next(tail, depth));
        });
        when(pop, () -> head.assign(next(head, depth)));
        Connections.assignWhole(io.out.payload, Connections.unpack(slots.readAsync(head), payload));
      }
      when(push.and(pop.not()), () -> count.assign(count.add(1).resize(countType, Overflow.WRAP)))
          .elseWhen(pop.and(push.not()), () -> count.assign(count.sub(1).resize(countType, Overflow.WRAP)));
      io.occupancy.assign(count);
    });
  }

  private static UInt next(UInt pointer, int depth) {
    UInt incremented = pointer.add(1).resize(pointer.type(), Overflow.WRAP);
    return mux(pointer.eq(depth - 1), Hdl.constant(0, pointer.type()), incremented);
  }

  private static int counterBits(int depth) {
    return 32 - Integer.numberOfLeadingZeros(depth);
  }
}
