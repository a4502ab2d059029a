package dev.gatewright.nn.imports.streamline;

import dev.gatewright.nn.imports.graph.Node;

/** Typed access to node attributes, with defaults; a wrong type is an error naming the attribute. */
final class Attributes {

  private Attributes() {}

  static long integer(Node node, String name, long fallback) {
    Object v = node.attributes().get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d && d == Math.rint(d)) {
      return d.longValue();
    }
    throw new IllegalArgumentException("attribute " + name + " must be an integer, not " + v);
  }

  static double real(Node node, String name, double fallback) {
    Object v = node.attributes().get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new IllegalArgumentException("attribute " + name + " must be a number, not " + v);
  }

  static String string(Node node, String name, String fallback) {
    Object v = node.attributes().get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("attribute " + name + " must be a string, not " + v);
  }

  static long[] longs(Node node, String name, long[] fallback) {
    Object v = node.attributes().get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof long[] l) {
      return l;
    }
    throw new IllegalArgumentException("attribute " + name + " must be a list of integers, not " + v);
  }
}
