package dev.gatewright.flow;

import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.ContentHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The outputs of one module's synthesis kept under the SHA-256 of all it read: the Yosys version,
 * the script, every source file and every other input (a liberty). A module whose key is cached is
 * not synthesized again: a rerun after a failure, a timeout or in another design point that shares
 * the sources costs nothing for the modules that were done. Entries are written to a temporary folder
 * and renamed into place, so a cache entry is complete or absent; delete the folder to clear it.
 */
public final class SynthesisCache {

  private final Path root;

  public SynthesisCache(Path root) {
    this.root = root;
  }

  /**
   * The hash of what every module's run reads alike: the tool, the sources (in {@code sourceFolder})
   * and other inputs; computed once per design, since a liberty alone is megabytes.
   */
  public static String inputsKey(String toolVersion, Path sourceFolder, List<String> sources, List<Path> inputs) {
    ContentHash hash = ContentHash.sha256().text("tool").text(toolVersion);
    for (String source : sources) {
      hash.text("source " + source).file(sourceFolder.resolve(source));
    }
    for (Path input : inputs) {
      hash.text("input " + input.getFileName()).file(input);
    }
    return hash.hex();
  }

  /** The cache key of one run of {@code script} over the inputs that {@link #inputsKey} hashed. */
  public static String key(String inputsKey, String script) {
    return ContentHash.sha256().text(inputsKey).text("script").text(script).hex();
  }

  /** Copies the cached {@code files} of {@code key} into {@code folder}; false when the key is not cached. */
  public boolean restore(String key, Path folder, List<String> files) {
    Path entry = root.resolve(key);
    if (!files.stream().allMatch(f -> Files.isRegularFile(entry.resolve(f)))) {
      return false;
    }
    try {
      for (String file : files) {
        Files.copy(entry.resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not restore cache entry " + entry, e);
    }
  }

  /** Keeps {@code files} of {@code folder} under {@code key}; a concurrent store of the same key wins or loses whole. */
  public void store(String key, Path folder, List<String> files) {
    Path entry = root.resolve(key);
    if (Files.isDirectory(entry)) {
      return;
    }
    Path staging = null;
    try {
      Files.createDirectories(root);
      staging = Files.createTempDirectory(root, "." + key.substring(0, 12) + "-");
      for (String file : files) {
        Files.copy(folder.resolve(file), staging.resolve(file));
      }
      Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // another run stored the same key first, or the file system cannot rename atomically: no entry
    } catch (IOException e) {
      if (!Files.isDirectory(entry)) {
        throw new UncheckedIOException("could not store cache entry " + entry, e);
      }
    } finally {
      if (staging != null) {
        deleteQuietly(staging);
      }
    }
  }

  private static void deleteQuietly(Path folder) {
    try {
      AtomicFiles.deleteTree(folder);
    } catch (UncheckedIOException ignored) {
      // a leftover temporary folder is harmless
    }
  }

}
