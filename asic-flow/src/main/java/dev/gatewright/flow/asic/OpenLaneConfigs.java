package dev.gatewright.flow.asic;

import dev.gatewright.flow.FlowException;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Writes a set of OpenLane configurations, one folder per design, the way they are checked in under
 * {@code openlane-configs/}. The set is given by the caller as {@link Entry entries}: a name (the
 * folder) and a function that emits the design's SystemVerilog into a scratch folder and returns its
 * config. The checked-in set (the jet-tagging MLP and the 8x8 MAC array) needs the network generators,
 * so it is registered where they are visible: {@code gatewright openlane-configs} in the CLI.
 */
public final class OpenLaneConfigs {

  /** One checked-in design: {@code config} emits the SV into the folder it is given. */
  public record Entry(String name, Function<Path, OpenLaneConfig> config) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(config, "config");
      if (!name.matches("[A-Za-z0-9_]+")) {
        throw new FlowException("an OpenLane config folder needs a plain name, not '" + name + "'");
      }
    }
  }

  private OpenLaneConfigs() {}

  /** Writes every entry's config into {@code root/<name>} and returns the folders written. */
  public static List<Path> regenerate(Path root, List<Entry> entries) {
    List<Path> written = new ArrayList<>();
    Path scratch;
    try {
      scratch = Files.createTempDirectory("gatewright-openlane-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a scratch folder", e);
    }
    try {
      for (Entry entry : entries) {
        OpenLaneConfig config = entry.config().apply(scratch.resolve(entry.name()));
        Path folder = root.resolve(entry.name());
        config.writeTo(folder);
        written.add(folder);
      }
    } finally {
      AtomicFiles.deleteTree(scratch);
    }
    return written;
  }

  /** The design folders present under {@code root}, by name. */
  public static List<String> present(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return new ArrayList<>(new TreeSet<>(children.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString()).toList()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + root, e);
    }
  }

  /**
   * What regenerating {@code entries} would change under {@code root}: the files (as
   * {@code <design>/<path>}) that are missing, extra or different, and the design folders present
   * but not among the entries. Empty when {@code root} is up to date.
   */
  public static List<String> differences(Path root, List<Entry> entries) {
    Path fresh;
    try {
      fresh = Files.createTempDirectory("gatewright-openlane-check-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a scratch folder", e);
    }
    try {
      regenerate(fresh, entries);
      List<String> differences = new ArrayList<>();
      TreeSet<String> names = new TreeSet<>(present(root));
      entries.forEach(entry -> names.add(entry.name()));
      for (String name : names) {
        TreeMap<String, byte[]> expected = files(fresh.resolve(name));
        TreeMap<String, byte[]> actual = files(root.resolve(name));
        TreeSet<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        for (String path : paths) {
          if (!Arrays.equals(expected.get(path), actual.get(path))) {
            differences.add(name + "/" + path + (expected.containsKey(path)
                ? actual.containsKey(path) ? " differs" : " is missing" : " is not generated"));
          }
        }
      }
      return differences;
    } finally {
      AtomicFiles.deleteTree(fresh);
    }
  }

  /** The regular files under {@code folder} by relative path ({@code /}-separated), with their bytes. */
  private static TreeMap<String, byte[]> files(Path folder) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + folder, e);
    }
    return files;
  }
}
