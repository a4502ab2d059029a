package dev.gatewright.flow;

import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.IoReason;
import dev.gatewright.tool.OnExit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The folder one flow run writes into: {@code <base>/<design>-<flow>-<yyyyMMdd-HHmmss>-<n>}.
 *
 * <p>While the run works, its files go to a hidden sibling {@code .<name>.partial}; {@link
 * #complete()} renames it into place, so a folder under its final name is always whole. A run that
 * ends any other way is renamed to {@code <name>.failed} with a {@code FAILED.txt} that says why,
 * also when the JVM exits first (Ctrl-C, SIGTERM: the tools are killed, then the folder is marked);
 * only a process killed outright (SIGKILL, a power cut) leaves a {@code .partial} folder behind.
 * Names never collide, across threads and processes: the partial folder is claimed with an atomic
 * create, and a number already used by a finished or failed run is skipped.
 */
public final class RunFolder implements AutoCloseable {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final String PARTIAL = ".partial";
  private static final String FAILED = ".failed";

  private final Path base;
  private final String name;
  private final Path working;
  private final OnExit.Registration onExit;
  private Path finished;

  private RunFolder(Path base, String name, Path working) {
    this.base = base;
    this.name = name;
    this.working = working;
    this.onExit = OnExit.register(OnExit.Stage.MARK_FOLDERS, this::failOnExit);
  }

  public static RunFolder create(Path base, String design, String flow) {
    return create(base, design, flow, Clock.systemDefaultZone());
  }

  static RunFolder create(Path base, String design, String flow, Clock clock) {
    Objects.requireNonNull(base, "base");
    checkNamePart(design, "design");
    checkNamePart(flow, "flow");
    Path root = base.toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the runs folder " + root + ": " + IoReason.of(e), e);
    }
    String prefix = design + "-" + flow + "-" + LocalDateTime.now(clock).format(STAMP) + "-";
    for (int n = 1; ; n++) {
      String name = prefix + n;
      Path working = root.resolve("." + name + PARTIAL);
      try {
        Files.createDirectory(working);
      } catch (FileAlreadyExistsException taken) {
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException("could not create the run folder " + working + ": " + IoReason.of(e), e);
      }
      if (Files.exists(root.resolve(name)) || Files.exists(root.resolve(name + FAILED))) {
        deleteQuietly(working);
        continue;
      }
      return new RunFolder(root, name, working);
    }
  }

  private static void checkNamePart(String part, String what) {
    Objects.requireNonNull(part, what);
    if (!part.matches("[A-Za-z0-9_$.]+") || part.startsWith(".")) {
      throw new FlowException("a run folder's " + what + " must be a plain name, not '" + part + "'");
    }
  }

  /** The run's name, which is also the final folder's name. */
  public String name() {
    return name;
  }

  /** Where the run writes while it works. */
  public synchronized Path dir() {
    if (finished != null) {
      return finished;
    }
    return working;
  }

  /** Where the folder will be once the run has completed. */
  public Path finalDir() {
    return base.resolve(name);
  }

  /** Renames the folder into place and returns its final path. */
  public synchronized Path complete() {
    requireOpen();
    onExit.close();
    finished = rename(base.resolve(name));
    return finished;
  }

  /** Records why the run failed, renames the folder to {@code <name>.failed} and returns it. */
  public synchronized Path fail(String reason) {
    requireOpen();
    onExit.close();
    AtomicFiles.writeString(working.resolve("FAILED.txt"), reason + "\n");
    finished = rename(base.resolve(name + FAILED));
    return finished;
  }

  /** Marks the run failed unless it was completed or failed already. */
  @Override
  public synchronized void close() {
    if (finished == null) {
      fail("the run ended before it completed");
    }
  }

  private synchronized void failOnExit() {
    if (finished == null) {
      fail("the JVM exited (Ctrl-C, SIGTERM or System.exit) before the run completed");
    }
  }

  private void requireOpen() {
    if (finished != null) {
      throw new IllegalStateException("run " + name + " has already ended in " + finished);
    }
  }

  private Path rename(Path target) {
    try {
      try {
        Files.move(working, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(working, target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not rename " + working + " to " + target + ": " + IoReason.of(e), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // another run may have claimed it meanwhile; it is not ours to clean up
    }
  }

  @Override
  public String toString() {
    return dir().toString();
  }
}
