package dev.gatewright.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes generated files so that a reader never sees half of one: each file is written beside its
 * target under a temporary name and renamed into place.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes {@code text} as UTF-8, streamed: a large text is not copied into one byte array first. */
  public static void writeString(Path target, CharSequence text) {
    Path absolute = target.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        try (java.io.OutputStream stream = Files.newOutputStream(temporary)) {
          int chunk = 1 << 16;
          for (int start = 0; start < text.length(); start += chunk) {
            stream.write(text.subSequence(start, Math.min(start + chunk, text.length())).toString()
                .getBytes(StandardCharsets.UTF_8));
          }
        }
        move(temporary, absolute);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target, e);
    }
  }

  public static void write(Path target, byte[] bytes) {
    Path absolute = target.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        Files.write(temporary, bytes);
        move(temporary, absolute);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target + ": " + IoReason.of(e), e);
    }
  }

  /** Renames {@code source} to {@code target}, atomically where the file system allows it. */
  public static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a file tree if it exists. */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root + ": " + IoReason.of(e), e);
    }
  }
}
