package dev.gatewright.sim.verilator.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads a design's shared library and binds its C ABI, once per library per JVM. */
public final class AbiBinding {

  /** DirectAbi's class file, read once: a rebuild of the classes folder mid-run must not break binding. */
  private static final byte[] DIRECT_ABI_CLASS = readClass(DirectAbi.class);
  private static final Map<Path, NativeAbi> DIRECT = new ConcurrentHashMap<>();
  private static final Map<Path, NativeAbi> PROXY = new ConcurrentHashMap<>();

  private AbiBinding() {}

  /** The library bound with direct mapping: the fast path. */
  public static NativeAbi direct(Path library) {
    return DIRECT.computeIfAbsent(library.toAbsolutePath().normalize(), AbiBinding::bindDirect);
  }

  /** The library bound with interface mapping: slower per call, for comparison. */
  public static NativeAbi proxy(Path library) {
    return PROXY.computeIfAbsent(library.toAbsolutePath().normalize(),
        path -> new ProxyAbi(Native.load(path.toString(), ProxyAbi.Functions.class)));
  }

  private static NativeAbi bindDirect(Path library) {
    NativeLibrary nativeLibrary = NativeLibrary.getInstance(library.toString());
    try {
      Class<?> copy = new OneClassLoader(AbiBinding.class.getClassLoader(), DirectAbi.class.getName(),
          DIRECT_ABI_CLASS).loadClass(DirectAbi.class.getName());
      Native.register(copy, nativeLibrary);
      return (NativeAbi) copy.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not bind " + library, e);
    }
  }

  private static byte[] readClass(Class<?> type) {
    String resource = type.getSimpleName() + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("cannot read the class file of " + type.getName());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the class file of " + type.getName(), e);
    }
  }

  /** Defines its own copy of one class (so that its natives can be registered again), delegates the rest. */
  private static final class OneClassLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final String isolated;
    private final byte[] bytes;

    OneClassLoader(ClassLoader parent, String isolated, byte[] bytes) {
      super(parent);
      this.isolated = isolated;
      this.bytes = bytes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(isolated)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = defineClass(name, bytes, 0, bytes.length);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }
}
