package dev.gatewright.sim.vcd;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes a value change dump: signals declared once under their hierarchical names ({@code a.b.x} is
 * {@code x} in scope {@code b} inside {@code a}), then the values that changed at each time.
 */
public final class VcdWriter implements AutoCloseable {

  private final BufferedWriter out;
  private final List<Signal> signals = new ArrayList<>();
  private final List<BigInteger> last = new ArrayList<>();
  private boolean headerWritten;
  private final String top;

  private record Signal(String name, int width, String code) {}

  public VcdWriter(Path file, String top) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open waveform file " + file, e);
    }
    this.top = top;
  }

  /** Declares a signal; returns its index for {@link #change}. */
  public int declare(String hierarchicalName, int width) {
    if (headerWritten) {
      throw new IllegalStateException("declare every signal before the first value");
    }
    signals.add(new Signal(hierarchicalName, width, code(signals.size())));
    last.add(null);
    return signals.size() - 1;
  }

  /** Starts time {@code time}. */
  public void time(long time) {
    header();
    write("#" + time + "\n");
  }

  /** Records the signal's value at the current time, if it changed. */
  public void change(int signal, BigInteger value) {
    header();
    if (value.equals(last.get(signal))) {
      return;
    }
    last.set(signal, value);
    Signal s = signals.get(signal);
    if (s.width == 1) {
      write((value.signum() == 0 ? "0" : "1") + s.code + "\n");
    } else {
      write("b" + value.toString(2) + " " + s.code + "\n");
    }
  }

  public void change(int signal, long value) {
    change(signal, value >= 0 ? BigInteger.valueOf(value) : BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(64)));
  }

  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      header();
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void header() {
    if (headerWritten) {
      return;
    }
    headerWritten = true;
    write("$version gatewright $end\n$timescale 1ns $end\n");
    Scope root = new Scope();
    for (Signal signal : signals) {
      String[] parts = signal.name.split("\\.");
      Scope scope = root;
      for (int i = 0; i < parts.length - 1; i++) {
        scope = scope.children.computeIfAbsent(parts[i], k -> new Scope());
      }
      scope.signals.add(new Signal(parts[parts.length - 1], signal.width, signal.code));
    }
    write("$scope module " + top + " $end\n");
    root.write(this);
    write("$upscope $end\n$enddefinitions $end\n");
  }

  private static final class Scope {
    final TreeMap<String, Scope> children = new TreeMap<>();
    final List<Signal> signals = new ArrayList<>();

    void write(VcdWriter writer) {
      for (Signal signal : signals) {
        writer.write("$var wire " + signal.width + " " + signal.code + " " + signal.name
            + (signal.width > 1 ? " [" + (signal.width - 1) + ":0]" : "") + " $end\n");
      }
      children.forEach((name, scope) -> {
        writer.write("$scope module " + name + " $end\n");
        scope.write(writer);
        writer.write("$upscope $end\n");
      });
    }
  }

  private void write(String text) {
    try {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String code(int index) {
    StringBuilder code = new StringBuilder();
    int i = index;
    do {
      code.append((char) ('!' + i % 94));
      i /= 94;
    } while (i > 0);
    return code.toString();
  }
}
