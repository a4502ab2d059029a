package dev.gatewright.flow;

import dev.gatewright.tool.FileList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A design as the flows receive it: SystemVerilog files in dependency order and the name of the top
 * module. The files are absolute paths.
 *
 * <p>The usual way to get one is from a file list ({@code <top>.f}) as the emitter writes it: one
 * path per line, relative to the list's folder or absolute; blank lines and lines starting with
 * {@code #} or {@code //} are ignored. Tool options ({@code +incdir+}, {@code -v}) are not supported.
 */
public record DesignFiles(String top, List<Path> files) {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  public DesignFiles {
    Objects.requireNonNull(top, "top");
    Objects.requireNonNull(files, "files");
    if (!IDENTIFIER.matcher(top).matches()) {
      throw new FlowException("not a SystemVerilog module name: '" + top + "'");
    }
    if (files.isEmpty()) {
      throw new FlowException("design '" + top + "' has no source files");
    }
    List<Path> absolute = new ArrayList<>(files.size());
    Set<String> names = new LinkedHashSet<>();
    for (Path file : files) {
      Path path = file.toAbsolutePath().normalize();
      if (!Files.isRegularFile(path)) {
        throw new FlowException("source file of design '" + top + "' does not exist: " + path);
      }
      if (!names.add(path.getFileName().toString())) {
        throw new FlowException("design '" + top + "' has two source files named "
            + path.getFileName() + "; the flows copy sources into one folder, so names must differ");
      }
      absolute.add(path);
    }
    files = List.copyOf(absolute);
  }

  public static DesignFiles of(String top, Path... files) {
    return new DesignFiles(top, List.of(files));
  }

  /** Reads a file list; relative entries are resolved against the list's folder. */
  public static DesignFiles fromFileList(Path fileList, String top) {
    try {
      return new DesignFiles(top, FileList.read(fileList));
    } catch (IllegalArgumentException e) {
      throw new FlowException(e.getMessage());
    }
  }

  /** Copies the sources into {@code folder} and returns the file names in order. */
  public List<String> copyInto(Path folder) {
    List<String> names = new ArrayList<>(files.size());
    try {
      Files.createDirectories(folder);
      for (Path file : files) {
        Path target = folder.resolve(file.getFileName());
        Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        names.add(file.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy the sources of " + top + " into " + folder, e);
    }
    return names;
  }
}
