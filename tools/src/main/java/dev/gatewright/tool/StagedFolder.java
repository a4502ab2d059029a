package dev.gatewright.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An output folder built aside and renamed into place whole, so that a reader finds either the old
 * folder or the new one, never a mix. The work goes to a hidden sibling {@code .<name>.partial-<pid>-<n>};
 * {@link #commit()} replaces {@code <name>} with it (the old folder and every file in it go); {@link
 * #fail} renames it to {@code <name>.failed}, replacing an older failed one, with a {@code FAILED.txt}
 * that says why, and leaves {@code <name>} as it was. If the JVM exits first (Ctrl-C, SIGTERM) the
 * folder is marked failed; only a process killed outright (SIGKILL, a power cut) leaves a {@code
 * .partial} folder, which {@link #deleteLeftovers} removes on the next run.
 *
 * <p>Several writers of the same folder must be kept apart by the caller ({@link FolderLock}).
 */
public final class StagedFolder implements AutoCloseable {

  public static final String FAILED_SUFFIX = ".failed";
  public static final String FAILED_FILE = "FAILED.txt";

  private static final AtomicLong NEXT = new AtomicLong();

  private final Path target;
  private final Path staging;
  private final OnExit.Registration onExit;
  private Path ended;

  private StagedFolder(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
    this.onExit = OnExit.register(OnExit.Stage.MARK_FOLDERS,
        () -> failIfOpen("the JVM exited (Ctrl-C, SIGTERM or System.exit) before the build completed"));
  }

  /** Starts a folder that will become {@code target}. */
  public static StagedFolder create(Path target) {
    Path absolute = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
    String name = absolute.getFileName().toString();
    Path staging = absolute.resolveSibling("." + name + ".partial-" + ProcessHandle.current().pid() + "-"
        + NEXT.incrementAndGet());
    try {
      Files.createDirectories(absolute.getParent());
      Files.createDirectory(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + staging + ": " + IoReason.of(e), e);
    }
    return new StagedFolder(absolute, staging);
  }

  /**
   * Deletes what runs killed outright left beside {@code target}: {@code .<name>.partial-*} and
   * {@code .<name>.old-*} folders. Call it only while holding the {@link FolderLock} of the parent,
   * so that no live run's folder is taken.
   */
  public static void deleteLeftovers(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    String name = absolute.getFileName().toString();
    if (!Files.isDirectory(absolute.getParent())) {
      return;
    }
    try (Stream<Path> siblings = Files.list(absolute.getParent())) {
      for (Path sibling : siblings.toList()) {
        String other = sibling.getFileName().toString();
        if (other.startsWith("." + name + ".partial-") || other.startsWith("." + name + ".old-")) {
          AtomicFiles.deleteTree(sibling);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + absolute.getParent() + ": " + IoReason.of(e), e);
    }
  }

  /** Where to write while the folder is being built. */
  public synchronized Path dir() {
    return ended != null ? ended : staging;
  }

  /** Where the folder goes when it is committed. */
  public Path target() {
    return target;
  }

  /** Where the folder goes when it fails. */
  public Path failedTarget() {
    return target.resolveSibling(target.getFileName() + FAILED_SUFFIX);
  }

  /** Replaces {@link #target()} with the staged folder; returns the target. */
  public synchronized Path commit() {
    requireOpen();
    Path old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid() + "-"
        + NEXT.incrementAndGet());
    try {
      if (Files.exists(target)) {
        AtomicFiles.move(target, old);
      }
      AtomicFiles.move(staging, target);
    } catch (IOException e) {
      throw new UncheckedIOException("could not move " + staging + " into place as " + target + ": "
          + IoReason.of(e), e);
    }
    ended = target;
    onExit.close();
    AtomicFiles.deleteTree(old);
    return target;
  }

  /** Records {@code reason} in {@code FAILED.txt} and renames the folder to {@code <name>.failed}; returns it. */
  public synchronized Path fail(String reason) {
    requireOpen();
    return markFailed(reason);
  }

  /** Marks the folder failed unless it was committed or failed already. */
  @Override
  public void close() {
    failIfOpen("the build ended before it completed");
  }

  /** Marks the folder failed with {@code reason} unless it was committed or failed already. */
  public synchronized void failIfOpen(String reason) {
    if (ended == null) {
      markFailed(reason);
    }
  }

  private Path markFailed(String reason) {
    Path failed = failedTarget();
    ended = staging;   // whatever happens below, the folder is no longer open
    onExit.close();
    AtomicFiles.writeString(staging.resolve(FAILED_FILE), reason + "\n");
    AtomicFiles.deleteTree(failed);
    try {
      AtomicFiles.move(staging, failed);
    } catch (IOException e) {
      throw new UncheckedIOException("could not rename " + staging + " to " + failed + ": " + IoReason.of(e), e);
    }
    ended = failed;
    return failed;
  }

  private void requireOpen() {
    if (ended != null) {
      throw new IllegalStateException(target + " has already ended in " + ended);
    }
  }

  @Override
  public String toString() {
    return dir().toString();
  }
}
