package dev.gatewright.hdl.sv;

import java.util.List;

/** The SystemVerilog of a design: its files in dependency order, the top module last. */
public record EmittedDesign(String top, List<SvFile> files) {

  public EmittedDesign {
    files = List.copyOf(files);
  }

  /** One module's file. */
  public record SvFile(String module, String text) {
    public String fileName() {
      return module + ".sv";
    }
  }

  public String fileListName() {
    return top + ".f";
  }

  /** The {@code <top>.f} contents: one file name per line, relative to the list's folder. */
  public String fileList() {
    StringBuilder list = new StringBuilder();
    for (SvFile file : files) {
      list.append(file.fileName()).append('\n');
    }
    return list.toString();
  }

  public SvFile file(String module) {
    return files.stream().filter(f -> f.module().equals(module)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no module " + module + " in " + top));
  }
}
