package dev.gatewright.hdl;

/**
 * A memory of {@code depth} words of one signal type: writes are synchronous; reads are asynchronous
 * (combinational) or synchronous (the word appears one cycle after the address). Addresses are
 * {@code uint} of exactly {@code ceil(log2(depth))} bits.
 */
public final class Memory<S extends Signal> {

  private final ModuleBuilder module;
  final int index;
  private final String name;
  private final int depth;
  private final HdlType<S> type;

  Memory(ModuleBuilder module, int index, String name, int depth, HdlType<S> type) {
    this.module = module;
    this.index = index;
    this.name = name;
    this.depth = depth;
    this.type = type;
  }

  public String name() {
    return name;
  }

  public int depth() {
    return depth;
  }

  public HdlType<S> type() {
    return type;
  }

  /** Writes {@code data} at {@code address} on the next clock edge (where the enclosing whens hold). */
  public void write(UInt address, S data) {
    module.memoryWrite(this, address, data);
  }

  /** The word at {@code address}, combinationally. */
  public S readAsync(UInt address) {
    return module.memoryRead(this, address, null, false);
  }

  /** The word at {@code address}, one clock later. */
  public S readSync(UInt address) {
    return module.memoryRead(this, address, null, true);
  }

  /** The word at {@code address}, one clock later, read only when {@code enable} holds. */
  public S readSync(UInt address, Bool enable) {
    return module.memoryRead(this, address, enable, true);
  }
}
