package dev.gatewright.hdl;

import java.util.ArrayDeque;

/** Where the bundle now being constructed on this thread puts its fields. */
record BundleScope(DataType.LeafMaker leaves, String path, boolean flipped) {

  private static final ThreadLocal<ArrayDeque<BundleScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

  static BundleScope current() {
    return STACK.get().peek();
  }

  static <B> B constructing(BundleScope scope, java.util.function.Supplier<B> factory) {
    ArrayDeque<BundleScope> stack = STACK.get();
    stack.push(scope);
    try {
      return factory.get();
    } finally {
      stack.pop();
    }
  }
}
