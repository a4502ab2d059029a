package dev.gatewright.flow;

import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Synthesizes each module of a design in a Yosys process of its own, its child modules kept as
 * black boxes, up to {@link FlowOptions#jobs()} at a time; then counts the cells of the flattened
 * design as the sum over modules of their own cells times their instances.
 *
 * <p>Memory and time then grow with the largest module instead of the whole design, and modules
 * run in parallel: a fully unrolled 16-bit MLP that needs more memory than a 24 GiB machine has
 * when flattened synthesizes layer by layer. The price: logic is not optimized across module ports
 * (a constant input is not propagated into a child), and timing estimates are per module.
 */
public final class HierarchicalSynthesis {

  /**
   * One module's synthesis: its own cells (child instances left out), its log, and whether it came
   * from the {@link SynthesisCache}.
   */
  public record ModuleRun(String module, long instances, YosysStats ownCells, ToolResult yosys, boolean cached) {}

  private HierarchicalSynthesis() {}

  /**
   * Elaborates the hierarchy under {@code top} ({@link ModuleHierarchy#elaborate}), then runs, for each module M, the script {@code prologue + read sources +
   * hierarchy -top M + blackbox children + body.apply(M)} in {@code folder} as {@code synth_M.ys};
   * the body must leave the mapped module for {@code stat}. Statistics go to {@code M.stats.json},
   * netlists to {@code M.netlist.v}, and all netlists, children first, to {@code netlist.v}.
   * {@code inputs} are the other files the scripts read (a liberty): with the Yosys version, the
   * script and the sources they make the key under which {@code runsRoot/.cache/modules} keeps a
   * module's results, so a module done once is not synthesized again.
   */
  public static List<ModuleRun> run(Path folder, List<String> sources, String top,
      String prologue, Function<String, String> body, List<Path> inputs, FlowOptions options) {
    ModuleHierarchy hierarchy = ModuleHierarchy.elaborate(folder, sources, top, options.timeout());
    SynthesisCache cache = new SynthesisCache(options.runsRoot().resolve(".cache").resolve("modules"));
    String inputsKey = SynthesisCache.inputsKey(Yosys.version(), folder.resolve("src"), sources, inputs);
    Map<String, Long> instances = hierarchy.instances();
    List<String> modules = hierarchy.bottomUp();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.jobs(), modules.size()));
    try {
      Map<String, Future<ToolResult>> running = new TreeMap<>();
      Set<String> cached = new TreeSet<>();
      // the largest modules first, so that the last job to start is a short one
      List<String> largestFirst = new ArrayList<>(modules);
      largestFirst.sort(Comparator.comparingLong((String m) -> hierarchy.rtlCells().getOrDefault(m, 0L)).reversed());
      for (String module : largestFirst) {
        String script = prologue + Yosys.readSources(sources)
            + "hierarchy -top " + module + "\n"
            + blackbox(hierarchy.children().get(module).keySet())
            + body.apply(module)
            + ModuleHierarchy.NO_TOP
            + "tee -q -o " + module + ".stats.json stat -json\n"
            + "write_verilog -noattr -noexpr " + module + ".netlist.v\n";
        String key = SynthesisCache.key(inputsKey, script);
        List<String> outputs = List.of("synth_" + module + ".log", module + ".stats.json", module + ".netlist.v");
        if (cache.restore(key, folder, outputs)) {
          AtomicFiles.writeString(folder.resolve("synth_" + module + ".ys"), script);
          cached.add(module);
          running.put(module, CompletableFuture.completedFuture(fromLog(folder.resolve(outputs.get(0)), key)));
        } else {
          running.put(module, pool.submit(() -> {
            ToolResult result = Yosys.run(folder, "synth_" + module, script, options.timeout());
            cache.store(key, folder, outputs);
            return result;
          }));
        }
      }
      List<ModuleRun> runs = new ArrayList<>();
      for (String module : modules) {
        ToolResult result = await(running.get(module));
        YosysStats own = YosysStats.readModule(folder.resolve(module + ".stats.json"), module)
            .without(hierarchy.children().get(module).keySet());
        runs.add(new ModuleRun(module, instances.getOrDefault(module, 0L), own, result, cached.contains(module)));
      }
      joinNetlists(folder, modules);
      return runs;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A cached run as a tool result: its log without the command line, which the log's first line holds. */
  private static ToolResult fromLog(Path log, String key) {
    try {
      String text = Files.readString(log);
      int firstLine = text.indexOf('\n');
      String command = text.startsWith("$ ") && firstLine > 0 ? text.substring(2, firstLine) : "yosys";
      return new ToolResult(command + " (from the synthesis cache, " + key.substring(0, 12) + ")", 0,
          firstLine > 0 ? text.substring(firstLine + 1) : text, log, Duration.ZERO);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + log, e);
    }
  }

  /**
   * The notes every hierarchical report ends with: how many modules came from the cache, if any,
   * and what synthesizing module by module means for the numbers, then {@code caveat} (what it
   * means for the flow's own measures, or empty).
   */
  public static List<String> notes(List<ModuleRun> runs, String caveat) {
    List<String> notes = new ArrayList<>();
    long cached = runs.stream().filter(ModuleRun::cached).count();
    if (cached > 0) {
      notes.add(cached + " of " + runs.size() + " modules came from the synthesis cache (.cache/modules under the"
          + " runs folder): same Yosys, script and sources");
    }
    notes.add("hierarchical synthesis: " + runs.size() + " modules each on its own, children as black boxes;"
        + " no optimization across module ports" + caveat);
    return notes;
  }

  /** The cells of the flattened design: every module's own cells times its instances. */
  public static YosysStats flattened(List<ModuleRun> runs) {
    Map<String, Long> byType = new TreeMap<>();
    for (ModuleRun run : runs) {
      run.ownCells().cellsByType().forEach((type, n) -> byType.merge(type, n * run.instances(), Long::sum));
    }
    return new YosysStats(byType.values().stream().mapToLong(Long::longValue).sum(), byType);
  }

  /** The module runs, largest first by cell count, for a per-module table. */
  public static List<ModuleRun> largestFirst(List<ModuleRun> runs) {
    List<ModuleRun> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingLong((ModuleRun r) -> r.ownCells().cells() * r.instances()).reversed()
        .thenComparing(ModuleRun::module));
    return sorted;
  }

  private static String blackbox(Iterable<String> children) {
    StringBuilder line = new StringBuilder();
    for (String child : children) {
      line.append(line.length() == 0 ? "blackbox " : " ").append(child);
    }
    return line.length() == 0 ? "" : line.append('\n').toString();
  }

  private static ToolResult await(Future<ToolResult> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Yosys", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void joinNetlists(Path folder, List<String> modules) {
    StringBuilder netlist = new StringBuilder();
    for (String module : modules) {
      try {
        netlist.append(Files.readString(folder.resolve(module + ".netlist.v")));
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the netlist of " + module, e);
      }
    }
    AtomicFiles.writeString(folder.resolve("netlist.v"), netlist.toString());
  }
}
