package dev.gatewright.flow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small hand-written designs under {@code src/test/resources/designs}, copied out of the class
 * path (they may sit in a test jar) and read through their file lists like emitted designs.
 *
 * <ul>
 *   <li>{@code mul_var4}, {@code mul_var2}: 4 and 2 registered 8x8 multipliers on variable operands;
 *   <li>{@code dot4_shift_add}: a constant-weight dot product of four 8-bit inputs in shift-add form,
 *       {@code dot4_shift_add_pruned} the same with two weights pruned to zero;
 *   <li>{@code adder8}, {@code adder16}, {@code adder32}: registered adders of growing width.
 * </ul>
 */
public final class TestDesigns {

  private TestDesigns() {}

  /** Copies design {@code top} and its file list into {@code folder} and reads the list. */
  public static DesignFiles load(String top, Path folder) {
    try {
      Path dir = Files.createDirectories(folder.resolve(top));
      String list = read(top + ".f");
      Files.writeString(dir.resolve(top + ".f"), list, StandardCharsets.UTF_8);
      List<String> files = new ArrayList<>();
      for (String line : list.split("\n")) {
        String entry = line.strip();
        if (!entry.isEmpty() && !entry.startsWith("#")) {
          files.add(entry);
        }
      }
      for (String file : files) {
        Files.writeString(dir.resolve(file), read(file), StandardCharsets.UTF_8);
      }
      return DesignFiles.fromFileList(dir.resolve(top + ".f"), top);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(String name) throws IOException {
    try (InputStream in = TestDesigns.class.getResourceAsStream("/designs/" + name)) {
      if (in == null) {
        throw new IOException("no test design resource designs/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
