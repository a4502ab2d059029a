package dev.gatewright.sim.bench;

import dev.gatewright.sim.verilator.BatchLayout;
import dev.gatewright.sim.verilator.NativeDesign;
import dev.gatewright.sim.verilator.PortInfo;
import dev.gatewright.sim.verilator.VerilatorBuild;
import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's reference: a C++ testbench, written here, that streams a ring of input frames
 * through the Verilator model with nothing in between (poke every input, one rising edge, read every
 * output), built the plain way ({@code verilator --exe --build}) or in one translation unit with the
 * model (as gatewright's own ABI is, so g++ can inline {@code eval()} into the loop).
 *
 * <p>The executable takes the ring file, the cycles to time and optionally a file that receives the
 * output frames of the first pass from reset; it prints {@code cycles=… nanos=… cpu_nanos=… checksum=…}.
 */
record NativeLoop(Path executable, Duration buildTime) {

  /** One run: the timed cycles, their duration (wall and the process's CPU time), and the checksum of the first pass. */
  record Run(long cycles, long nanos, long cpuNanos, String checksum) {}

  Run run(Path ring, long cycles, Path firstPass) {
    List<String> command = new ArrayList<>(List.of(executable.toString(), ring.toString(), Long.toString(cycles)));
    if (firstPass != null) {
      command.add(firstPass.toString());
    }
    String output;
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("the native loop " + executable + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run the native loop " + executable, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the native loop", e);
    }
    Matcher m = Pattern.compile("cycles=(\\d+) nanos=(\\d+) cpu_nanos=(\\d+) checksum=(\\S+)").matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("unexpected output of the native loop " + executable + ":\n" + output);
    }
    return new Run(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), m.group(4));
  }

  /**
   * Writes the testbench into {@code dir} and builds it with {@code verilator --exe --build} in
   * {@code dir/obj}. Several designs may share {@code dir}: every file is named after its top, and the
   * second build reuses the runtime objects ({@code verilated.o}) the first one compiled.
   */
  static NativeLoop buildPlain(NativeDesign design, BatchLayout layout, Path dir) {
    Tool.MAKE.require();
    for (PortInfo port : design.ports()) {
      if (port.isWide()) {
        throw new IllegalArgumentException("the native loop handles ports of up to 64 bits; " + design.top()
            + " has " + port);
      }
    }
    Path testbench = dir.resolve("bench_" + design.top() + ".cpp");
    AtomicFiles.writeString(testbench, testbench(design, layout));
    List<String> args = new ArrayList<>(List.of("--cc", "--exe", "--build", "-O3", VerilatorBuild.NO_BIT_OP_TREE,
        "--x-assign", "fast",
        "--x-initial", "unique", "--no-timing", "-Wno-fatal", "--top-module", design.top(), "-j",
        Integer.toString(Runtime.getRuntime().availableProcessors()),
        "-MAKEFLAGS", "OPT_FAST=-O2", "-MAKEFLAGS", "OPT_GLOBAL=-O2",
        "--Mdir", dir.resolve("obj").toString(), "-o", "bench_" + design.top()));
    design.sources().forEach(s -> args.add(s.toString()));
    args.add(testbench.toString());
    long start = System.nanoTime();
    ToolRunner.of(Tool.VERILATOR).in(dir).timeout(Duration.ofMinutes(10))
        .log(dir.resolve("build_" + design.top() + ".log")).run(args).requireSuccess();
    return new NativeLoop(dir.resolve("obj/bench_" + design.top()), Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * The same testbench compiled in one translation unit with the model's code, linked with the runtime
   * objects the plain build left behind.
   */
  static NativeLoop buildUnity(NativeDesign design, NativeLoop plain) {
    Path obj = plain.executable().getParent();
    String root = ToolRunner.of(Tool.VERILATOR).run("--getenv", "VERILATOR_ROOT").requireSuccess().output().strip();
    String unity = "unity_" + design.top();
    AtomicFiles.writeString(obj.resolve(unity + ".cpp"), "#include \"V" + design.top() + "__ALL.cpp\"\n"
        + "#include \"../bench_" + design.top() + ".cpp\"\n");
    List<String> args = new ArrayList<>(List.of("-O2", "-I.", "-I" + root + "/include", "-I" + root + "/include/vltstd",
        "-DVM_COVERAGE=0", "-DVM_SC=0", "-DVM_TRACE=0", "-DVM_TRACE_FST=0", "-DVM_TRACE_VCD=0",
        "-faligned-new", "-fcf-protection=none", "-Wno-bool-operation", "-Wno-sign-compare",
        "-Wno-uninitialized", "-Wno-unused-but-set-variable", "-Wno-unused-parameter", "-Wno-unused-variable",
        "-Wno-shadow", unity + ".cpp", "verilated.o", "verilated_threads.o", "-o", unity,
        "-pthread", "-latomic"));
    long start = System.nanoTime();
    ToolRunner.of(Tool.CXX).in(obj).timeout(Duration.ofMinutes(10)).log(obj.resolve(unity + ".log")).run(args)
        .requireSuccess();
    return new NativeLoop(obj.resolve(unity), Duration.ofNanos(System.nanoTime() - start));
  }

  private static String testbench(NativeDesign design, BatchLayout layout) {
    StringBuilder poke = new StringBuilder();
    for (PortInfo p : layout.inputs()) {
      poke.append("            top.").append(p.name()).append(" = i[").append(layout.inputOffset(p.name()))
          .append("];\n");
    }
    StringBuilder peek = new StringBuilder();
    for (PortInfo p : layout.outputs()) {
      peek.append("            o[").append(layout.outputOffset(p.name())).append("] = top.").append(p.name())
          .append(";\n");
    }
    return """
        // The benchmark's reference: a plain C++ loop over the Verilator model (gatewright bench sim).
        #include "V%1$s.h"
        #include "verilated.h"
        #include <chrono>
        #include <cinttypes>
        #include <cstdint>
        #include <cstdio>
        #include <cstdlib>
        #include <ctime>
        #include <vector>

        static const int kIn = %2$d;
        static const int kOut = %3$d;

        int main(int argc, char** argv) {
            if (argc != 3 && argc != 4) return 2;
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
            if (argc == 4) {
                FILE* first = std::fopen(argv[3], "wb");
                if (!first || std::fwrite(out.data(), 8, out.size(), first) != out.size()) return 5;
                std::fclose(first);
            }
            pass();  // warm-up
            timespec cpu0, cpu1;
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu0);
            auto start = std::chrono::steady_clock::now();
            for (uint64_t done = 0; done < cycles; done += frames) pass();
            auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(
                std::chrono::steady_clock::now() - start).count();
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
            long long cpu = (cpu1.tv_sec - cpu0.tv_sec) * 1000000000LL + (cpu1.tv_nsec - cpu0.tv_nsec);
            std::printf("cycles=%%" PRIu64 " nanos=%%lld cpu_nanos=%%lld checksum=%%016" PRIx64 "\\n", cycles,
                        static_cast<long long>(nanos), cpu, checksum);
            top.final();
            return 0;
        }
        """.formatted(design.top(), layout.inputSlots(), layout.outputSlots(), poke, peek);
  }

  static void writeLongs(Path file, long[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.nativeOrder());
    bytes.asLongBuffer().put(values);
    try {
      Files.write(file, bytes.array());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  static long[] readLongs(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      long[] values = new long[bytes.length / 8];
      ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).asLongBuffer().get(values);
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
