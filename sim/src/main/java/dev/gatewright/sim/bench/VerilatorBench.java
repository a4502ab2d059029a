package dev.gatewright.sim.bench;

import dev.gatewright.sim.verilator.BatchLayout;
import dev.gatewright.sim.verilator.NativeDesign;
import dev.gatewright.sim.verilator.PortInfo;
import dev.gatewright.sim.verilator.VerilatorBuild;
import dev.gatewright.sim.verilator.VerilatorLibrary;
import dev.gatewright.sim.verilator.VerilatorOptions;
import dev.gatewright.sim.verilator.VerilatorSimulator;
import dev.gatewright.sim.verilator.jna.AbiBinding;
import dev.gatewright.sim.verilator.jna.NativeAbi;
import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cycles per second of the Verilator engine on a 16-input signed 8-bit dot-product pipeline, each as a
 * ratio to a native C++ loop over the same model and the same inputs, and the build times.
 *
 * <p>Run from the repository root: {@code mvn -B -q -pl sim -am install -DskipTests}, then
 * {@code java -cp "sim/target/classes:$(cat sim/target/classpath.txt)" dev.gatewright.sim.bench.VerilatorBench}.
 * {@code --quick} runs a tenth of the cycles, {@code --keep} keeps the work folder. It needs verilator,
 * g++ and make, takes about two minutes on two cores, and builds in a temporary cache (the cold build
 * includes Verilator's runtime).
 *
 * <p>Every engine streams the same ring of 65,536 random input frames, one per cycle (poke all
 * inputs, one rising edge, read all outputs); each first pass from reset is checksummed and must agree
 * with the native loop.
 */
public final class VerilatorBench {

  private static final int RING = 65_536;
  private static final int ROUNDS = 3;

  private final Path work;
  private final double scale;
  private final List<String[]> rows = new ArrayList<>();

  private VerilatorBench(Path work, double scale) {
    this.work = work;
    this.scale = scale;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    boolean keep = List.of(args).contains("--keep");
    Path work = Files.createTempDirectory("gatewright-bench-");
    try {
      new VerilatorBench(work, quick ? 0.1 : 1.0).run();
    } finally {
      if (keep) {
        System.out.println("work folder kept: " + work);
      } else {
        AtomicFiles.deleteTree(work);
      }
    }
  }

  private void run() throws IOException {
    NativeDesign design = dotDesign(work.resolve("rtl"));
    System.out.printf("design %s: %d inputs, %d outputs; %d cores; %s; %s%n", design.top(),
        design.batchInputs().size(), design.batchOutputs().size(), Runtime.getRuntime().availableProcessors(),
        firstLine(ToolRunner.of(Tool.VERILATOR).run("--version").output()),
        firstLine(ToolRunner.of(Tool.CXX).run("--version").output()));

    // Build times: a fresh cache (runtime and design), a new design with the runtime cached, a hit.
    VerilatorBuild fresh = VerilatorBuild.inCache(work.resolve("cache"));
    VerilatorLibrary cold = fresh.build(design);
    NativeDesign edited = withComment(design, work.resolve("rtl2"));
    VerilatorLibrary coldDesign = fresh.build(edited);
    VerilatorLibrary hit = fresh.build(edited);
    long loadStart = System.nanoTime();
    VerilatorSimulator.open(hit).close();
    Duration load = Duration.ofNanos(System.nanoTime() - loadStart);

    BatchLayout layout;
    try (VerilatorSimulator probe = VerilatorSimulator.open(cold)) {
      layout = probe.layout();
    }
    long[] ring = inputs(layout, new Random(1));
    Path ringFile = work.resolve("inputs.bin");
    writeLongs(ringFile, ring);

    Native nativeLoop = buildNative(design, layout);
    Native nativeUnity = buildNativeUnity(design, nativeLoop);
    NativeAbi proxy = AbiBinding.proxy(cold.sharedLibrary());
    List<Engine> engines = List.of(
        new Engine("(a) native C++ loop, plain `verilator --exe --build` (-O2)",
            () -> nativeLoop.run(ringFile, cycles(20_000_000))),
        new Engine("(a) native C++ loop and model in one translation unit (-O2)",
            () -> nativeUnity.run(ringFile, cycles(20_000_000))),
        new Engine("(b) JNA poke/peek per signal per cycle (direct mapping)",
            () -> perSignal(cold, ring, layout, cycles(500_000))),
        new Engine("(b') the same through JNA interface mapping",
            () -> perSignalRaw(proxy, ring, layout, cycles(100_000))),
        new Engine("(c) batch API, 65,536 cycles per call (direct buffers)",
            () -> batch(cold, ring, layout, RING, cycles(20_000_000))),
        new Engine("(c) batch API, 4,096 cycles per call",
            () -> batch(cold, ring, layout, 4096, cycles(10_000_000))),
        new Engine("(c) batch API, 256 cycles per call",
            () -> batch(cold, ring, layout, 256, cycles(5_000_000))),
        new Engine("(c) batch API, long[] in and out (copied in 4,096-cycle chunks)",
            () -> batchArray(cold, ring, layout, cycles(10_000_000))));
    // Interleaved rounds, best of each: a busy machine slows every engine alike.
    Measured[] best = new Measured[engines.size()];
    for (int round = 0; round < ROUNDS; round++) {
      for (int e = 0; e < engines.size(); e++) {
        Measured m = engines.get(e).run().get();
        if (best[e] == null || m.cyclesPerSecond() > best[e].cyclesPerSecond()) {
          best[e] = m;
        }
      }
    }
    // The reference is the faster native loop: the physical limit.
    Measured a = best[0].cyclesPerSecond() >= best[1].cyclesPerSecond() ? best[0] : best[1];
    for (int e = 0; e < engines.size(); e++) {
      row(engines.get(e).name(), best[e], a);
    }

    System.out.println();
    System.out.println("| engine (best of " + ROUNDS + " interleaved rounds) | cycles/s | ratio to the faster (a) | checksum |");
    System.out.println("|---|---:|---:|---|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
    System.out.println();
    System.out.println("| build | seconds |");
    System.out.println("|---|---:|");
    System.out.printf(Locale.ROOT, "| cold: empty cache, runtime and design | %.2f |%n", seconds(cold.elapsed()));
    System.out.printf(Locale.ROOT, "| cold design, runtime cached | %.2f |%n", seconds(coldDesign.elapsed()));
    System.out.printf(Locale.ROOT, "| cached (hit: hash only) | %.3f |%n", seconds(hit.elapsed()));
    System.out.printf(Locale.ROOT, "| open a simulator (load .so, bind, create) after a hit | %.3f |%n",
        seconds(load));
    System.out.printf(Locale.ROOT, "| plain `verilator --exe --build -j 2` of the native loop | %.2f |%n",
        seconds(nativeLoop.buildTime()));
    boolean agree = rows.stream().allMatch(r -> r[3].equals(a.checksum()));
    System.out.println();
    System.out.println(agree ? "all engines agree with the native loop on the first 65,536 cycles"
        : "CHECKSUM MISMATCH: an engine disagrees with the native loop");
    if (!agree) {
      System.exit(1);
    }
  }

  private long cycles(long full) {
    long scaled = (long) (full * scale);
    return Math.max(RING, scaled / RING * RING);
  }

  private void row(String name, Measured m, Measured reference) {
    rows.add(new String[] {name, String.format(Locale.ROOT, "%,.0f", m.cyclesPerSecond()),
        String.format(Locale.ROOT, "%.3f", m.cyclesPerSecond() / reference.cyclesPerSecond()), m.checksum()});
  }

  // ---------------------------------------------------------------- the engines

  private static Measured batch(VerilatorLibrary library, long[] ring, BatchLayout layout, int perCall,
      long cycles) {
    try (VerilatorSimulator sim = VerilatorSimulator.open(library)) {
      LongBuffer in = sim.allocateInputs(RING);
      LongBuffer out = sim.allocateOutputs(RING);
      in.put(ring).flip();
      long[] first = new long[RING * layout.outputSlots()];
      passBatch(sim, in, out, perCall);
      out.flip();
      out.get(first);
      String checksum = checksum(first);
      passBatch(sim, in, out, perCall);  // warm-up
      long start = System.nanoTime();
      for (long done = 0; done < cycles; done += RING) {
        passBatch(sim, in, out, perCall);
      }
      return new Measured(cycles, System.nanoTime() - start, checksum);
    }
  }

  private static void passBatch(VerilatorSimulator sim, LongBuffer in, LongBuffer out, int perCall) {
    in.rewind();
    out.clear();
    for (int done = 0; done < RING; done += perCall) {
      sim.runBatch(perCall, in, out);
    }
  }

  private static Measured batchArray(VerilatorLibrary library, long[] ring, BatchLayout layout, long cycles) {
    try (VerilatorSimulator sim = VerilatorSimulator.open(library)) {
      long[] out = new long[RING * layout.outputSlots()];
      sim.runBatch(ring, out);
      String checksum = checksum(out);
      sim.runBatch(ring, out);
      long start = System.nanoTime();
      for (long done = 0; done < cycles; done += RING) {
        sim.runBatch(ring, out);
      }
      return new Measured(cycles, System.nanoTime() - start, checksum);
    }
  }

  private static Measured perSignal(VerilatorLibrary library, long[] ring, BatchLayout layout, long cycles) {
    try (VerilatorSimulator sim = VerilatorSimulator.open(library)) {
      int[] in = indexes(sim, layout.inputs());
      int[] outs = indexes(sim, layout.outputs());
      int inSlots = layout.inputSlots();
      long[] out = new long[RING * layout.outputSlots()];
      Runnable pass = () -> {
        for (int c = 0, o = 0; c < RING; c++) {
          int base = c * inSlots;
          for (int i = 0; i < in.length; i++) {
            sim.poke(in[i], ring[base + i]);
          }
          sim.step();
          for (int port : outs) {
            out[o++] = sim.peek(port);
          }
        }
      };
      pass.run();
      String checksum = checksum(out);
      long start = System.nanoTime();
      for (long done = 0; done < cycles; done += RING) {
        pass.run();
      }
      return new Measured(cycles, System.nanoTime() - start, checksum);
    }
  }

  /** Per-signal calls straight on the ABI (no checks), to compare JNA's two mappings. */
  private static Measured perSignalRaw(NativeAbi abi, long[] ring, BatchLayout layout, long cycles) {
    long handle = abi.create();
    try {
      int inSlots = layout.inputSlots();
      int firstInput = 1;  // ports: clk, rst, in_valid, x0..x15, out_valid, y (batch inputs skip clk)
      int firstOutput = firstInput + layout.inputs().size();
      long[] out = new long[RING * layout.outputSlots()];
      Runnable pass = () -> {
        for (int c = 0, o = 0; c < RING; c++) {
          int base = c * inSlots;
          for (int i = 0; i < inSlots; i++) {
            abi.poke(handle, firstInput + i, ring[base + i]);
          }
          abi.step(handle, 1);
          for (int k = 0; k < layout.outputs().size(); k++) {
            out[o++] = abi.peek(handle, firstOutput + k);
          }
        }
      };
      pass.run();
      String checksum = checksum(out);
      long start = System.nanoTime();
      for (long done = 0; done < cycles; done += RING) {
        pass.run();
      }
      return new Measured(cycles, System.nanoTime() - start, checksum);
    } finally {
      abi.destroy(handle);
    }
  }

  private static int[] indexes(VerilatorSimulator sim, List<PortInfo> ports) {
    return ports.stream().mapToInt(p -> sim.indexOf(p.name())).toArray();
  }

  // ---------------------------------------------------------------- the native loop

  private record Native(Path executable, Duration buildTime) {
    Measured run(Path ring, long cycles) {
      String output;
      try {
        Process process = new ProcessBuilder(executable.toString(), ring.toString(), Long.toString(cycles))
            .redirectErrorStream(true).start();
        output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
          throw new IllegalStateException("the native loop failed:\n" + output);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      Matcher m = Pattern.compile("cycles=(\\d+) nanos=(\\d+) checksum=(\\S+)").matcher(output);
      if (!m.find()) {
        throw new IllegalStateException("unexpected output of the native loop:\n" + output);
      }
      return new Measured(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3));
    }
  }

  /** Writes a C++ testbench that streams the ring through the model, and builds it the plain way. */
  private Native buildNative(NativeDesign design, BatchLayout layout) {
    Path dir = work.resolve("native");
    Tool.MAKE.require();
    StringBuilder poke = new StringBuilder();
    int slot = 0;
    for (PortInfo p : layout.inputs()) {
      poke.append("            top.").append(p.name()).append(" = i[").append(slot).append("];\n");
      slot += p.slots();
    }
    StringBuilder peek = new StringBuilder();
    slot = 0;
    for (PortInfo p : layout.outputs()) {
      peek.append("            o[").append(slot).append("] = top.").append(p.name()).append(";\n");
      slot += p.slots();
    }
    String cpp = """
        // The benchmark's reference: a plain C++ loop over the Verilator model (gatewright VerilatorBench).
        #include "V%1$s.h"
        #include "verilated.h"
        #include <chrono>
        #include <cinttypes>
        #include <cstdint>
        #include <cstdio>
        #include <cstdlib>
        #include <vector>

        static const int kIn = %2$d;
        static const int kOut = %3$d;

        int main(int argc, char** argv) {
            if (argc != 3) return 2;
            FILE* f = std::fopen(argv[1], "rb");
            if (!f) return 3;
            std::fseek(f, 0, SEEK_END);
            long bytes = std::ftell(f);
            std::fseek(f, 0, SEEK_SET);
            const uint64_t frames = bytes / (8 * kIn);
            std::vector<uint64_t> in(frames * kIn), out(frames * kOut);
            if (std::fread(in.data(), 8, in.size(), f) != in.size()) return 4;
            std::fclose(f);
            const uint64_t cycles = std::strtoull(argv[2], nullptr, 10);

            VerilatedContext context;
            context.randReset(0);
            V%1$s top{&context, "TOP"};
            top.eval();
            auto pass = [&]() {
                const uint64_t* i = in.data();
                uint64_t* o = out.data();
                for (uint64_t c = 0; c < frames; ++c, i += kIn, o += kOut) {
        %4$s            top.clk = 0;
                    top.eval();
                    top.clk = 1;
                    top.eval();
        %5$s        }
            };
            pass();
            uint64_t checksum = 0;
            for (uint64_t k = 0; k < out.size(); ++k) checksum = checksum * 1000003u + out[k];
            pass();  // warm-up
            auto start = std::chrono::steady_clock::now();
            for (uint64_t done = 0; done < cycles; done += frames) pass();
            auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(
                std::chrono::steady_clock::now() - start).count();
            std::printf("cycles=%%" PRIu64 " nanos=%%lld checksum=%%016" PRIx64 "\\n", cycles,
                        static_cast<long long>(nanos), checksum);
            top.final();
            return 0;
        }
        """.formatted(design.top(), layout.inputSlots(), layout.outputSlots(), poke, peek);
    AtomicFiles.writeString(dir.resolve("bench_main.cpp"), cpp);
    List<String> args = new ArrayList<>(List.of("--cc", "--exe", "--build", "-O3", "--x-assign", "fast",
        "--x-initial", "unique", "--no-timing", "-Wno-fatal", "--top-module", design.top(), "-j",
        Integer.toString(Runtime.getRuntime().availableProcessors()),
        "-MAKEFLAGS", "OPT_FAST=-O2", "-MAKEFLAGS", "OPT_GLOBAL=-O2",
        "--Mdir", dir.resolve("obj").toString(), "-o", "bench"));
    design.sources().forEach(s -> args.add(s.toString()));
    args.add(dir.resolve("bench_main.cpp").toString());
    long start = System.nanoTime();
    ToolRunner.of(Tool.VERILATOR).in(dir).timeout(Duration.ofMinutes(10)).log(dir.resolve("build.log")).run(args)
        .requireSuccess();
    return new Native(dir.resolve("obj/bench"), Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * The same testbench compiled in one translation unit with the model's code, as gatewright's ABI is:
   * g++ can then inline {@code eval()} into the loop, which a separately compiled testbench cannot.
   */
  private Native buildNativeUnity(NativeDesign design, Native plain) {
    Path obj = plain.executable().getParent();
    String root = ToolRunner.of(Tool.VERILATOR).run("--getenv", "VERILATOR_ROOT").requireSuccess().output().strip();
    AtomicFiles.writeString(obj.resolve("bench_unity.cpp"), "#include \"V" + design.top() + "__ALL.cpp\"\n"
        + "#include \"../bench_main.cpp\"\n");
    List<String> args = new ArrayList<>(List.of("-O2", "-I.", "-I" + root + "/include", "-I" + root + "/include/vltstd",
        "-DVM_COVERAGE=0", "-DVM_SC=0", "-DVM_TRACE=0", "-DVM_TRACE_FST=0", "-DVM_TRACE_VCD=0",
        "-faligned-new", "-fcf-protection=none", "-Wno-bool-operation", "-Wno-sign-compare",
        "-Wno-uninitialized", "-Wno-unused-but-set-variable", "-Wno-unused-parameter", "-Wno-unused-variable",
        "-Wno-shadow", "bench_unity.cpp", "verilated.o", "verilated_threads.o", "-o", "bench_unity",
        "-pthread", "-latomic"));
    long start = System.nanoTime();
    ToolRunner.of(Tool.CXX).in(obj).timeout(Duration.ofMinutes(10)).log(obj.resolve("bench_unity.log")).run(args)
        .requireSuccess();
    return new Native(obj.resolve("bench_unity"), Duration.ofNanos(System.nanoTime() - start));
  }

  // ---------------------------------------------------------------- inputs and results

  private record Engine(String name, java.util.function.Supplier<Measured> run) {}

  private record Measured(long cycles, long nanos, String checksum) {
    double cyclesPerSecond() {
      return cycles * 1e9 / nanos;
    }
  }

  /** Random operands; in_valid mostly high; reset in the first two cycles of the ring. */
  private static long[] inputs(BatchLayout layout, Random random) {
    long[] ring = new long[RING * layout.inputSlots()];
    int rst = layout.inputOffset("rst");
    int valid = layout.inputOffset("in_valid");
    for (int c = 0; c < RING; c++) {
      int base = c * layout.inputSlots();
      for (int s = 0; s < layout.inputSlots(); s++) {
        ring[base + s] = random.nextInt(256);
      }
      ring[base + rst] = c < 2 ? 1 : 0;
      ring[base + valid] = random.nextInt(8) == 0 ? 0 : 1;
    }
    return ring;
  }

  /** The same checksum as the native loop's. */
  private static String checksum(long[] outputs) {
    long sum = 0;
    for (long v : outputs) {
      sum = sum * 1000003L + v;
    }
    return String.format("%016x", sum);
  }

  private static NativeDesign dotDesign(Path dir) throws IOException {
    Path sv = dir.resolve("dot16_pipe.sv");
    try (InputStream in = VerilatorBench.class.getResourceAsStream("dot16_pipe.sv")) {
      if (in == null) {
        throw new IllegalStateException("dot16_pipe.sv is missing from the classpath");
      }
      Files.createDirectories(dir);
      Files.write(sv, in.readAllBytes());
    }
    List<PortInfo> ports = new ArrayList<>(List.of(PortInfo.in("clk", 1), PortInfo.in("rst", 1),
        PortInfo.in("in_valid", 1)));
    for (int i = 0; i < 16; i++) {
      ports.add(PortInfo.in("x" + i, 8));
    }
    ports.add(PortInfo.out("out_valid", 1));
    ports.add(PortInfo.out("y", 20));
    return NativeDesign.of("dot16_pipe", List.of(sv), ports);
  }

  private static NativeDesign withComment(NativeDesign design, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path copy = dir.resolve(design.sources().get(0).getFileName());
    Files.writeString(copy, Files.readString(design.sources().get(0)) + "// a second design\n");
    return NativeDesign.of(design.top(), List.of(copy), design.ports());
  }

  private static void writeLongs(Path file, long[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.nativeOrder());
    bytes.asLongBuffer().put(values);
    try {
      Files.write(file, bytes.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("").strip();
  }
}
