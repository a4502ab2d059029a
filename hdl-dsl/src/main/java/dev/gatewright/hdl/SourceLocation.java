package dev.gatewright.hdl;

import java.security.CodeSource;
import java.util.Objects;

/**
 * A place in the user's source: the first stack frame outside gatewright's own classes (and outside
 * the JDK) when a signal was declared, assigned or misused.
 */
public record SourceLocation(String file, int line) {

  public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0);

  /** The example generators are written as a user would write them: their lines are the user's. */
  private static final String EXAMPLES = "dev.gatewright.hdl.examples";
  private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), 6);
  private static final CodeSource OWN_CODE = SourceLocation.class.getProtectionDomain().getCodeSource();
  private static final ClassValue<Boolean> IS_USER_CLASS = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      if (type.getPackageName().equals(EXAMPLES)) {
        return true;
      }
      CodeSource source = type.getProtectionDomain().getCodeSource();
      return source != null && !Objects.equals(source.getLocation(), OWN_CODE == null ? null : OWN_CODE.getLocation());
    }
  };

  public SourceLocation {
    Objects.requireNonNull(file, "file");
  }

  /** Where the code that called into gatewright is. */
  public static SourceLocation capture() {
    return WALKER.walk(SourceLocation::firstUserFrame);
  }

  private static SourceLocation firstUserFrame(java.util.stream.Stream<StackWalker.StackFrame> frames) {
    var iterator = frames.iterator();
    while (iterator.hasNext()) {
      StackWalker.StackFrame frame = iterator.next();
      if (IS_USER_CLASS.get(frame.getDeclaringClass())) {
        return shared(frame.getFileName() == null ? frame.getClassName() : frame.getFileName(), frame.getLineNumber());
      }
    }
    return UNKNOWN;
  }

  /**
   * Recently captured locations by line: a generator's loop captures the same few lines again and again,
   * and a large design keeps one object per line instead of one per declaration. (Racy by design: an
   * entry is an immutable record, so a reader sees either a complete one or another line's.)
   */
  private static final SourceLocation[] RECENT = new SourceLocation[256];

  private static SourceLocation shared(String file, int line) {
    int slot = line & (RECENT.length - 1);
    SourceLocation recent = RECENT[slot];
    if (recent != null && recent.line == line && recent.file.equals(file)) {
      return recent;
    }
    SourceLocation location = new SourceLocation(file, line);
    RECENT[slot] = location;
    return location;
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
