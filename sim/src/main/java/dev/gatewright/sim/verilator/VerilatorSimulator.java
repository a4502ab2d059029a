package dev.gatewright.sim.verilator;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.gatewright.sim.verilator.jna.AbiBinding;
import dev.gatewright.sim.verilator.jna.NativeAbi;
import java.lang.ref.Cleaner;
import java.math.BigInteger;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Drives one Verilator model of a built design through JNA.
 *
 * <p>Semantics (the same as the Java engine's):
 * <ul>
 *   <li>{@link #poke} sets an input; the next rising clock edge samples it, and a {@link #peek} after it
 *       sees combinational paths settled;
 *   <li>{@link #step(long)} runs clock cycles; afterwards the outputs show the post-edge state. On a
 *       design without {@code clk}, a step just evaluates;
 *   <li>{@link #reset(int)} holds {@code rst} high (or {@code rst_n} low) for some cycles, then releases
 *       it; other inputs keep their values;
 *   <li>{@link #runBatch} does, for each cycle, poke every input from a frame, step once, and peek
 *       every output into a frame: exactly what the same pokes, steps and peeks would do, in one native
 *       call.
 * </ul>
 * Registers without a reset start at 0. Values of ports up to 64 bits are {@code long}s (zero-extended
 * when read; pokes take unsigned or two's-complement values that fit the width); wider ports are
 * {@link BigInteger}s.
 *
 * <p>One simulator, one model: use it from one thread at a time. Several simulators, of one design
 * or of several, may run on different threads. {@link #close()} frees the model; a simulator that
 * becomes unreachable unclosed is freed by a cleaner.
 */
public final class VerilatorSimulator implements AutoCloseable {

  private static final Cleaner CLEANER = Cleaner.create();
  private static final int CHUNK_CYCLES = 4096;

  private final VerilatorLibrary library;
  private final NativeDesign design;
  private final NativeAbi abi;
  private final BatchLayout layout;
  private final Handle state;
  private final Cleaner.Cleanable cleanable;
  private final long handle;
  private final ByteBuffer words;
  private final long wordsAddress;
  private final int clockIndex;
  private final Map<String, Integer> indexes = new HashMap<>();
  private boolean dirty;
  private long cycle;
  private boolean tracing;
  private LongBuffer chunkIn;
  private LongBuffer chunkOut;

  private VerilatorSimulator(VerilatorLibrary library) {
    this.library = Objects.requireNonNull(library, "library");
    this.design = library.design();
    this.abi = AbiBinding.direct(library.sharedLibrary());
    String expected = AbiWriter.descriptor(design, library.options().trace());
    String actual = abi.describe();
    if (!expected.equals(actual)) {
      throw new IllegalStateException("the library " + library.sharedLibrary() + " was built for\n  " + actual
          + "\nnot for\n  " + expected);
    }
    this.layout = new BatchLayout(design);
    for (int i = 0; i < design.ports().size(); i++) {
      indexes.put(design.ports().get(i).name(), i);
    }
    int maxWords = design.ports().stream().mapToInt(PortInfo::words32).max().orElse(1);
    this.words = ByteBuffer.allocateDirect(4 * maxWords).order(ByteOrder.LITTLE_ENDIAN);
    this.wordsAddress = address(words);
    this.clockIndex = design.clock().map(c -> design.indexOf(c.name())).orElse(-1);
    this.handle = abi.create();
    this.state = new Handle(abi, handle);
    this.cleanable = CLEANER.register(this, state);
    int status = abi.eval(handle);
    if (status != 0) {
      String error = abi.error(handle);
      close();
      throw new VerilatorSimulationException(design.top() + " could not start: " + error);
    }
  }

  /** A simulator of a built design. */
  public static VerilatorSimulator open(VerilatorLibrary library) {
    return new VerilatorSimulator(library);
  }

  /** Builds the design (through the default cache) with default options and opens a simulator. */
  public static VerilatorSimulator build(NativeDesign design) {
    return open(VerilatorBuild.withDefaultCache().build(design));
  }

  /** Builds the design (through the default cache) and opens a simulator. */
  public static VerilatorSimulator build(NativeDesign design, VerilatorOptions options) {
    return open(VerilatorBuild.withDefaultCache().build(design, options));
  }

  public NativeDesign design() {
    return design;
  }

  public VerilatorLibrary library() {
    return library;
  }

  public BatchLayout layout() {
    return layout;
  }

  /** Clock cycles run so far (steps, reset cycles and batch cycles). */
  public long cycle() {
    return cycle;
  }

  public int indexOf(String port) {
    Integer index = indexes.get(port);
    return index != null ? index : design.indexOf(port);
  }

  public void poke(String port, long value) {
    poke(indexOf(port), value);
  }

  public void poke(int index, long value) {
    PortInfo port = writable(index);
    if (port.isWide()) {
      poke(index, BigInteger.valueOf(value));
      return;
    }
    if (!Values.fits(value, port.width())) {
      throw new IllegalArgumentException(value + " (0x" + Long.toHexString(value) + ") does not fit "
          + port.width() + "-bit port " + port.name());
    }
    abi.poke(handle, index, value & Values.mask(port.width()));
    dirty = true;
  }

  public void poke(String port, BigInteger value) {
    poke(indexOf(port), value);
  }

  public void poke(int index, BigInteger value) {
    PortInfo port = writable(index);
    BigInteger bits;
    try {
      bits = Values.twosComplement(value, port.width());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(value + " does not fit " + port.width() + "-bit port " + port.name(), e);
    }
    if (!port.isWide()) {
      abi.poke(handle, index, bits.longValue());
    } else {
      for (int i = 0; i < port.words32(); i++) {
        words.putInt(4 * i, bits.shiftRight(32 * i).intValue());
      }
      abi.pokeWide(handle, index, wordsAddress);
    }
    dirty = true;
  }

  /** The value of a port of at most 64 bits, zero-extended. */
  public long peek(String port) {
    return peek(indexOf(port));
  }

  public long peek(int index) {
    PortInfo port = readable(index);
    if (port.isWide()) {
      throw new IllegalArgumentException("port " + port.name() + " is " + port.width()
          + " bits wide: read it with peekBig");
    }
    settle();
    return abi.peek(handle, index);
  }

  /** The value of a port of at most 64 bits read as two's complement. */
  public long peekSigned(String port) {
    int index = indexOf(port);
    int width = design.ports().get(index).width();
    long value = peek(index);
    return width >= 64 ? value : (value << (64 - width)) >> (64 - width);
  }

  /** The value of a port of any width, unsigned. */
  public BigInteger peekBig(String port) {
    return peekBig(indexOf(port));
  }

  public BigInteger peekBig(int index) {
    PortInfo port = readable(index);
    if (!port.isWide()) {
      return Values.unsigned(peek(index));
    }
    settle();
    abi.peekWide(handle, index, wordsAddress);
    BigInteger value = BigInteger.ZERO;
    for (int i = port.words32() - 1; i >= 0; i--) {
      value = value.shiftLeft(32).or(BigInteger.valueOf(Integer.toUnsignedLong(words.getInt(4 * i))));
    }
    return value;
  }

  /** Settles combinational logic after pokes, without a clock edge (peeks do this themselves). */
  public void eval() {
    open();
    check(abi.eval(handle));
    dirty = false;
  }

  public void step() {
    step(1);
  }

  /** Runs {@code cycles} rising clock edges. */
  public void step(long cycles) {
    open();
    if (cycles < 0) {
      throw new IllegalArgumentException("cannot step " + cycles + " cycles");
    }
    check(abi.step(handle, cycles));
    cycle += cycles;
    dirty = false;
  }

  /** {@link #reset(int) reset(1)}. */
  public void reset() {
    reset(1);
  }

  /**
   * Asserts {@code rst} (or {@code rst_n}) for {@code cycles} clock cycles, then releases it. A design
   * without a reset port just runs the cycles.
   */
  public void reset(int cycles) {
    open();
    if (cycles < 0) {
      throw new IllegalArgumentException("cannot reset for " + cycles + " cycles");
    }
    check(abi.reset(handle, cycles));
    cycle += cycles;
    dirty = true;
  }

  /**
   * Runs up to {@code cycles} cycles in one native call, reading input frames from {@code inputs} and
   * writing output frames to {@code outputs}, both direct buffers in native order, from their
   * positions, which advance past the frames used (as NIO bulk operations do).
   *
   * @return the cycles run: {@code cycles}, or fewer if the design called {@code $finish}
   */
  public long runBatch(long cycles, LongBuffer inputs, LongBuffer outputs) {
    open();
    requireDirect(inputs, "inputs");
    requireDirect(outputs, "outputs");
    long needIn = cycles * layout.inputSlots();
    long needOut = cycles * layout.outputSlots();
    if (cycles < 0 || inputs.remaining() < needIn || outputs.remaining() < needOut) {
      throw new IllegalArgumentException(cycles + " cycles need " + needIn + " input slots and " + needOut
          + " output slots; the buffers have " + inputs.remaining() + " and " + outputs.remaining() + " left");
    }
    long in = address(inputs) + 8L * inputs.position();
    long out = address(outputs) + 8L * outputs.position();
    long ran = abi.run(handle, cycles, in, out);
    check(ran < 0 ? -1 : 0);
    inputs.position(inputs.position() + (int) (ran * layout.inputSlots()));
    outputs.position(outputs.position() + (int) (ran * layout.outputSlots()));
    cycle += ran;
    dirty = false;
    return ran;
  }

  /**
   * Runs one cycle per input frame in {@code inputs} (its length a multiple of
   * {@link BatchLayout#inputSlots()}) and returns the output frames.
   */
  public long[] runBatch(long[] inputs) {
    long cycles = cyclesIn(inputs);
    long[] outputs = new long[Math.toIntExact(cycles * layout.outputSlots())];
    long ran = runBatch(inputs, outputs);
    return ran == cycles ? outputs : Arrays.copyOf(outputs, (int) (ran * layout.outputSlots()));
  }

  /**
   * Runs one cycle per input frame in {@code inputs}, writing output frames to {@code outputs}, in
   * native calls of up to 4096 cycles through reused direct buffers.
   *
   * @return the cycles run (fewer than the frames only after {@code $finish})
   */
  public long runBatch(long[] inputs, long[] outputs) {
    long cycles = cyclesIn(inputs);
    if (outputs.length < cycles * layout.outputSlots()) {
      throw new IllegalArgumentException(cycles + " cycles need " + cycles * layout.outputSlots()
          + " output slots, got " + outputs.length);
    }
    if (chunkIn == null) {
      chunkIn = directLongs(Math.max(1, CHUNK_CYCLES * layout.inputSlots()));
      chunkOut = directLongs(Math.max(1, CHUNK_CYCLES * layout.outputSlots()));
    }
    long done = 0;
    while (done < cycles) {
      int n = (int) Math.min(CHUNK_CYCLES, cycles - done);
      chunkIn.clear();
      chunkIn.put(inputs, (int) (done * layout.inputSlots()), n * layout.inputSlots()).flip();
      chunkOut.clear();
      long ran = runBatch(n, chunkIn, chunkOut);
      chunkOut.flip();
      chunkOut.get(outputs, (int) (done * layout.outputSlots()), (int) (ran * layout.outputSlots()));
      done += ran;
      if (ran < n) {
        break;
      }
    }
    return done;
  }

  /** A direct, native-order buffer for {@code cycles} input frames. */
  public LongBuffer allocateInputs(int cycles) {
    return directLongs(Math.max(1, cycles * layout.inputSlots()));
  }

  /** A direct, native-order buffer for {@code cycles} output frames. */
  public LongBuffer allocateOutputs(int cycles) {
    return directLongs(Math.max(1, cycles * layout.outputSlots()));
  }

  /** Whether the design has called {@code $finish}. */
  public boolean finished() {
    open();
    return abi.finished(handle) != 0;
  }

  /**
   * Writes a VCD waveform of every signal to {@code vcd} from now on (until {@link #closeTrace()} or
   * {@link #close()}); a trace already open is closed first. One clock period is 10 time units.
   * Needs a build with {@link VerilatorOptions#withTrace(boolean) trace}.
   */
  public void traceTo(Path vcd) {
    open();
    if (!library.options().trace()) {
      throw new IllegalStateException("design " + design.top()
          + " was built without tracing: build it with VerilatorOptions.defaults().withTrace(true)");
    }
    Path file = vcd.toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not create " + file.getParent(), e);
    }
    byte[] path = (file + "\0").getBytes(StandardCharsets.UTF_8);
    int status = abi.traceOpen(handle, path);
    if (status != 0) {
      throw new IllegalStateException("could not open VCD file " + file + " (status " + status + ")");
    }
    tracing = true;
  }

  /** Writes buffered waveform data to the VCD file. */
  public void flushTrace() {
    open();
    if (tracing) {
      abi.traceFlush(handle);
    }
  }

  public void closeTrace() {
    open();
    if (tracing) {
      abi.traceClose(handle);
      tracing = false;
    }
  }

  /** Closes the waveform and frees the native model. Idempotent. */
  @Override
  public void close() {
    cleanable.clean();
  }

  private void settle() {
    if (dirty) {
      check(abi.eval(handle));
      dirty = false;
    }
  }

  private PortInfo writable(int index) {
    open();
    PortInfo port = port(index);
    if (!port.isInput()) {
      throw new IllegalArgumentException("cannot poke output " + port.name() + " of " + design.top());
    }
    if (index == clockIndex) {
      throw new IllegalArgumentException("clk is driven by step(), not poked");
    }
    return port;
  }

  private PortInfo readable(int index) {
    open();
    return port(index);
  }

  private PortInfo port(int index) {
    if (index < 0 || index >= design.ports().size()) {
      throw new IndexOutOfBoundsException("port index " + index + " out of range for " + design.top()
          + " with " + design.ports().size() + " ports");
    }
    return design.ports().get(index);
  }

  private void open() {
    if (state.closed) {
      throw new IllegalStateException("the simulator of " + design.top() + " is closed");
    }
  }

  private void check(int status) {
    if (status != 0 || state.failed) {
      state.failed = true;
      throw new VerilatorSimulationException(design.top() + " at cycle " + cycle + ": " + abi.error(handle));
    }
  }

  private long cyclesIn(long[] inputs) {
    int frame = layout.inputSlots();
    if (frame == 0) {
      throw new IllegalArgumentException(design.top()
          + " has no batch inputs: use runBatch(cycles, inputs, outputs) with an empty input buffer");
    }
    if (inputs.length % frame != 0) {
      throw new IllegalArgumentException("inputs hold " + inputs.length + " slots, not a multiple of the "
          + frame + "-slot input frame");
    }
    return inputs.length / frame;
  }

  private static LongBuffer directLongs(int slots) {
    return ByteBuffer.allocateDirect(8 * slots).order(ByteOrder.nativeOrder()).asLongBuffer();
  }

  private static void requireDirect(LongBuffer buffer, String what) {
    if (!buffer.isDirect() || buffer.order() != ByteOrder.nativeOrder()) {
      throw new IllegalArgumentException(what + " must be a direct buffer in native byte order"
          + " (see allocateInputs/allocateOutputs)");
    }
  }

  private static long address(Buffer buffer) {
    return Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
  }

  /** What the cleaner needs to free the model; holds no reference to the simulator. */
  private static final class Handle implements Runnable {
    private final NativeAbi abi;
    private final long handle;
    private volatile boolean closed;
    private boolean failed;

    Handle(NativeAbi abi, long handle) {
      this.abi = abi;
      this.handle = handle;
    }

    @Override
    public void run() {
      closed = true;
      abi.destroy(handle);
    }
  }
}
