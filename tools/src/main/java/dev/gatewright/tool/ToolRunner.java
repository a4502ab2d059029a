package dev.gatewright.tool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a {@link Tool} without a shell: arguments are passed as they are, standard output and error
 * are captured together, and the run is killed after a timeout.
 *
 * <pre>{@code
 * ToolResult r = ToolRunner.of(Tool.YOSYS).in(runDir).timeout(Duration.ofMinutes(5))
 *     .log(runDir.resolve("yosys.log")).run("-q", "-s", "synth.ys").requireSuccess();
 * }</pre>
 */
public final class ToolRunner {

  /** The exit code reported for a run that was killed at its timeout. */
  public static final int TIMED_OUT = -1;

  /** The exit code reported for a run that was ended because {@link #stopWhen} saw a line it stops at. */
  public static final int STOPPED = -2;

  private final Tool tool;
  private Path directory;
  private Duration timeout = Duration.ofMinutes(10);
  private Path log;
  private final Map<String, String> environment = new TreeMap<>();
  private Predicate<String> stopWhen;

  private ToolRunner(Tool tool) {
    this.tool = Objects.requireNonNull(tool, "tool");
  }

  public static ToolRunner of(Tool tool) {
    return new ToolRunner(tool);
  }

  /** The working directory of the run (default: the JVM's). */
  public ToolRunner in(Path directory) {
    this.directory = directory;
    return this;
  }

  public ToolRunner timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** Also write the command and its whole output to this file. */
  public ToolRunner log(Path log) {
    this.log = log;
    return this;
  }

  public ToolRunner env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /**
   * Reads the output while the tool runs and ends it, with exit code {@link #STOPPED}, at the first
   * line for which {@code stop} is true: for a tool that can loop without end, such as a router that
   * stopped converging. The predicate sees each line once, in order, from one thread.
   */
  public ToolRunner stopWhen(Predicate<String> stop) {
    this.stopWhen = Objects.requireNonNull(stop, "stop");
    return this;
  }

  public ToolResult run(String... arguments) {
    return run(List.of(arguments));
  }

  public ToolResult run(List<String> arguments) {
    Path executable = tool.require();
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(arguments);
    String shown = String.join(" ", command);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Path captured = null;
    try {
      // With a log the tool writes into it as it runs, so a long synthesis can be followed with tail -f.
      String header = "$ " + shown + "\n";
      Path output;
      if (log != null) {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.writeString(log, header, StandardCharsets.UTF_8);
        output = log;
      } else {
        captured = Files.createTempFile("gatewright-" + tool.name() + "-", ".out");
        output = captured;
      }
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
      Process process = builder.start();
      boolean finished;
      LIVE.add(process);
      boolean stopped = false;
      try {
        if (stopWhen == null) {
          finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } else {
          LineReader lines = new LineReader(output, header.getBytes(StandardCharsets.UTF_8).length);
          long deadline = start + timeout.toNanos();
          finished = false;
          while (!finished && !stopped && System.nanoTime() < deadline) {
            finished = process.waitFor(Math.min(WATCH_MILLIS,
                Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
            stopped = lines.readNew(stopWhen) && !finished;
          }
        }
      } catch (InterruptedException e) {
        kill(process);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running " + shown, e);
      } finally {
        if (!process.isAlive()) {
          LIVE.remove(process);
        }
      }
      if (!finished) {
        kill(process);
        LIVE.remove(process);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (log != null && text.startsWith(header)) {
        text = text.substring(header.length());
      }
      int exit = finished ? process.exitValue() : stopped ? STOPPED : TIMED_OUT;
      return new ToolResult(shown, exit, text, log, elapsed);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + shown, e);
    } finally {
      if (captured != null) {
        try {
          Files.deleteIfExists(captured);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  private static final long WATCH_MILLIS = 200;

  /** Reads the lines a tool has appended to its output file since the last call. */
  private static final class LineReader {
    private final Path file;
    private long position;
    private final StringBuilder partial = new StringBuilder();

    LineReader(Path file, long start) {
      this.file = file;
      this.position = start;
    }

    /** Feeds each new complete line to {@code stop}; true as soon as it returns true. */
    boolean readNew(Predicate<String> stop) throws IOException {
      try (SeekableByteChannel channel = Files.newByteChannel(file)) {
        if (channel.size() <= position) {
          return false;
        }
        channel.position(position);
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size() - position, 1 << 20));
        int read = channel.read(buffer);
        if (read <= 0) {
          return false;
        }
        position += read;
        partial.append(new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1));
      }
      int end;
      while ((end = partial.indexOf("\n")) >= 0) {
        String line = partial.substring(0, end);
        partial.delete(0, end + 1);
        if (stop.test(line)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Ends a tool and everything it started; waits so that its output file is complete. */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Tools still running; a JVM that exits (Ctrl-C included) takes them with it. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    OnExit.register(OnExit.Stage.STOP_TOOLS, () -> LIVE.forEach(ToolRunner::kill));
  }
}
