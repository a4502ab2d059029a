package dev.gatewright.hdl;

/**
 * A memory of {@code depth} words: writes are synchronous; reads are asynchronous (combinational) or
 * synchronous (the word appears one cycle after the address). Addresses are {@code uint} of exactly
 * {@code ceil(log2(depth))} bits.
 */
public final class Memory {

  private final ModuleBuilder module;
  final int index;
  private final String name;
  private final int depth;
  private final HdlType type;

  Memory(ModuleBuilder module, int index, String name, int depth, HdlType type) {
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

  public HdlType type() {
    return type;
  }

  /** Writes {@code data} at {@code address} on the next clock edge (where the enclosing whens hold). */
  public void write(Signal address, Signal data) {
    module.memoryWrite(this, address, data);
  }

  /** The word at {@code address}, combinationally. */
  public Signal readAsync(Signal address) {
    return module.memoryRead(this, address, null, false);
  }

  /** The word at {@code address}, one clock later. */
  public Signal readSync(Signal address) {
    return module.memoryRead(this, address, null, true);
  }

  /** The word at {@code address}, one clock later, read only when {@code enable} is high. */
  public Signal readSync(Signal address, Signal enable) {
    return module.memoryRead(this, address, enable, true);
  }
}
