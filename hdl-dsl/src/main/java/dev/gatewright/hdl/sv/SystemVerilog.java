package dev.gatewright.hdl.sv;

import dev.gatewright.hdl.Component;
import dev.gatewright.tool.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits a design as SystemVerilog: one {@code <module>.sv} per module and a {@code <top>.f} file list
 * naming them children first. The same design always gives the same bytes. A module built twice with
 * the same contents is emitted once; different modules that want the same name get {@code name_1},
 * {@code name_2}, ..., and so does a module that declares a port or net of its own name.
 */
public final class SystemVerilog {

  private SystemVerilog() {}

  /** The text of every module of the design, in dependency order. */
  public static EmittedDesign emit(Component<?> top) {
    Map<Component<?>, String> finalNames = new IdentityHashMap<>();
    Map<String, List<Emitted>> byName = new HashMap<>();
    NameAllocator moduleNames = new NameAllocator(Set.of());
    List<EmittedDesign.SvFile> files = new ArrayList<>();
    for (Component<?> module : top.hierarchy()) {
      ModuleWriter writer = new ModuleWriter(module, finalNames::get);
      List<Emitted> sameName = byName.computeIfAbsent(module.name(), k -> new ArrayList<>());
      if (sameName.isEmpty()) {
        // the first module of its name cannot have a twin: write it under its final name at once
        String name = allocate(moduleNames, module, writer);
        StringBuilder text = writer.build(name);
        finalNames.put(module, name);
        sameName.add(new Emitted(name, text));
        files.add(new EmittedDesign.SvFile(name, text));
        continue;
      }
      String body = writer.write(PLACEHOLDER);
      String key = bodyWithoutComments(body);
      Emitted twin = sameName.stream().filter(e -> e.key().equals(key)).findFirst().orElse(null);
      if (twin != null) {
        finalNames.put(module, twin.name());
        continue;
      }
      String name = allocate(moduleNames, module, writer);
      finalNames.put(module, name);
      String text = withName(body, name, PLACEHOLDER);
      sameName.add(new Emitted(name, text));
      files.add(new EmittedDesign.SvFile(name, text));
    }
    return new EmittedDesign(finalNames.get(top), files);
  }

  /** A free module name that none of the module's own ports or nets has. */
  private static String allocate(NameAllocator moduleNames, Component<?> module, ModuleWriter writer) {
    String name = moduleNames.allocate(module.name());
    while (writer.declares(name)) {
      // Verilator names a top module's instance after the module, and then rejects a signal of that name
      name = moduleNames.allocate(module.name());
    }
    return name;
  }

  private static final String PLACEHOLDER = "\u0000";

  /** A module already emitted; its comment-free text is computed only if another module wants its name. */
  private static final class Emitted {
    private final String name;
    private final CharSequence body;
    private String key;

    Emitted(String name, CharSequence body) {
      this.name = name;
      this.body = body;
    }

    String name() {
      return name;
    }

    String key() {
      if (key == null) {
        key = bodyWithoutComments(withName(body.toString(), PLACEHOLDER, name));
      }
      return key;
    }
  }

  /** The text with the module's name in its two header lines replaced. */
  private static String withName(String body, String name, String current) {
    int end = body.indexOf(");\n");
    end = end < 0 ? body.indexOf(";\n", body.indexOf("\nmodule ")) : end;
    return body.substring(0, end).replace("module " + current, "module " + name) + body.substring(end);
  }

  /** The SystemVerilog of one module, its children referred to by their own names. */
  public static String emitModule(Component<?> module) {
    return new ModuleWriter(module, Component::name).write(module.name());
  }

  /**
   * Writes the design's {@code .sv} files and {@code <top>.f} into {@code directory}, each file
   * atomically and the file list last, so a reader of the list never sees a half-written design.
   */
  public static EmittedDesign write(Component<?> top, Path directory) {
    EmittedDesign design = emit(top);
    for (EmittedDesign.SvFile file : design.files()) {
      AtomicFiles.writeString(directory.resolve(file.fileName()), file.content());
    }
    AtomicFiles.writeString(directory.resolve(design.fileListName()), design.fileList());
    return design;
  }

  /** The module's text without comments, which name source lines that may differ. */
  private static String bodyWithoutComments(String text) {
    int start = text.indexOf("\nmodule ");
    return (start < 0 ? text : text.substring(start)).replaceAll("//[^\n]*", "");
  }
}
