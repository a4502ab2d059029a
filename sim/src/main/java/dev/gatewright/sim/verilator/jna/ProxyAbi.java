package dev.gatewright.sim.verilator.jna;

import com.sun.jna.Library;

/**
 * {@link NativeAbi} through JNA interface mapping (a {@code java.lang.reflect.Proxy}); kept to measure
 * against {@link DirectAbi}.
 */
final class ProxyAbi implements NativeAbi {

  /** The library as JNA interface mapping sees it. */
  public interface Functions extends Library {
    String gw_describe();

    long gw_create();

    String gw_error(long handle);

    void gw_destroy(long handle);

    int gw_poke(long handle, int index, long value);

    long gw_peek(long handle, int index);

    int gw_poke_wide(long handle, int index, long words);

    int gw_peek_wide(long handle, int index, long words);

    int gw_eval(long handle);

    int gw_step(long handle, long cycles);

    int gw_reset(long handle, long cycles);

    long gw_run(long handle, long cycles, long in, long out);

    int gw_finished(long handle);

    int gw_trace_open(long handle, byte[] path);

    int gw_trace_flush(long handle);

    int gw_trace_close(long handle);
  }

  private final Functions f;

  ProxyAbi(Functions functions) {
    this.f = functions;
  }

  @Override
  public String describe() {
    return f.gw_describe();
  }

  @Override
  public long create() {
    return f.gw_create();
  }

  @Override
  public String error(long handle) {
    return f.gw_error(handle);
  }

  @Override
  public void destroy(long handle) {
    f.gw_destroy(handle);
  }

  @Override
  public int poke(long handle, int index, long value) {
    return f.gw_poke(handle, index, value);
  }

  @Override
  public long peek(long handle, int index) {
    return f.gw_peek(handle, index);
  }

  @Override
  public int pokeWide(long handle, int index, long wordsAddress) {
    return f.gw_poke_wide(handle, index, wordsAddress);
  }

  @Override
  public int peekWide(long handle, int index, long wordsAddress) {
    return f.gw_peek_wide(handle, index, wordsAddress);
  }

  @Override
  public int eval(long handle) {
    return f.gw_eval(handle);
  }

  @Override
  public int step(long handle, long cycles) {
    return f.gw_step(handle, cycles);
  }

  @Override
  public int reset(long handle, long cycles) {
    return f.gw_reset(handle, cycles);
  }

  @Override
  public long run(long handle, long cycles, long inAddress, long outAddress) {
    return f.gw_run(handle, cycles, inAddress, outAddress);
  }

  @Override
  public int finished(long handle) {
    return f.gw_finished(handle);
  }

  @Override
  public int traceOpen(long handle, byte[] path) {
    return f.gw_trace_open(handle, path);
  }

  @Override
  public int traceFlush(long handle) {
    return f.gw_trace_flush(handle);
  }

  @Override
  public int traceClose(long handle) {
    return f.gw_trace_close(handle);
  }
}
