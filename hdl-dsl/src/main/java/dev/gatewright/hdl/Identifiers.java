package dev.gatewright.hdl;

/** What a name given to a module, port, signal, memory or instance may look like. */
public final class Identifiers {

  private Identifiers() {}

  /** Letters, digits and {@code _}, not starting with a digit (null and "" are not identifiers). */
  public static boolean isIdentifier(String name) {
    if (name == null || name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  static void checkName(String given, SourceLocation at) {
    if (!isIdentifier(given)) {
      throw new HdlException(given, at, "'" + given + "' is not a valid name (letters, digits and _, not starting "
          + "with a digit)");
    }
  }

  static void requireType(String name, DataType<?> type, SourceLocation at) {
    if (type == null) {
      throw new HdlException(name, at, "'" + name + "' needs a type, not null");
    }
  }
}
