package dev.gatewright.sim.verilator;

import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.ContentHash;
import dev.gatewright.tool.IoReason;
import dev.gatewright.tool.Tool;
import dev.gatewright.tool.ToolRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Builds a design with Verilator into a shared library with gatewright's C ABI, through a cache.
 *
 * <p>The build: {@code verilator --cc} writes the model's C++; gatewright writes the ABI wrapper
 * ({@link AbiWriter}); g++ compiles the model's per-cycle code and the wrapper with {@code -O2}, its
 * construction code without optimisation, in parallel, all PIC with hidden visibility; the objects are
 * linked with Verilator's runtime into {@code libgw_<top>.so}. The runtime ({@code verilated.cpp},
 * {@code verilated_threads.cpp}, {@code verilated_vcd_c.cpp}) does not depend on the design and is
 * compiled once per cache and toolchain.
 *
 * <p>The cache: a folder per build named by the SHA-256 of the sources, the ABI text, the options and
 * the versions of Verilator and g++. The cache folder is {@code gatewright.verilator.cache} (system
 * property), else {@code GATEWRIGHT_VERILATOR_CACHE}, else {@code $XDG_CACHE_HOME/gatewright/verilator},
 * else {@code ~/.cache/gatewright/verilator}. Several threads and JVMs may build at once: a build holds
 * a lock file for its key, works in a private temporary folder and renames it into place, so a cache
 * entry is either complete or absent.
 */
public final class VerilatorBuild {

  public static final String CACHE_PROPERTY = "gatewright.verilator.cache";
  public static final String CACHE_ENV = "GATEWRIGHT_VERILATOR_CACHE";

  private static final String FORMAT = "gatewright-verilator-build 1";
  private static final List<String> RUNTIME_SOURCES =
      List.of("verilated.cpp", "verilated_threads.cpp", "verilated_vcd_c.cpp");
  private static final String RUNTIME_OPT = "-O2";
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path cacheDir;

  private VerilatorBuild(Path cacheDir) {
    this.cacheDir = cacheDir.toAbsolutePath().normalize();
  }

  /**
   * A build that uses the default cache folder (see the class comment). A configured folder that
   * cannot be written is an error that names the setting; the folder under the home directory, when
   * it cannot be written (a read-only home), gives way to one in the temporary folder.
   */
  public static VerilatorBuild withDefaultCache() {
    Path chosen = defaultCacheDir();
    String problem = unwritable(chosen);
    if (problem == null) {
      return new VerilatorBuild(chosen);
    }
    if (isConfigured()) {
      throw new IllegalStateException("the Verilator cache " + chosen + " (from " + configuredSource()
          + ") cannot be written: " + problem + "; point " + CACHE_ENV + " (or -D" + CACHE_PROPERTY
          + ") at a folder you can write");
    }
    Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "gatewright-" + System.getProperty("user.name"),
        "verilator");
    String fallbackProblem = unwritable(fallback);
    if (fallbackProblem != null) {
      throw new IllegalStateException("no writable Verilator cache: " + chosen + " (" + problem + ") nor " + fallback
          + " (" + fallbackProblem + "); point " + CACHE_ENV + " at a folder you can write");
    }
    return new VerilatorBuild(fallback);
  }

  /** Why {@code dir} cannot hold the cache, or null if it can. */
  private static String unwritable(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      return IoReason.of(e);
    }
    return Files.isWritable(dir) ? null : "permission denied";
  }

  private static boolean isConfigured() {
    String property = System.getProperty(CACHE_PROPERTY);
    String env = System.getenv(CACHE_ENV);
    return (property != null && !property.isBlank()) || (env != null && !env.isBlank());
  }

  private static String configuredSource() {
    String property = System.getProperty(CACHE_PROPERTY);
    return property != null && !property.isBlank() ? "the system property " + CACHE_PROPERTY : CACHE_ENV;
  }

  public static VerilatorBuild inCache(Path cacheDir) {
    return new VerilatorBuild(cacheDir);
  }

  public static Path defaultCacheDir() {
    String configured = System.getProperty(CACHE_PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(CACHE_ENV);
    }
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("gatewright").resolve("verilator");
  }

  public Path cacheDir() {
    return cacheDir;
  }

  public VerilatorLibrary build(NativeDesign design) {
    return build(design, VerilatorOptions.defaults());
  }

  /**
   * The design's shared library, from the cache or built now.
   *
   * @throws dev.gatewright.tool.ToolNotFoundException without {@code verilator} or {@code g++}
   * @throws dev.gatewright.tool.ToolFailedException when Verilator or g++ rejects the design (the
   *     message carries the end of the tool's output and the log's path)
   */
  public VerilatorLibrary build(NativeDesign design, VerilatorOptions options) {
    long start = System.nanoTime();
    Toolchain toolchain = Toolchain.require();
    // The key takes the wrapper as written for the ports' own names; Verilator's renaming of them is a
    // function of the sources and its version, both in the key too.
    String abi = AbiWriter.write(design, options.trace());
    String runtimeKey = runtimeKey(toolchain);
    String key = designKey(design, options, abi, toolchain, runtimeKey);
    Path entry = cacheDir.resolve(design.top() + "-" + key.substring(0, 24));
    Path library = entry.resolve(libraryName(design));
    if (Files.isRegularFile(library)) {
      return new VerilatorLibrary(design, options, library, key, true, since(start));
    }
    boolean built = withLock(entry.getFileName().toString(), () -> {
      if (Files.isRegularFile(library)) {
        return false;
      }
      List<Path> runtime = runtimeObjects(toolchain, runtimeKey);
      Path work = newWorkDir(entry.getFileName().toString());
      try {
        compile(design, options, key, toolchain, runtime, work);
        publish(work, entry);
      } finally {
        AtomicFiles.deleteTree(work);
      }
      return true;
    });
    return new VerilatorLibrary(design, options, library, key, !built, since(start));
  }

  /**
   * The compiled Verilator runtime objects for the installed toolchain, built now if the cache has
   * none.
   */
  public List<Path> runtimeObjects() {
    Toolchain toolchain = Toolchain.require();
    return runtimeObjects(toolchain, runtimeKey(toolchain));
  }

  private List<Path> runtimeObjects(Toolchain toolchain, String runtimeKey) {
    Path entry = cacheDir.resolve("runtime-" + runtimeKey.substring(0, 24));
    List<Path> objects = RUNTIME_SOURCES.stream()
        .map(source -> entry.resolve(source.replace(".cpp", ".o"))).toList();
    if (objects.stream().allMatch(Files::isRegularFile)) {
      return objects;
    }
    withLock(entry.getFileName().toString(), () -> {
      if (objects.stream().allMatch(Files::isRegularFile)) {
        return null;
      }
      Path work = newWorkDir(entry.getFileName().toString());
      try {
        List<List<String>> jobs = new ArrayList<>();
        for (String source : RUNTIME_SOURCES) {
          List<String> args = new ArrayList<>(toolchain.commonCxxFlags());
          args.addAll(List.of(RUNTIME_OPT, "-c", toolchain.verilatorRoot().resolve("include").resolve(source)
              .toString(), "-o", source.replace(".cpp", ".o")));
          jobs.add(args);
        }
        compileAll(work, work.resolve("logs"), jobs, Duration.ofMinutes(10));
        AtomicFiles.writeString(work.resolve("runtime.txt"), "key " + runtimeKey + "\n"
            + toolchain.verilatorVersion() + "\n" + toolchain.cxxVersion() + "\n"
            + String.join(" ", toolchain.commonCxxFlags()) + " " + RUNTIME_OPT + "\n");
        publish(work, entry);
      } finally {
        AtomicFiles.deleteTree(work);
      }
      return null;
    });
    return objects;
  }

  private void compile(NativeDesign design, VerilatorOptions options, String key,
      Toolchain toolchain, List<Path> runtime, Path work) {
    Path obj = work.resolve("obj");
    Path logs = work.resolve("logs");
    List<String> verilate = new ArrayList<>(verilatorArgs(design, options));
    verilate.addAll(List.of("--Mdir", obj.toString()));
    Set<Path> includeDirs = new LinkedHashSet<>();
    design.sources().forEach(source -> includeDirs.add(source.getParent()));
    includeDirs.forEach(dir -> verilate.add("-I" + dir));
    design.sources().forEach(source -> verilate.add(source.toString()));
    ToolRunner.of(Tool.VERILATOR).in(work).timeout(options.timeout()).log(logs.resolve("verilator.log"))
        .run(verilate).requireSuccess();

    String prefix = "V" + design.top();
    // The wrapper uses Verilator's C++ names of the ports, and the build checks the declared ports.
    Map<String, String> members = ModelHeader.members(design, ModelHeader.read(obj.resolve(prefix + ".h")));
    AtomicFiles.writeString(work.resolve("abi.cpp"), AbiWriter.write(design, options.trace(), members::get));
    Map<String, String> modelVars = Toolchain.readMakeVariables(obj.resolve(prefix + "_classes.mk"));
    Map<String, List<String>> lists = Toolchain.readMakeLists(obj.resolve(prefix + "_classes.mk"));
    List<String> defines = new ArrayList<>();
    for (String flag : List.of("VM_COVERAGE", "VM_SC", "VM_TRACE", "VM_TRACE_FST", "VM_TRACE_VCD")) {
      defines.add("-D" + flag + "=" + modelVars.getOrDefault(flag, "0"));
    }
    List<Path> fast = new ArrayList<>();
    List<Path> slow = new ArrayList<>();
    for (String name : List.of("VM_CLASSES_FAST", "VM_SUPPORT_FAST")) {
      lists.getOrDefault(name, List.of()).forEach(c -> fast.add(obj.resolve(c + ".cpp")));
    }
    for (String name : List.of("VM_CLASSES_SLOW", "VM_SUPPORT_SLOW")) {
      lists.getOrDefault(name, List.of()).forEach(c -> slow.add(obj.resolve(c + ".cpp")));
    }
    if (fast.isEmpty()) {
      throw new IllegalStateException("Verilator wrote no model classes for " + design.top() + " in " + obj);
    }

    // Unity translation units, as Verilator's makefile does for small designs, but several in parallel.
    int cores = Runtime.getRuntime().availableProcessors();
    List<List<Path>> fastGroups = balance(fast, Math.max(1, Math.min(fast.size(), cores - 1)));
    fastGroups.get(0).add(work.resolve("abi.cpp"));
    List<List<String>> jobs = new ArrayList<>();
    List<String> objects = new ArrayList<>();
    List<String> base = new ArrayList<>(toolchain.commonCxxFlags());
    base.add("-I" + obj);
    base.addAll(defines);
    for (int i = 0; i < fastGroups.size(); i++) {
      jobs.add(unityJob(obj, "gw_fast_" + i, fastGroups.get(i), base, options.cxxOptimization(), objects));
    }
    if (!slow.isEmpty()) {
      jobs.add(unityJob(obj, "gw_slow", slow, base, null, objects));
    }
    compileAll(obj, logs, jobs, options.timeout());

    List<String> link = new ArrayList<>(List.of("-shared", "-o", work.resolve(libraryName(design)).toString()));
    link.addAll(objects);
    runtime.forEach(o -> link.add(o.toString()));
    // Export the ABI only: JNA loads with RTLD_GLOBAL, and several designs share the runtime's names.
    AtomicFiles.writeString(obj.resolve("exports.map"), "{ global: gw_*; local: *; };\n");
    link.addAll(List.of("-Wl,--version-script=exports.map", "-Wl,-Bsymbolic", "-Wl,-z,defs"));
    link.addAll(toolchain.threadLibs());
    ToolRunner.of(Tool.CXX).in(obj).timeout(options.timeout()).log(logs.resolve("link.log")).run(link)
        .requireSuccess();

    AtomicFiles.writeString(work.resolve("build.txt"), manifest(design, options, key, toolchain, verilate));
    AtomicFiles.deleteTree(obj);
  }

  /**
   * Verilator's "bit op tree" constant folding computes wrong values for some and/or/mux trees (verilator#4059,
   * #4832, #4842, fixed after 5.006): a truth-table neuron layer of and/or/mux logic simulated differently from
   * Icarus and the golden model. The optimization only shortens such trees, so it is always off.
   */
  public static final String NO_BIT_OP_TREE = "-fno-const-bit-op-tree";

  /** Verilator's arguments except the output folder, include folders and sources. */
  static List<String> verilatorArgs(NativeDesign design, VerilatorOptions options) {
    List<String> args = new ArrayList<>(List.of("--cc", "-O3", NO_BIT_OP_TREE, "--x-assign", "fast", "--x-initial",
        "unique", "--no-timing", "-Wno-fatal", "--top-module", design.top()));
    if (options.trace()) {
      args.add("--trace");
    }
    args.addAll(options.verilatorArgs());
    return args;
  }

  private static List<String> unityJob(Path obj, String name, List<Path> sources, List<String> base,
      String optimization, List<String> objects) {
    StringBuilder unity = new StringBuilder("// Generated by gatewright: one translation unit.\n");
    sources.forEach(source -> unity.append("#include \"").append(source).append("\"\n"));
    AtomicFiles.writeString(obj.resolve(name + ".cpp"), unity.toString());
    List<String> args = new ArrayList<>(base);
    if (optimization != null) {
      args.add(optimization);
    }
    args.addAll(List.of("-c", name + ".cpp", "-o", name + ".o"));
    objects.add(name + ".o");
    return args;
  }

  /** Splits files into groups of about equal total size. */
  private static List<List<Path>> balance(List<Path> files, int groups) {
    List<List<Path>> result = new ArrayList<>();
    long[] sizes = new long[groups];
    for (int i = 0; i < groups; i++) {
      result.add(new ArrayList<>());
    }
    List<Path> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingLong(VerilatorBuild::size).reversed());
    for (Path file : bySize) {
      int smallest = 0;
      for (int i = 1; i < groups; i++) {
        if (sizes[i] < sizes[smallest]) {
          smallest = i;
        }
      }
      result.get(smallest).add(file);
      sizes[smallest] += size(file);
    }
    return result;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs g++ jobs in parallel, one per core; the first failure is thrown. */
  private static void compileAll(Path dir, Path logs, List<List<String>> jobs, Duration timeout) {
    int threads = Math.max(1, Math.min(jobs.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "gatewright-g++");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (List<String> job : jobs) {
        String output = job.get(job.size() - 1);
        Path log = logs.resolve(output.replace(".o", ".log"));
        futures.add(pool.submit(() -> ToolRunner.of(Tool.CXX).in(dir).timeout(timeout).log(log).run(job)
            .requireSuccess()));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compiling in " + dir, e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Renames a finished work folder to its cache entry; an entry already there wins. */
  private static void publish(Path work, Path entry) {
    try {
      Files.move(work, entry, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // Someone without our lock (an older gatewright, a copy) published it first: theirs is as good.
    } catch (IOException e) {
      throw new UncheckedIOException("could not move " + work + " to " + entry, e);
    }
  }

  /** A private folder to build {@code name} in; call with its lock held. */
  private Path newWorkDir(String name) {
    Path tmp = cacheDir.resolve("tmp");
    Path work = tmp.resolve(name + "-" + UUID.randomUUID());
    try {
      // Only a build that died holding this lock can have left a folder of this name.
      if (Files.isDirectory(tmp)) {
        try (var stale = Files.list(tmp)) {
          stale.filter(p -> p.getFileName().toString().startsWith(name + "-")).forEach(AtomicFiles::deleteTree);
        }
      }
      Files.createDirectories(work.resolve("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + work, e);
    }
    return work;
  }

  /**
   * Runs {@code action} holding the lock for {@code name} against other threads of this JVM (a
   * {@link FileLock} is per process) and other processes (the lock file).
   */
  private <T> T withLock(String name, Supplier<T> action) {
    Path lockFile = cacheDir.resolve("locks").resolve(name + ".lock");
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
    jvmLock.lock();
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        return action.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not lock " + lockFile + " in the Verilator cache: " + IoReason.of(e)
          + "; point " + CACHE_ENV + " at a folder you can write", e);
    } finally {
      jvmLock.unlock();
    }
  }

  private static String runtimeKey(Toolchain toolchain) {
    return sha256(List.of(FORMAT, "runtime", toolchain.verilatorVersion(), toolchain.cxxVersion(),
        String.join(" ", toolchain.commonCxxFlags()), RUNTIME_OPT, String.join(",", RUNTIME_SOURCES)), List.of());
  }

  private static String designKey(NativeDesign design, VerilatorOptions options, String abi, Toolchain toolchain,
      String runtimeKey) {
    List<String> texts = new ArrayList<>(List.of(FORMAT, "abi " + AbiWriter.ABI_VERSION, design.top(), abi,
        String.join("\u0000", verilatorArgs(design, options)), options.cxxOptimization(),
        toolchain.verilatorVersion(), toolchain.cxxVersion(), runtimeKey));
    List<byte[]> sources = new ArrayList<>();
    for (Path source : design.sources()) {
      texts.add(source.getFileName().toString());
      try {
        sources.add(Files.readAllBytes(source));
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + source, e);
      }
    }
    return sha256(texts, sources);
  }

  private static String sha256(List<String> texts, List<byte[]> blobs) {
    ContentHash hash = ContentHash.sha256();
    texts.forEach(hash::text);
    blobs.forEach(hash::bytes);
    return hash.hex();
  }


  private static String manifest(NativeDesign design, VerilatorOptions options, String key, Toolchain toolchain,
      List<String> verilate) {
    StringBuilder m = new StringBuilder();
    m.append("key ").append(key).append('\n');
    m.append("top ").append(design.top()).append('\n');
    design.sources().forEach(s -> m.append("source ").append(s).append('\n'));
    design.ports().forEach(p -> m.append("port ").append(p).append('\n'));
    m.append("options ").append(options).append('\n');
    m.append("verilator ").append(toolchain.verilatorVersion()).append('\n');
    m.append("verilator-args ").append(String.join(" ", verilate)).append('\n');
    m.append("cxx ").append(toolchain.cxxVersion()).append('\n');
    return m.toString();
  }

  static String libraryName(NativeDesign design) {
    return "libgw_" + design.top() + ".so";
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
