package dev.gatewright.flow.asic;

import dev.gatewright.flow.FlowException;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cells of a liberty file that synthesis may use, with their areas.
 *
 * <p>Yosys 0.23's {@code abc} and {@code dfflibmap} have no {@code -dont_use}, so flows hand them a
 * copy of the liberty without the cells synthesis must not pick ({@link #SKY130_DONT_USE}): power
 * management (lpflow), probes, delay cells, physical-only cells, latches and clock gates, tristates,
 * scan flops and the weak {@code _0} drive strengths. 305 of the 418 {@code sky130_fd_sc_hd} cells
 * remain.
 */
public record Liberty(Path file, Map<String, Double> areas, Set<String> flipFlops) {

  private static final String HD = "sky130_fd_sc_hd__";

  /** The cells a SKY130 HD synthesis flow must not map to, by name after the library prefix. */
  public static final Predicate<String> SKY130_DONT_USE = name -> {
    String cell = name.startsWith(HD) ? name.substring(HD.length()) : name;
    for (String prefix : List.of("lpflow_", "probe", "clkdlybuf", "dlygate", "dlymetal", "decap",
        "diode", "fill", "tap", "dl", "sdl", "ebufn", "einv", "sdf", "sedf", "macro_sparecell")) {
      if (cell.startsWith(prefix)) {
        return true;
      }
    }
    return cell.endsWith("_0");
  };

  private static final Pattern CELL =
      Pattern.compile("(?m)^[ \\t]*cell\\s*\\(\\s*\"?([^\")\\s]+)\"?\\s*\\)\\s*\\{");
  private static final Pattern AREA = Pattern.compile("(?m)^\\s*area\\s*:\\s*([0-9.eE+-]+)\\s*;");
  private static final Pattern FF = Pattern.compile("(?m)^\\s*ff\\s*\\(");

  public Liberty {
    areas = Collections.unmodifiableMap(new TreeMap<>(areas));
    flipFlops = Collections.unmodifiableSet(new TreeSet<>(flipFlops));
  }

  /** Reads the cells of a liberty file. */
  public static Liberty read(Path file) {
    return scan(file, readText(file), name -> false, null);
  }

  /**
   * Writes {@code source} without the cells {@code dontUse} names to {@code target} (atomically)
   * and returns what remains.
   */
  public static Liberty filter(Path source, Path target, Predicate<String> dontUse) {
    StringBuilder kept = new StringBuilder();
    Liberty result = scan(target, readText(source), dontUse, kept);
    AtomicFiles.writeString(target, kept.toString());
    return result;
  }

  /**
   * The don't-use-filtered copy of {@code pdk}'s liberty in {@code cacheDir}, made once per source
   * file (named by its size and modification time) and reused after.
   */
  public static Liberty sky130Synthesis(Pdk pdk, Path cacheDir) {
    Path source = pdk.liberty();
    try {
      String stamp = Files.size(source) + "-" + Files.getLastModifiedTime(source).toMillis();
      Path target = cacheDir.resolve(pdk.library() + "__" + pdk.corner() + ".synth." + stamp + ".lib");
      if (Files.isRegularFile(target)) {
        return read(target);
      }
      return filter(source, target, SKY130_DONT_USE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + source, e);
    }
  }

  public double area(String cell) {
    Double area = areas.get(cell);
    if (area == null) {
      throw new FlowException("cell " + cell + " is not in " + file);
    }
    return area;
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the liberty " + file, e);
    }
  }

  /** Walks the cell groups; copies the text of those kept into {@code out} when it is given. */
  private static Liberty scan(Path file, String text, Predicate<String> dontUse, StringBuilder out) {
    Map<String, Double> areas = new TreeMap<>();
    Set<String> flipFlops = new TreeSet<>();
    Matcher cell = CELL.matcher(text);
    int copied = 0;
    int from = 0;
    while (cell.find(from)) {
      String name = cell.group(1);
      int open = cell.end() - 1;
      int close = matchingBrace(text, open, file);
      if (dontUse.test(name)) {
        if (out != null) {
          out.append(text, copied, cell.start());
        }
        copied = close + 1;
      } else {
        String body = text.substring(open, close);
        Matcher area = AREA.matcher(body);
        if (!area.find()) {
          throw new FlowException("cell " + name + " in " + file + " has no area");
        }
        areas.put(name, Double.parseDouble(area.group(1)));
        if (FF.matcher(body).find()) {
          flipFlops.add(name);
        }
      }
      from = close + 1;
    }
    if (areas.isEmpty()) {
      throw new FlowException(file + " has no cells; is it a liberty file?");
    }
    if (out != null) {
      out.append(text, copied, text.length());
    }
    return new Liberty(file, areas, flipFlops);
  }

  private static int matchingBrace(String text, int open, Path file) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        i = skipString(text, i);
      } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 1;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    throw new FlowException("unbalanced braces in " + file + " after offset " + open);
  }

  private static int skipString(String text, int quote) {
    for (int i = quote + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return text.length();
  }
}
