package dev.gatewright.hdl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The kind of a value decides, at compile time, what may be done with it: these snippets are compiled
 * with javac against the DSL, and the wrong ones must not compile.
 */
class TypedApiTest {

  private static String compile(String body) {
    String source = """
        import static dev.gatewright.hdl.Hdl.*;
        import dev.gatewright.hdl.*;
        class Snippet {
          void build() {
            module("m", m -> {
              %s
            });
          }
        }
        """.formatted(body);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    StringWriter errors = new StringWriter();
    List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d",
        System.getProperty("java.io.tmpdir"), "-proc:none");
    boolean ok = javac.getTask(errors, null, null, options, null, List.of(file)).call();
    return ok ? null : errors.toString();
  }

  private static void assertCompiles(String body) {
    String errors = compile(body);
    assertTrue(errors == null, () -> "expected to compile:\n" + body + "\n" + errors);
  }

  private static void assertDoesNotCompile(String body) {
    assertFalse(compile(body) == null, () -> "expected a compile error:\n" + body);
  }

  @Test
  void inputOfAFixedTypeIsAFixedAndTheRightCallsCompile() {
    assertCompiles("""
        Fixed x = m.input("x", sfix(8, 6));
        Vec<UInt> v = m.input("v", vec(4, uint(8)));
        Bool b = m.input("b", bool());
        UInt sum = v.get(0).add(v.get(1));
        SInt difference = v.get(0).sub(v.get(1));
        Fixed scaled = x.mul(x).resize(sfix(8, 6), Rounding.HALF_EVEN, Overflow.SATURATE);
        Fixed mixed = x.add(sum.toFixed()).add(constant(0, sfix(4, 2)));
        m.output("y", sfix(8, 6)).assign(b.select(scaled, x));
        m.output("z", mixed);
        m.output("d", difference);
        """);
  }

  @Test
  void multiplyingTwoBoolsDoesNotCompile() {
    assertDoesNotCompile("""
        Bool a = m.input("a", bool());
        a.mul(a);
        """);
  }

  @Test
  void aRoundingResizeOfAnIntegerDoesNotCompile() {
    assertDoesNotCompile("""
        UInt a = m.input("a", uint(8));
        a.resize(uint(4), Rounding.HALF_EVEN, Overflow.WRAP);
        """);
  }

  @Test
  void addingAFixedToAnIntegerWithoutAConversionDoesNotCompile() {
    assertDoesNotCompile("""
        Fixed f = m.input("f", sfix(8, 4));
        SInt n = m.input("n", sint(8));
        f.add(n);
        """);
  }

  @Test
  void assigningASignedValueToAnUnsignedOutputDoesNotCompile() {
    assertDoesNotCompile("""
        SInt n = m.input("n", sint(8));
        m.output("y", uint(8)).assign(n);
        """);
  }

  @Test
  void aModuleWithoutAnIoBundleCannotBeInstantiated() {
    assertDoesNotCompile("""
        Component<Void> leaf = module("leaf", l -> l.output("y", bool()).assign(l.input("x", bool())));
        m.instance("u", leaf);
        """);
  }

  @Test
  void theComponentTypeDoesNotClashWithJavaLangModule() {
    assertCompiles("""
        Component<Void> inner = module("inner", l -> l.output("y", bool()).assign(l.input("x", bool())));
        Module javaModule = getClass().getModule();
        m.output("named", bool()).assign(constant(javaModule != null && inner != null));
        """);
  }
}
