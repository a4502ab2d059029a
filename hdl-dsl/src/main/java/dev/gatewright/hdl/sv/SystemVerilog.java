package dev.gatewright.hdl.sv;

import dev.gatewright.hdl.Module;
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
 * {@code name_2}, ...
 */
public final class SystemVerilog {

  private SystemVerilog() {}

  /** The text of every module of the design, in dependency order. */
  public static EmittedDesign emit(Module top) {
    Map<Module, String> finalNames = new IdentityHashMap<>();
    Map<String, String> nameByBody = new HashMap<>();
    NameAllocator moduleNames = new NameAllocator(Set.of());
    List<EmittedDesign.SvFile> files = new ArrayList<>();
    for (Module module : top.hierarchy()) {
      String body = new ModuleWriter(module, "\u0000", finalNames::get).write();
      String key = module.name() + "\u0001" + bodyWithoutHeader(body);
      String existing = nameByBody.get(key);
      if (existing != null) {
        finalNames.put(module, existing);
        continue;
      }
      String name = moduleNames.allocate(module.name());
      finalNames.put(module, name);
      nameByBody.put(key, name);
      files.add(new EmittedDesign.SvFile(name, body.replace("\u0000", name)));
    }
    return new EmittedDesign(finalNames.get(top), files);
  }

  /** The SystemVerilog of one module, its children referred to by their own names. */
  public static String emitModule(Module module) {
    return new ModuleWriter(module, module.name(), Module::name).write();
  }

  /**
   * Writes the design's {@code .sv} files and {@code <top>.f} into {@code directory}, each file
   * atomically and the file list last, so a reader of the list never sees a half-written design.
   */
  public static EmittedDesign write(Module top, Path directory) {
    EmittedDesign design = emit(top);
    for (EmittedDesign.SvFile file : design.files()) {
      AtomicFiles.writeString(directory.resolve(file.fileName()), file.text());
    }
    AtomicFiles.writeString(directory.resolve(design.fileListName()), design.fileList());
    return design;
  }

  /** The module's text without comments, which name source lines that may differ. */
  private static String bodyWithoutHeader(String text) {
    int start = text.indexOf("\nmodule ");
    return (start < 0 ? text : text.substring(start)).replaceAll("//[^\n]*", "");
  }
}
