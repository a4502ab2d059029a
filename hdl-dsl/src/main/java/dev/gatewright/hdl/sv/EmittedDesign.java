package dev.gatewright.hdl.sv;

import java.util.List;

/** The SystemVerilog of a design: its files in dependency order, the top module last. */
public record EmittedDesign(String top, List<SvFile> files) {

  public EmittedDesign {
    files = List.copyOf(files);
  }

  /**
   * One module's file. The text is kept as the writer built it (a large design's text is not copied into a
   * second string unless {@link #text()} asks for one); two files are equal when their texts are.
   */
  public record SvFile(String module, CharSequence content) {

    public String fileName() {
      return module + ".sv";
    }

    /** The SystemVerilog text. */
    public String text() {
      return content.toString();
    }

    /** Characters of text. */
    public int length() {
      return content.length();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof SvFile f && f.module.equals(module) && CharSequence.compare(f.content, content) == 0;
    }

    @Override
    public int hashCode() {
      return module.hashCode() * 31 + content.length();
    }

    @Override
    public String toString() {
      return "SvFile[module=" + module + ", text=" + content + "]";
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
