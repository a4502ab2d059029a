package dev.gatewright.sim.verilator.jna;

/**
 * The C ABI of one built design, as Java sees it (not API: {@code VerilatorSimulator} is).
 *
 * <p>Handles and buffers are raw addresses ({@code long}); wide values are little-endian 32-bit words
 * at an address, batch frames little-endian 64-bit slots. The functions mirror {@code gw_*} in the
 * generated {@code abi.cpp}.
 */
public interface NativeAbi {

  String describe();

  long create();

  String error(long handle);

  void destroy(long handle);

  int poke(long handle, int index, long value);

  long peek(long handle, int index);

  int pokeWide(long handle, int index, long wordsAddress);

  int peekWide(long handle, int index, long wordsAddress);

  int eval(long handle);

  int step(long handle, long cycles);

  int reset(long handle, long cycles);

  long run(long handle, long cycles, long inAddress, long outAddress);

  int finished(long handle);

  /** {@code path} is NUL-terminated UTF-8. */
  int traceOpen(long handle, byte[] path);

  int traceFlush(long handle);

  int traceClose(long handle);
}
