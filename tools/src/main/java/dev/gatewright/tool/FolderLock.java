package dev.gatewright.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * An exclusive claim on a folder by one writer at a time, across threads and processes: the lock file
 * {@value #FILE} in the folder, locked with the operating system's file lock, which a process that
 * dies releases by itself. A second writer is refused at once with a {@link FolderBusyException} that
 * names the holder (its process id, what it is doing and since when), never made to wait.
 *
 * <p>The lock file stays in the folder after the lock is released (deleting it would let two writers
 * lock two different files); it is hidden and holds only the last holder's description.
 */
public final class FolderLock implements AutoCloseable {

  public static final String FILE = ".gatewright.lock";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final Path folder;
  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(Path folder, FileChannel channel, FileLock lock) {
    this.folder = folder;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Claims {@code folder} (created if missing) for {@code purpose}, e.g. "gatewright build of tiny".
   *
   * @throws FolderBusyException when another thread or process holds it
   */
  public static FolderLock acquire(Path folder, String purpose) {
    Path dir = folder.toAbsolutePath().normalize();
    Path file = dir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameJvm) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new FolderBusyException(dir, holder(file));
      }
      String description = "pid " + ProcessHandle.current().pid() + ", " + purpose + ", since "
          + LocalDateTime.now().format(TIME) + "\n";
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(description.getBytes(StandardCharsets.UTF_8)), 0);
      return new FolderLock(dir, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("could not lock " + file + ": " + IoReason.of(e), e);
    }
  }

  public Path folder() {
    return folder;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    } finally {
      closeQuietly(channel);
    }
  }

  private static String holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "another gatewright run" : "another gatewright run (" + text + ")";
    } catch (IOException e) {
      return "another gatewright run";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }
}
