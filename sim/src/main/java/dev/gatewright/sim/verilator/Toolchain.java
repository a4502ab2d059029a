package dev.gatewright.sim.verilator;

import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The installed Verilator and C++ compiler: versions (for cache keys), Verilator's include folder and
 * the compiler flags its makefile would use. Probed once per executable per JVM.
 */
record Toolchain(Path verilator, Path cxx, String verilatorVersion, String cxxVersion, Path verilatorRoot,
    List<String> cxxWarningFlags, List<String> cxxStdFlags, List<String> threadLibs) {

  private static final Map<List<Path>, Toolchain> PROBED = new ConcurrentHashMap<>();
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  /** The toolchain, or a {@link dev.gatewright.tool.ToolNotFoundException} naming what to install. */
  static Toolchain require() {
    Path verilator = Tool.VERILATOR.require();
    Path cxx = Tool.CXX.require();
    return PROBED.computeIfAbsent(List.of(verilator, cxx), k -> probe(verilator, cxx));
  }

  private static Toolchain probe(Path verilator, Path cxx) {
    String verilatorVersion = ToolRunner.of(Tool.VERILATOR).timeout(PROBE_TIMEOUT).run("--version")
        .requireSuccess().output().strip();
    String root = ToolRunner.of(Tool.VERILATOR).timeout(PROBE_TIMEOUT).run("--getenv", "VERILATOR_ROOT")
        .requireSuccess().output().strip();
    String cxxVersion = ToolRunner.of(Tool.CXX).timeout(PROBE_TIMEOUT).run("--version")
        .requireSuccess().output().lines().findFirst().orElse("").strip();
    Path verilatorRoot = Path.of(root);
    Map<String, String> mk = readMakeVariables(verilatorRoot.resolve("include/verilated.mk"));
    List<String> warnings = words(mk.getOrDefault("CFG_CXXFLAGS_NO_UNUSED",
        "-faligned-new -Wno-bool-operation -Wno-sign-compare -Wno-uninitialized"
            + " -Wno-unused-but-set-variable -Wno-unused-parameter -Wno-unused-variable -Wno-shadow"));
    List<String> std = words(mk.getOrDefault("CFG_CXXFLAGS_STD", ""));
    List<String> threads = words(mk.getOrDefault("CFG_LDLIBS_THREADS", "-pthread -lpthread -latomic"));
    return new Toolchain(verilator, cxx, verilatorVersion, cxxVersion, verilatorRoot, warnings, std, threads);
  }

  /** The {@code NAME = value} lines of a makefile (no continuation lines, no expansion). */
  static Map<String, String> readMakeVariables(Path makefile) {
    Map<String, String> variables = new java.util.HashMap<>();
    if (!Files.isRegularFile(makefile)) {
      return variables;
    }
    try {
      for (String line : Files.readAllLines(makefile)) {
        int eq = line.indexOf(" = ");
        if (eq > 0 && !line.startsWith("#") && !line.startsWith("\t")) {
          variables.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + makefile, e);
    }
    return variables;
  }

  /**
   * The {@code NAME += \ item \ item} lists of Verilator's generated {@code _classes.mk}.
   */
  static Map<String, List<String>> readMakeLists(Path makefile) {
    Map<String, List<String>> lists = new java.util.HashMap<>();
    try {
      String current = null;
      for (String line : Files.readAllLines(makefile)) {
        String stripped = line.strip();
        if (stripped.endsWith("+= \\")) {
          current = stripped.substring(0, stripped.length() - 4).strip();
          lists.computeIfAbsent(current, k -> new ArrayList<>());
        } else if (current != null && stripped.endsWith("\\")) {
          lists.get(current).add(stripped.substring(0, stripped.length() - 1).strip());
        } else {
          current = null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + makefile, e);
    }
    return lists;
  }

  /** Include paths and defines shared by the runtime and every model. */
  List<String> commonCxxFlags() {
    List<String> flags = new ArrayList<>(cxxStdFlags);
    flags.addAll(List.of("-fPIC", "-fvisibility=hidden", "-fvisibility-inlines-hidden"));
    flags.addAll(cxxWarningFlags);
    flags.add("-I" + verilatorRoot.resolve("include"));
    flags.add("-I" + verilatorRoot.resolve("include/vltstd"));
    // The ABI replaces these so that a $stop or a fatal error does not end the JVM.
    flags.addAll(List.of("-DVL_USER_FATAL", "-DVL_USER_STOP", "-DVL_USER_FINISH"));
    return flags;
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
