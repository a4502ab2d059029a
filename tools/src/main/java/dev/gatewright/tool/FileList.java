package dev.gatewright.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code <top>.f} file list, the format gatewright's SystemVerilog emitter writes: one source path
 * per line, relative to the list's folder or absolute; blank lines and {@code #} or {@code //}
 * comments are skipped. Tool options ({@code -I}, {@code +define}) are rejected, naming the line.
 */
public final class FileList {

  private FileList() {}

  /** The absolute source paths the list names, in order. */
  public static List<Path> read(Path fileList) {
    Path list = fileList.toAbsolutePath().normalize();
    List<String> lines;
    try {
      lines = Files.readAllLines(list, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the file list " + list + ": " + IoReason.of(e), e);
    }
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
        continue;
      }
      if (line.startsWith("-") || line.startsWith("+")) {
        throw new IllegalArgumentException(list + ":" + (i + 1) + ": tool options are not supported in a file"
            + " list, only one source path per line: '" + line + "'");
      }
      files.add(list.getParent().resolve(line));
    }
    return files;
  }
}
