package dev.gatewright.sim.java;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Defines the classes generated for one design, and holds the constants their bytecode loads through
 * {@link Kernels#constant}. The classes go away with the loader when no simulation uses them.
 */
final class DesignLoader extends ClassLoader {

  /** A folder to write every generated class into, for {@code javap -c} (debugging the compiler). */
  static final String DUMP_PROPERTY = "gatewright.sim.dumpClasses";

  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> pending = new HashMap<>();
  private final List<Object> constants = new ArrayList<>();

  DesignLoader() {
    super("gatewright-design", DesignLoader.class.getClassLoader());
  }

  /** Registers a constant; returns its index for {@link Kernels#constant}. */
  synchronized int addConstant(Object value) {
    constants.add(value);
    return constants.size() - 1;
  }

  synchronized Object constant(int index) {
    return constants.get(index);
  }

  synchronized void add(String binaryName, byte[] bytes) {
    pending.put(binaryName, bytes);
    String dump = System.getProperty(DUMP_PROPERTY);
    if (dump != null) {
      Path file = Path.of(dump).resolve(binaryName.replace('.', '/') + ".class");
      try {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write the generated class " + file + " (-D" + DUMP_PROPERTY + ")", e);
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes;
    synchronized (this) {
      bytes = pending.remove(name);
    }
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }
}
